// Two `pulumi up` of two stacks on one store file at the same time, each giving the same vnet a
// registration zone: both previews pass (neither has written yet), the creates race in two provider
// hosts, and exactly one wins; the other fails with L3 naming the winner's zone (one BEGIN IMMEDIATE
// transaction per operation, DESIGN.md). The store ends with one registration link for the vnet.
import * as path from "path";
import * as os from "os";
import * as fs from "fs";

import { afterAll, describe, expect, it } from "vitest";

import { Emulator } from "../../dist/provider/emulator";
import { cliEnv } from "../support/pulumi-cli";
import { CliStack, cliStack } from "./cli-stack";

const T = 300_000;
const fixture = "test/fixtures/e2e-registration";

describe("two pulumi up on one store at once", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-race-"));
  const db = path.join(dir, "shared.db");
  const cli = cliEnv();
  const stacks: CliStack[] = [];
  afterAll(() => {
    stacks.forEach((s) => s.cleanup());
    cli.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("L3 holds across the two stacks: one registration zone for the vnet, the loser refused", async () => {
    const emu = Emulator.open(db);
    const vnetId = emu.createVnet({ virtualNetworkName: "shared", addressSpace: { addressPrefixes: ["10.9.0.0/16"] } }).id;
    emu.close();
    for (const [name, zone] of [["left", "left.internal"], ["right", "right.internal"]]) {
      stacks.push(await cliStack(fixture, { stackName: name, db, cli, config: { zone, vnetId } }));
    }
    const runs = await Promise.all(stacks.map((s) => s.run(["up", "--yes"])));
    const codes = runs.map((r) => r.code).sort();
    expect(codes, runs.map((r) => r.output).join("\n----\n")).toEqual([0, 1]);
    const loser = runs.find((r) => r.code !== 0)!;
    const winnerZone = runs[0].code === 0 ? "left.internal" : "right.internal";
    expect(loser.stdout).toContain(
      `Conflict (L3): A virtual network can only be linked to 1 Private DNS zone(s) with auto-registration enabled; conflicting Private DNS zone is "${winnerZone}"`,
    );
    const store = Emulator.open(db);
    try {
      expect(store.listLinks().map((l) => [l.privateZoneName, l.registrationEnabled])).toEqual([[winnerZone, true]]);
    } finally {
      store.close();
    }
  }, T);
});

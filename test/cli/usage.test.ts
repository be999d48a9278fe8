/** Help, usage errors, exit codes and the missing-store error. */
import { describe, expect, it } from "vitest";
import { privatedns } from "../support/cli";
import { tempDb } from "../support/store";
import * as fs from "fs";

const SUBCOMMANDS = ["zones", "links", "records", "vms", "endpoints", "resolve", "serve", "export", "reset"];

describe("help and usage", () => {
  it("--help lists every subcommand and the exit codes", () => {
    const r = privatedns(["--help"]);
    expect(r.code).toBe(0);
    for (const c of SUBCOMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\s`, "m"));
    expect(r.stdout).toContain("Exit codes:");
    expect(r.stdout).toMatch(/3 {2}resolve: NXDOMAIN or REFUSED/);
  });

  it.each(SUBCOMMANDS)("%s --help prints its usage on stdout, exit 0, without touching a store", (c) => {
    const r = privatedns([c, "--help", "--db", "/nonexistent/x.db"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: privatedns ${c}`));
    expect(r.stderr).toBe("");
    expect(privatedns(["help", c]).stdout).toBe(r.stdout);
  });

  it("no subcommand: help on stderr, exit 2", () => {
    const r = privatedns([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Usage: privatedns");
  });

  it("unknown subcommand, unknown option and extra argument: exit 2, message on stderr", () => {
    const cases = [["frobnicate"], ["zones", "--frob"], ["zones", "extra"], ["links", "--zone"]];
    for (const args of cases) {
      const r = privatedns(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^privatedns: /);
    }
  });

  it("a missing store is exit 1 and is not created", () => {
    const db = tempDb();
    for (const c of [["zones"], ["vms", "--json"], ["endpoints"], ["export"], ["reset", "--yes"], ["resolve", "--vnet", "hub", "x.y"]]) {
      const r = privatedns(["--db", db, ...c]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`no emulator store at '${db}'`);
    }
    expect(fs.existsSync(db)).toBe(false);
  });
});

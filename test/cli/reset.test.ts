/** `privatedns reset`: asks on a terminal, refuses without one unless --yes. */
import { describe, expect, it } from "vitest";
import { hasScript, privatedns, privatednsOnTty } from "../support/cli";
import { fillStore, tempDb } from "../support/store";

const zoneCount = (db: string) => JSON.parse(privatedns(["--db", db, "zones", "--json"]).stdout).length;

describe("reset", () => {
  it("without a terminal and without --yes it refuses (exit 2) and deletes nothing", () => {
    const db = tempDb();
    fillStore(db);
    const r = privatedns(["--db", db, "reset"], { input: "y\n" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("without --yes");
    expect(zoneCount(db)).toBe(2);
  });

  it("--yes deletes everything, the store stays usable", () => {
    const db = tempDb();
    fillStore(db);
    const r = privatedns(["--db", db, "reset", "--yes"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`reset ${db}\n`);
    expect(zoneCount(db)).toBe(0);
    expect(privatedns(["--db", db, "zones"]).stdout).toBe("no zones\n");
    fillStore(db); // same names again: nothing left behind
    expect(zoneCount(db)).toBe(2);
  });

  it.runIf(hasScript())("on a terminal it asks: 'n' keeps everything (exit 1), 'y' deletes (exit 0)", () => {
    const db = tempDb();
    fillStore(db);
    const no = privatednsOnTty(["--db", db, "reset"], "n\n");
    expect(no.stdout).toContain(`Delete everything in ${db} (2 zones, 5 vnets, 3 links, 3 VMs)? [y/N]`);
    expect(no.stdout).toContain("reset aborted; nothing deleted");
    expect(no.code).toBe(1);
    expect(zoneCount(db)).toBe(2);
    const yes = privatednsOnTty(["--db", db, "reset"], "y\n");
    expect(yes.code).toBe(0);
    expect(zoneCount(db)).toBe(0);
  });
});

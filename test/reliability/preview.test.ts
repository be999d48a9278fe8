/**
 * Preview never changes the store: a store with content (made by an `up` through the real dynamic-provider
 * host), then a preview deployment (another host process, as the engine starts one per preview) that runs
 * every kind's check, diff and read hundreds of times, accepted and refused (L3, L5, Z4, Z6, A9, R1, R4, ...),
 * with known and unknown inputs. While the preview host is open the -wal holds no frame; once it has closed
 * the db file has the same bytes and the export is identical.
 */
import * as fs from "fs";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator } from "../../dist/provider/emulator";
import { Deployment, Kind, Props, REPO, serializeProviders, Serialized, tempDir, UNKNOWN, vnetArmId } from "../support/provider-harness";

type State = { id: string; outs: Props; inputs: Props };

let ser: Serialized;
let db: string;
const states: Record<string, { kind: Kind; state: State }> = {};
const open: Deployment[] = [];

const zoneIn = (name: string, extra: Props = {}) => ({ privateZoneName: name, ...extra });
const vnetIn = (name: string, prefix: string) => ({ virtualNetworkName: name, addressSpace: { addressPrefixes: [prefix] } });
const linkIn = (zone: string, vnet: string, registrationEnabled: boolean, name = `${vnet}-link`) =>
  ({ privateZoneName: zone, virtualNetworkLinkName: name, virtualNetwork: { id: vnetArmId(vnet) }, registrationEnabled });
const vmIn = (name: string, vnet: string, ip: string, extra: Props = {}) =>
  ({ vmName: name, virtualNetwork: { id: vnetArmId(vnet) }, networkInterfaces: [{ name: "nic0", privateIPAddress: ip }], ...extra });

/** What `up` creates first: the content the preview must leave alone. */
const CONTENT: [Kind, string, Props][] = [
  ["Zone", "corp", zoneIn("corp.internal", { tags: { env: "dev" } })],
  ["Zone", "other", zoneIn("other.internal")],
  ["Zone", "pl", zoneIn("privatelink.blob.core.windows.net")],
  ["Vnet", "hub", vnetIn("hub", "10.0.0.0/16")],
  ["Vnet", "spoke", vnetIn("spoke", "10.1.0.0/16")],
  ["VnetLink", "hub-reg", linkIn("corp.internal", "hub", true)],
  ["VnetLink", "spoke-res", linkIn("corp.internal", "spoke", false)],
  ["VnetLink", "spoke-reg", linkIn("other.internal", "spoke", true)],
  ["Vm", "web", vmIn("web", "hub", "10.0.0.4")],
  ["Vm", "app", vmIn("app", "spoke", "10.1.0.4", { computerName: "app1" })],
  ["Vm", "off", vmIn("off", "hub", "10.0.0.5", { powerState: "deallocated" })],
  ["RecordSet", "www", { privateZoneName: "corp.internal", relativeRecordSetName: "www", recordType: "CNAME", ttl: 300, cnameRecord: { cname: "web.corp.internal" } }],
  ["RecordSet", "mail", { privateZoneName: "corp.internal", relativeRecordSetName: "mail", recordType: "A", ttl: 300, aRecords: [{ ipv4Address: "10.0.9.9" }] }],
  ["RecordSet", "txt", { privateZoneName: "corp.internal", relativeRecordSetName: "@", recordType: "TXT", ttl: 60, txtRecords: [{ value: ["v=spf1 -all"] }] }],
];

/** New resources a preview checks: accepted ones and ones refused by a rule, with the rule expected (or none). */
const NEW: [Kind, string, Props, string | undefined][] = [
  ["Zone", "new-zone", zoneIn("new.internal"), undefined],
  ["Zone", "reserved", zoneIn("azure.com"), "Z4"],
  ["Zone", "single", zoneIn("contoso"), "Z1"],
  ["Zone", "again", zoneIn("corp.internal"), "Z6"],
  ["Vnet", "again", vnetIn("hub", "10.0.0.0/16"), "E"],
  ["Vnet", "unknown-space", { virtualNetworkName: "v9", addressSpace: UNKNOWN }, undefined],
  ["VnetLink", "second-reg", linkIn("other.internal", "hub", true, "hub-2"), "L3"],
  ["VnetLink", "twice", linkIn("corp.internal", "spoke", false, "spoke-2"), "L5"],
  ["VnetLink", "redirect", { ...linkIn("corp.internal", "spoke", false, "r"), resolutionPolicy: "NxDomainRedirect" }, "L12"],
  ["VnetLink", "unknown-vnet", { ...linkIn("new.internal", "hub", true, "u"), virtualNetwork: { id: UNKNOWN } }, undefined],
  ["Vm", "same-ip", vmIn("web2", "hub", "10.0.0.4"), "A9"],
  ["Vm", "outside", vmIn("far", "hub", "10.7.0.4"), "A9"],
  ["Vm", "new-vm", vmIn("db", "hub", "10.0.0.6"), undefined],
  ["RecordSet", "cname-clash", { privateZoneName: "corp.internal", relativeRecordSetName: "www", recordType: "A", ttl: 5, aRecords: [{ ipv4Address: "10.0.0.1" }] }, "R4"],
  ["RecordSet", "exists", { privateZoneName: "corp.internal", relativeRecordSetName: "mail", recordType: "A", ttl: 5, aRecords: [] }, "R1"],
  ["RecordSet", "ns", { privateZoneName: "corp.internal", relativeRecordSetName: "sub", recordType: "NS", ttl: 5 }, "Z5"],
  ["RecordSet", "over-auto", { privateZoneName: "corp.internal", relativeRecordSetName: "web", recordType: "A", ttl: 5, aRecords: [{ ipv4Address: "10.0.0.99" }] }, undefined],
];

/** Changed inputs for existing resources (diff after check with olds): in place, replaced, refused. */
const CHANGES: Record<string, Props> = {
  corp: zoneIn("corp.internal", { tags: { env: "prod" } }),
  other: zoneIn("renamed.internal"),
  hub: vnetIn("hub", "10.0.0.0/30"), // refused: the VMs' NICs would be outside (A9)
  "spoke-res": linkIn("corp.internal", "spoke", true), // L3: spoke already registers into other.internal
  "hub-reg": { ...linkIn("corp.internal", "hub", true), tags: { owner: "net" } }, // in place (disabling it would lift L3 for the others)
  web: vmIn("web", "hub", "10.0.0.4", { computerName: "www1" }), // renamed host (keeping its address, which same-ip claims)
  off: vmIn("off", "hub", "10.0.0.5"), // powered on
  www: { privateZoneName: "corp.internal", relativeRecordSetName: "www", recordType: "CNAME", ttl: 30, cnameRecord: { cname: "app.corp.internal" } },
  mail: { privateZoneName: "corp.internal", relativeRecordSetName: "mail", recordType: "A", ttl: UNKNOWN, aRecords: [UNKNOWN] },
};

beforeAll(async () => {
  ser = serializeProviders(REPO);
  db = path.join(tempDir(), "emulator.db");
  const up = await Deployment.start(REPO, ser.providers, { db });
  try {
    for (const [kind, name, inputs] of CONTENT) states[name] = { kind, state: await up.create(kind, name, inputs) };
  } finally {
    await up.close();
  }
  // The host is stopped by a signal, without closing its connection: the next opener folds its WAL into the db
  // file. Do that once here (open, close), so that the file is settled before the preview's snapshot.
  Emulator.open(db).close();
}, 120_000);
afterAll(async () => {
  await Promise.all(open.splice(0).map((d) => d.close()));
});

const rulesOf = (failures: { reason: string }[]) => failures.map((f) => /\(([A-Z][0-9]*)\)/.exec(f.reason)?.[1]);

describe("preview never changes the store", () => {
  it("hundreds of checks, diffs and reads (accepted and refused) leave the db file's bytes, its -wal and the export as they were", async () => {
    const wal = `${db}-wal`;
    const before = { bytes: fs.readFileSync(db), wal: fs.existsSync(wal) ? fs.statSync(wal).size : 0 };
    const emu = Emulator.open(db);
    const exportBefore = JSON.stringify(emu.export());
    emu.close();
    expect(fs.readFileSync(db).equals(before.bytes), "opening and closing to export changed nothing").toBe(true);
    expect(before.wal).toBe(0);

    const preview = await Deployment.start(REPO, ser.providers, { db });
    open.push(preview);
    let calls = 0;
    const refusedRules = new Set<string>();
    for (let round = 0; round < 8; round++) {
      for (const [kind, name, inputs, rule] of NEW) {
        const checked = await preview.check(kind, name, inputs); // same URN each round: its claim is replaced, not added
        calls++;
        const rules = rulesOf(checked.failures);
        if (rule) {
          expect(rules, `${kind} ${name} (round ${round}): ${JSON.stringify(checked)}`).toContain(rule);
          refusedRules.add(rule);
        } else expect(checked.failures, `${kind} ${name}`).toEqual([]);
      }
      for (const [name, { kind, state }] of Object.entries(states)) {
        const news = CHANGES[name] ?? state.inputs;
        const planned = await preview.plan(kind, name, state, Object.fromEntries(Object.entries(news).filter(([k]) => !k.startsWith("__"))));
        const read = await preview.read(kind, name, state);
        calls += 3;
        expect(read.id, `${name} is still there`).toBe(state.id);
        if (!CHANGES[name]) expect(planned.diff.changes, `${name} unchanged`).toBe("none");
        for (const r of rulesOf(planned.checked.failures)) refusedRules.add(r!);
      }
      // While the preview host is open, nothing is written: no WAL frame, the db file as it was.
      expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0, `-wal after round ${round}`).toBe(0);
      expect(fs.readFileSync(db).equals(before.bytes), `db bytes after round ${round}`).toBe(true);
    }
    await preview.close();
    open.splice(open.indexOf(preview), 1);

    expect(calls).toBeGreaterThan(300);
    for (const rule of ["L3", "L5", "Z4", "Z6", "A9", "R1", "R4"]) expect(refusedRules, `a preview refusal by ${rule}`).toContain(rule);
    expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);
    expect(fs.readFileSync(db).equals(before.bytes), "the db file's bytes after the preview").toBe(true);
    const after = Emulator.open(db);
    try {
      expect(JSON.stringify(after.export())).toBe(exportBefore);
    } finally {
      after.close();
    }
  });
});

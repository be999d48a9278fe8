/**
 * A plain node process racing another one on the same store file (test/emulator/concurrency.test.ts).
 * Uses the compiled package, as users do.
 *
 *   node race-child.js link <db> <zone>
 *     Opens the store, prints {"ready":true}, then for each stdin line {"round","vnetId","at"} waits until
 *     the wall clock reaches `at` (a barrier shared with the other child), tries to create a registration
 *     link from the vnet to <zone>, and prints {"round","ok"} or {"round","ok":false,"error":{...}}.
 *
 *   node race-child.js open <db> <name> <at>
 *     Waits until `at`, opens (creating and migrating) the store, creates zone <name>.test and a vnet,
 *     prints one result line and exits.
 */
"use strict";
const path = require("path");
const readline = require("readline");
const { Emulator } = require(path.resolve(__dirname, "../../dist/provider/emulator"));

const out = (obj) => process.stdout.write(`${JSON.stringify(obj)}\n`);
const errorJson = (e) => ({
  name: e && e.name, code: e && e.code, rule: e && e.rule, message: e && e.message, detail: e && e.detail,
});
const waitUntil = (at) => {
  while (Date.now() < at) { /* busy-wait: both processes leave the barrier within microseconds */ }
};

const [mode, db, arg, at] = process.argv.slice(2);

if (mode === "link") {
  const em = Emulator.open(db);
  out({ ready: true, pid: process.pid });
  const rl = readline.createInterface({ input: process.stdin });
  rl.on("line", (line) => {
    const msg = JSON.parse(line);
    if (msg.quit) {
      em.close();
      rl.close();
      process.exit(0);
    }
    waitUntil(msg.at);
    const started = process.hrtime.bigint();
    try {
      em.createLink({ privateZoneName: arg, virtualNetworkLinkName: `race-${msg.round}`, virtualNetwork: { id: msg.vnetId }, registrationEnabled: true });
      out({ round: msg.round, ok: true, ns: Number(process.hrtime.bigint() - started) });
    } catch (e) {
      out({ round: msg.round, ok: false, error: errorJson(e), ns: Number(process.hrtime.bigint() - started) });
    }
  });
} else if (mode === "open") {
  waitUntil(Number(at));
  try {
    const em = Emulator.open(db);
    em.createZone({ privateZoneName: `${arg}.test` });
    em.createVnet({ virtualNetworkName: arg, addressSpace: { addressPrefixes: ["10.0.0.0/16"] } });
    em.close();
    out({ ok: true });
  } catch (e) {
    out({ ok: false, error: errorJson(e) });
  }
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}

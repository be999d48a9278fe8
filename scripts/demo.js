// `npm run demo`: deploys examples/hub-spoke through pulumi-privatedns-emulator/testing (the real Automation
// API and Pulumi CLI, a file backend in a temp folder; no cloud) against a fresh emulator file, then shows
// what Azure would hold: zones, links, the records the platform registered, and names resolved from inside
// each vnet.
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const { LocalWorkspace } = require(path.join(ROOT, "dist/testing"));
const { Emulator } = require(path.join(ROOT, "dist/provider/emulator"));
const { table } = require(path.join(ROOT, "dist/cli/table"));

const dir = path.join(ROOT, ".privatedns", "demo");
const db = path.join(dir, "emulator.db");
const section = (title) => process.stdout.write(`\n== ${title}\n`);

async function main() {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // A copy of the example (the CLI writes Pulumi.demo.yaml beside the program), inside the repository so
  // that it resolves the package and @pulumi/pulumi from the root node_modules.
  const workDir = path.join(dir, "hub-spoke");
  fs.cpSync(path.join(ROOT, "examples", "hub-spoke"), workDir, { recursive: true, filter: (p) => !/node_modules|Pulumi\..+\.yaml$/.test(p) });
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: "demo", workDir },
    { emulatorDb: db },
  );
  section(`pulumi up of examples/hub-spoke (store: ${path.relative(process.cwd(), db)})`);
  const up = await stack.up({ onOutput: (text) => process.stdout.write(text) });

  const emu = Emulator.open(db);
  try {
    section("Zones");
    process.stdout.write(table(["ZONE", "RECORD SETS", "LINKS", "REGISTRATION LINKS"],
      emu.listZones().map((z) => [z.name, z.numberOfRecordSets, z.numberOfVirtualNetworkLinks, z.numberOfVirtualNetworkLinksWithRegistration])));

    section("Virtual network links");
    process.stdout.write(table(["ZONE", "LINK", "VNET", "REGISTRATION"],
      emu.listLinks().map((l) => [l.privateZoneName, l.name, l.virtualNetwork.id.split("/").pop(), l.registrationEnabled ? "yes" : "no"])));

    section("Records the platform registered (A4, A5)");
    const rows = [];
    for (const vm of emu.listVms()) {
      const records = emu.registeredRecords({ resourceGroupName: vm.resourceGroupName, vmName: vm.name });
      if (records.length === 0) rows.push([vm.name, vm.virtualNetwork.id.split("/").pop(), "(none: no registration link)", "", "", ""]);
      for (const r of records) rows.push([vm.name, vm.virtualNetwork.id.split("/").pop(), r.fqdn, r.type, r.ttl, r.value]);
    }
    process.stdout.write(table(["VM", "VNET", "RECORD", "TYPE", "TTL", "VALUE"], rows));

    section("Names resolved from inside each vnet (the stack's resolvedFrom output)");
    const resolved = up.outputs.resolvedFrom.value;
    const vnets = Object.keys(resolved);
    const names = Object.keys(resolved[vnets[0]]);
    process.stdout.write(table(["NAME", ...vnets.map((v) => `FROM ${v}`)],
      names.map((n) => [n, ...vnets.map((v) => {
        const a = resolved[v][n];
        return a.rcode === "NOERROR" ? a.answers.join(" -> ") || "NODATA" : a.rcode;
      })])));
  } finally {
    emu.close();
  }
  const cli = `node dist/cli/main.js --db ${path.relative(ROOT, db)}`;
  process.stdout.write(`\nLook around: ${cli} records --zone corp.internal\n` +
    `             ${cli} resolve --vnet spoke-a portal.svc.internal\n` +
    `             ${cli} serve --vnet hub=5353   (then: dig @127.0.0.1 -p 5353 web-a1.corp.internal)\n`);
}

main().catch((e) => {
  console.error(e.message || e);
  process.exit(1);
});

// Bench (a): 1,000 Vm creates with auto-registration through the real dynamic-provider host over gRPC
// (check then create, as the engine calls them), against 1,000 creates of a no-op dynamic provider through
// the same host. Target: at most 1.2.
const { execFileSync } = require("child_process");
const path = require("path");
const { ROOT, tempDb, time, report, row } = require("./lib");
const { ProviderHost } = require(path.join(ROOT, "dist/testing/provider-host"));

const N = Number(process.env.BENCH_VMS || 1000);
// BENCH_PROFILE_DIR: the host writes a CPU profile there (node bench/profile/summary.js reads it).
const PROFILE = process.env.BENCH_PROFILE_DIR;
const profileEnv = PROFILE ? { NODE_OPTIONS: `--require ${path.join(__dirname, "profile/cpu-profile.js")}`, CPU_PROFILE_DIR: path.resolve(PROFILE) } : {};
const vnetId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/emulator/providers/Microsoft.Network/virtualNetworks/bench";
const urn = (kind, name) => `urn:pulumi:bench::bench::pulumi-nodejs:dynamic/privatedns:${kind}::${name}`;

async function deploy(host, kind, name, provider, inputs) {
  const news = { ...inputs, __provider: provider, __urn: urn(kind, name) };
  const checked = await host.check({ urn: urn(kind, name) }, {}, news);
  if (checked.failures.length) throw new Error(JSON.stringify(checked.failures));
  return host.create({ urn: urn(kind, name) }, checked.inputs);
}

(async () => {
  const ser = JSON.parse(execFileSync(process.execPath, [path.join(ROOT, "test/support/serialize-providers.js")], { cwd: ROOT, encoding: "utf8" }));
  const text = (kind) => Object.values(ser).find((r) => r.type.endsWith(`:${kind}`)).inputs.__provider;
  const noop = execFileSync(process.execPath, [path.join(__dirname, "serialize-noop.js")], { cwd: ROOT, encoding: "utf8" });

  const host = await ProviderHost.start({ workDir: ROOT, project: "bench", env: { PRIVATEDNS_EMULATOR_DB: tempDb(), ...profileEnv } });
  await host.configure({});
  await deploy(host, "Zone", "z", text("Zone"), { privateZoneName: "bench.internal" });
  await deploy(host, "Vnet", "bench", text("Vnet"), { virtualNetworkName: "bench", addressSpace: { addressPrefixes: ["10.0.0.0/8"] } });
  await deploy(host, "VnetLink", "l", text("VnetLink"), { privateZoneName: "bench.internal", virtualNetworkLinkName: "l", virtualNetwork: { id: vnetId }, registrationEnabled: true });
  // Warm both providers up (deserialization, first require) before timing.
  await deploy(host, "Vm", "warm", text("Vm"), { vmName: "warm", virtualNetwork: { id: vnetId }, networkInterfaces: [{ name: "nic", privateIPAddress: "10.255.255.254" }] });
  await deploy(host, "Noop", "warm", noop, { n: -1 });

  const vms = await time(async () => {
    for (let i = 0; i < N; i++)
      await deploy(host, "Vm", `vm${i}`, text("Vm"), {
        vmName: `vm${i}`, virtualNetwork: { id: vnetId },
        networkInterfaces: [{ name: "nic", privateIPAddress: `10.0.${i >> 8}.${i & 255}` }],
      });
  });
  const noops = await time(async () => {
    for (let i = 0; i < N; i++) await deploy(host, "Noop", `n${i}`, noop, { n: i, vmName: `vm${i}`, networkInterfaces: [{ name: "nic", privateIPAddress: `10.0.${i >> 8}.${i & 255}` }] });
  });
  await host.close();
  report("provider-host", [row(`${N} Vm check+create with registration`, vms, `${N} no-op check+create`, noops, 1.2)]);
})().catch((e) => { console.error(e); process.exit(1); });

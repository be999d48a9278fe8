// Bench (a): 1,000 Vm creates with auto-registration through the real dynamic-provider host over gRPC
// (check then create, as the engine calls them), against 1,000 creates of a no-op dynamic provider through
// the same host, in alternating rounds after a warm-up. Target: at most 1.1.
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { ROOT, tempDb, time, report, row } = require("./lib");
const { ProviderHost } = require(path.join(ROOT, "dist/testing/provider-host"));

const N = Number(process.env.BENCH_VMS || 1000);
const ROUNDS = 10;
const WARM = 100;
// BENCH_PROFILE_DIR: the host writes a CPU profile there (node bench/profile/summary.js reads it).
const PROFILE = process.env.BENCH_PROFILE_DIR;
const profileEnv = PROFILE ? { NODE_OPTIONS: `--require ${path.join(__dirname, "profile/cpu-profile.js")}`, CPU_PROFILE_DIR: path.resolve(PROFILE) } : {};
const vnetId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/emulator/providers/Microsoft.Network/virtualNetworks/bench";
const urn = (kind, name) => `urn:pulumi:bench::bench::pulumi-nodejs:dynamic/privatedns:${kind}::${name}`;

/** CPU milliseconds used so far by this process and the host (utime + stime, in clock ticks of 10 ms). */
function cpuMs(pid) {
  const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  const own = process.cpuUsage();
  return (Number(f[11]) + Number(f[12])) * 10 + (own.user + own.system) / 1000;
}

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
  const vm = (i) => deploy(host, "Vm", `vm${i}`, text("Vm"), {
    vmName: `vm${i}`, virtualNetwork: { id: vnetId },
    networkInterfaces: [{ name: "nic", privateIPAddress: `10.0.${i >> 8}.${i & 255}` }],
  });
  const nop = (i) => deploy(host, "Noop", `n${i}`, noop, { n: i, vmName: `vm${i}`, networkInterfaces: [{ name: "nic", privateIPAddress: `10.0.${i >> 8}.${i & 255}` }] });
  // Warm both up (deserialization, first require, the JIT on both sides of gRPC) before timing.
  for (let i = 0; i < WARM; i++) {
    await vm(N + i);
    await nop(N + i);
  }
  // Rounds alternate between the two, so that both see the same load of a shared machine.
  const times = { vms: 0, noops: 0, cpu: { vms: 0, noops: 0 } };
  const per = N / ROUNDS;
  for (let r = 0; r < ROUNDS; r++) {
    for (const [key, fn] of r % 2 ? [["noops", nop], ["vms", vm]] : [["vms", vm], ["noops", nop]]) {
      const cpu0 = cpuMs(host.pid);
      times[key] += await time(async () => { for (let i = r * per; i < (r + 1) * per; i++) await fn(i); });
      times.cpu[key] += cpuMs(host.pid) - cpu0;
    }
  }
  await host.close();
  const result = row(`${N} Vm check+create with registration`, times.vms, `${N} no-op check+create`, times.noops, 1.1);
  // CPU time of both processes, as a second view: steadier than wall time on a machine shared with other work.
  result.cpuRatio = +(times.cpu.vms / times.cpu.noops).toFixed(2);
  report("provider-host", [result]);
})().catch((e) => { console.error(e); process.exit(1); });

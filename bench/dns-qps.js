// Bench (e): queries per second of the emulator's DNS server (`privatedns serve`, in its own process) against
// dnsmasq serving the same records, both on 127.0.0.1, loaded by the same client (dnsperf when installed, else
// bench/udp-load.js: N outstanding UDP queries) with the same query mix for the same time: A records of
// registered VMs, NXDOMAIN names in their zone, PTR of their addresses. Target (issue 15): ours >= 1.0 x dnsmasq, on both mixes.
// If dnsmasq cannot be found, installed or started, the result is an error row, not a crash.
//   BENCH_VMS (default 1000) registered VMs, BENCH_SECONDS (default 5) per server, BENCH_OUTSTANDING (default 64),
//   BENCH_DNSMASQ (a dnsmasq binary to use), BENCH_CLIENT=node (bench/udp-load.js even when dnsperf is installed),
//   BENCH_UDP=dgram|batched (our server's UDP face, `serve --udp`; default: the server's own, printed in each row).
const { execFileSync, spawn, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const dnsPacket = require("dns-packet");
const { ROOT, emulator, tempDb, report, row } = require("./lib");
const { runLoad } = require("./udp-load");

const VMS = Number(process.env.BENCH_VMS || 1000);
const SECONDS = Number(process.env.BENCH_SECONDS || 5);
const OUTSTANDING = Number(process.env.BENCH_OUTSTANDING || 64);
const DISTINCT = Number(process.env.BENCH_DISTINCT || 400_000);
const ZONE = "corp.internal";
const ipOf = (i) => `10.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`;

function fillStore(file) {
  const { Emulator } = emulator();
  const emu = Emulator.open(file);
  emu.createZone({ privateZoneName: ZONE });
  const hub = emu.createVnet({ virtualNetworkName: "hub", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } });
  emu.createLink({ privateZoneName: ZONE, virtualNetworkLinkName: "hub", virtualNetwork: { id: hub.id }, registrationEnabled: true });
  emu.store.tx(() => {
    for (let i = 0; i < VMS; i++)
      emu.createVm({ vmName: `vm${i}`, virtualNetwork: { id: hub.id }, networkInterfaces: [{ name: "nic", privateIPAddress: ipOf(i) }] });
  });
  // The records each server is to serve, read back from the store: A and PTR per VM (A4, A5).
  const records = emu.export().vms.flatMap((vm) => vm.registeredRecords);
  emu.close();
  return records;
}

/** dnsmasq serving the same names: one host-record (A and PTR) per VM, its zone and reverse zone local (NXDOMAIN). */
function dnsmasqConfig(records, dir) {
  const lines = ["no-resolv", "no-hosts", "bind-interfaces", "listen-address=127.0.0.1", `local=/${ZONE}/`, "local=/10.in-addr.arpa/", "cache-size=0"];
  for (const r of records.filter((r) => r.type === "A")) lines.push(`host-record=${r.fqdn.replace(/\.$/, "")},${r.value},${r.ttl}`);
  const file = path.join(dir, "dnsmasq.conf");
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

function findDnsmasq() {
  if (process.env.BENCH_DNSMASQ) return fs.existsSync(process.env.BENCH_DNSMASQ) ? process.env.BENCH_DNSMASQ : undefined;
  for (const p of ["/usr/sbin/dnsmasq", "/usr/bin/dnsmasq", "/sbin/dnsmasq"]) if (fs.existsSync(p)) return p;
  const which = spawnSync("sh", ["-c", "command -v dnsmasq"], { encoding: "utf8" });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  // Debian: the binary alone is dnsmasq-base (the dnsmasq package also installs a system service).
  if (process.getuid?.() === 0 && spawnSync("sh", ["-c", "command -v apt-get"]).status === 0) {
    process.stderr.write("dns-qps: dnsmasq not found, trying apt-get install dnsmasq-base ...\n");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    spawnSync("sh", ["-c", "(apt-get install -y -qq dnsmasq-base || (apt-get update -qq && apt-get install -y -qq dnsmasq-base)) >/dev/null 2>&1"], { env, timeout: 240_000 });
    if (fs.existsSync("/usr/sbin/dnsmasq")) return "/usr/sbin/dnsmasq";
  }
  return undefined;
}

const freePort = () => new Promise((resolve, reject) => {
  const s = require("dgram").createSocket("udp4");
  s.once("error", reject);
  s.bind(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

/** One UDP query; resolves with the decoded answer or undefined after `ms`. */
function ask(port, name, type, ms = 2000) {
  return new Promise((resolve) => {
    const s = require("dgram").createSocket("udp4");
    const t = setTimeout(() => { s.close(); resolve(undefined); }, ms);
    s.on("message", (m) => { clearTimeout(t); s.close(); resolve(dnsPacket.decode(m)); });
    s.send(dnsPacket.encode({ id: 7, type: "query", flags: dnsPacket.RECURSION_DESIRED, questions: [{ name, type, class: "IN" }] }), port, "127.0.0.1");
  });
}

// BENCH_PROFILE_DIR: our server writes a CPU profile there (node bench/profile/summary.js reads it).
const PROFILE = process.env.BENCH_PROFILE_DIR;
const profileEnv = PROFILE
  ? { NODE_OPTIONS: `--require ${path.join(__dirname, "profile/cpu-profile.js")}`, CPU_PROFILE_DIR: path.resolve(PROFILE) } : {};

async function startOurs(db) {
  const udp = process.env.BENCH_UDP ? ["--udp", process.env.BENCH_UDP] : [];
  const child = spawn(process.execPath, [path.join(ROOT, "dist/cli/main.js"), "serve", "--db", db, "--vnet", "hub", "--port", "0", "--json", ...udp],
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...profileEnv } });
  const listening = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => { out += d; if (out.includes("\n")) resolve(JSON.parse(out.split("\n")[0])); });
    child.on("exit", (code) => reject(new Error(`privatedns serve exited with ${code}`)));
    setTimeout(() => reject(new Error("privatedns serve did not start")), 15_000);
  });
  return { child, port: listening.port, udp: listening.udp };
}

async function startDnsmasq(bin, conf) {
  const port = await freePort();
  const args = ["--keep-in-foreground", `--conf-file=${conf}`, `--port=${port}`, "--pid-file=", "--log-facility=-"];
  if (process.getuid?.() === 0) args.push("--user=root"); // no privilege drop needed on loopback, and "nobody" may not read the conf
  const child = spawn(bin, args, { stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  for (let i = 0; i < 50; i++) {
    if (child.exitCode !== null) throw new Error(`dnsmasq exited with ${child.exitCode}: ${err.trim()}`);
    if (await ask(port, `vm0.${ZONE}`, "A", 100)) return { child, port };
  }
  child.kill("SIGKILL");
  throw new Error(`dnsmasq did not answer on port ${port}: ${err.trim()}`);
}

/** Peak resident memory (VmHWM) of a running process, in MB. */
const peakMb = (pid) => {
  try {
    return Math.round(Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))[1]) / 1024);
  } catch {
    return null;
  }
};

/** The query mix, the same for both servers: 60% A of registered VMs, 20% NXDOMAIN in the zone, 20% PTR. */
function queries(records) {
  const a = records.filter((r) => r.type === "A");
  const ptr = records.filter((r) => r.type === "PTR");
  const list = [];
  for (let i = 0; i < 5000; i++) {
    const k = i % 5;
    if (k < 3) list.push([a[(i * 7919) % a.length].fqdn.replace(/\.$/, ""), "A"]);
    else if (k === 3) list.push([`missing${i}.${ZONE}`, "A"]);
    else list.push([ptr[(i * 104729) % ptr.length].fqdn.replace(/\.$/, ""), "PTR"]);
  }
  return list;
}

/**
 * The same mix with no query asked twice: each name in a case mix of its own (0x20 encoding, as some resolvers
 * send; names are case-insensitive, both servers answer alike), so that no server answers from a memory of an
 * identical earlier query. `count` queries, more than either server answers in SECONDS.
 */
function distinctQueries(list, count) {
  let seed = 0x2545f491;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const seen = new Set();
  const out = [];
  for (let i = 0; out.length < count && i < count * 3; i++) {
    const [name, type] = list[i % list.length];
    const base = name.startsWith("missing") ? name.replace(/^missing\d+/, `missing${i}`) : name;
    const mixed = base.replace(/[a-z]/g, (c) => (rnd() < 0.5 ? c.toUpperCase() : c));
    if (seen.has(`${mixed} ${type}`)) continue;
    seen.add(`${mixed} ${type}`);
    out.push([mixed, type]);
  }
  return out;
}

/** Both servers must give the same answers to the mix before their speed means anything. */
async function sameAnswers(oursPort, theirsPort, list) {
  for (const [name, type] of list.slice(0, 25)) {
    const [o, t] = await Promise.all([ask(oursPort, name, type), ask(theirsPort, name, type)]);
    const view = (p) => p && `${p.rcode} ${(p.answers || []).map((x) => `${x.type}:${x.data}`).sort().join(",")}`;
    if (view(o) !== view(t)) throw new Error(`the servers disagree on ${name} ${type}: ours ${view(o)}, dnsmasq ${view(t)}`);
  }
}

const hasDnsperf = () => process.env.BENCH_CLIENT !== "node" && spawnSync("sh", ["-c", "command -v dnsperf"]).status === 0;

/** CPU milliseconds a process has used (utime + stime, clock ticks of 10 ms). */
const cpuMs = (pid) => {
  const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(f[11]) + Number(f[12])) * 10;
};

/**
 * Loads the server of process `pid` for SECONDS with the mix; returns { qps, lost, rcodes } and the server's CPU
 * time per answered query (µs): steadier than the rate on a machine shared with other work.
 */
async function loadMeasured(pid, port, list, dataFile) {
  const cpu0 = cpuMs(pid);
  const r = await load(port, list, dataFile);
  return { ...r, cpuUsPerQuery: +(((cpuMs(pid) - cpu0) * 1000) / (r.qps * SECONDS)).toFixed(1) };
}

/** Loads one server for SECONDS with the mix; returns { qps, lost, rcodes }. */
async function load(port, list, dataFile) {
  if (hasDnsperf()) {
    const out = execFileSync("dnsperf", ["-s", "127.0.0.1", "-p", String(port), "-d", dataFile, "-l", String(SECONDS), "-q", String(OUTSTANDING), "-c", "1", "-T", "1"],
      { encoding: "utf8", timeout: (SECONDS + 30) * 1000 });
    const qps = Number(/Queries per second:\s+([\d.]+)/.exec(out)?.[1]);
    const lost = Number(/Queries lost:\s+(\d+)/.exec(out)?.[1] ?? 0);
    const rcodes = /Response codes:\s+(.*)/.exec(out)?.[1] ?? "";
    if (!qps) throw new Error(`dnsperf printed no rate: ${out}`);
    return { qps, lost, rcodes, client: "dnsperf" };
  }
  return { ...(await runLoad({ port, queries: list, seconds: SECONDS, outstanding: OUTSTANDING })), client: "bench/udp-load.js" };
}

(async () => {
  const db = tempDb("dns-qps.db");
  const dir = path.dirname(db);
  const records = fillStore(db);
  const list = queries(records);
  const dataFile = path.join(dir, "queries.txt");
  fs.writeFileSync(dataFile, list.map(([n, t]) => `${n} ${t}`).join("\n") + "\n");
  const distinct = distinctQueries(list, DISTINCT);
  const distinctFile = path.join(dir, "distinct.txt");
  fs.writeFileSync(distinctFile, distinct.map(([n, t]) => `${n} ${t}`).join("\n") + "\n");

  const ours = await startOurs(db);
  let theirs;
  const rows = [];
  try {
    const bin = findDnsmasq();
    let baselineError;
    if (!bin) baselineError = "dnsmasq is not installed and could not be installed (Debian: apt-get install dnsmasq-base)";
    else {
      try {
        theirs = await startDnsmasq(bin, dnsmasqConfig(records, dir));
        await sameAnswers(ours.port, theirs.port, list);
      } catch (e) {
        baselineError = e.message;
      }
    }
    // Ours, then dnsmasq, with the same client and the same queries: first the mix as it repeats (5000 queries
    // in a loop), then the mix with no query asked twice.
    const runs = [
      ["emulator DNS server qps", list, dataFile],
      ["emulator DNS server qps, no query asked twice (0x20 case mix)", distinct, distinctFile],
    ];
    for (const [what, qs, file] of runs) {
      const o = await loadMeasured(ours.child.pid, ours.port, qs, file);
      const oursPeak = peakMb(ours.child.pid);
      if (baselineError) {
        rows.push({ what, ms: +o.qps.toFixed(0), baseline: "dnsmasq", baselineMs: null, ratio: null, target: 1.0,
          better: "higher", met: false, error: baselineError, serverPeakRssMb: oursPeak, client: o.client });
        continue;
      }
      const t = await loadMeasured(theirs.child.pid, theirs.port, qs, file);
      const r = row(what, o.qps, "dnsmasq", t.qps, 1.0, "higher");
      r.ms = +o.qps.toFixed(0);
      r.baselineMs = +t.qps.toFixed(0);
      Object.assign(r, { unit: "queries/s", udp: ours.udp, seconds: SECONDS, outstanding: OUTSTANDING, vms: VMS, client: o.client,
        cpuUsPerQuery: { ours: o.cpuUsPerQuery, dnsmasq: t.cpuUsPerQuery },
        serverPeakRssMb: oursPeak, dnsmasqPeakRssMb: peakMb(theirs.child.pid), lost: { ours: o.lost, dnsmasq: t.lost }, rcodes: { ours: o.rcodes, dnsmasq: t.rcodes } });
      rows.push(r);
    }
    report("dns-qps", rows, baselineError ? { error: `no baseline: ${baselineError}` } : {});
  } finally {
    ours.child.kill("SIGTERM");
    theirs?.child.kill("SIGTERM");
  }
})().catch((e) => {
  // Degrade to an error row rather than a crash, so that `npm run bench` shows why.
  report("dns-qps", [{ what: "emulator DNS server qps", ms: null, baseline: "dnsmasq", baselineMs: null, ratio: null, target: 1.0, better: "higher", met: false, error: e.message }], { error: e.message });
  process.exitCode = 0;
});

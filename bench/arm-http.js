// Bench (g): the ARM endpoint (`privatedns serve-arm --http`, in its own process) against a floor: a bare
// node:http server in its own process doing the same SQLite write or read per request (better-sqlite3, one
// statement, JSON in and out). The same keep-alive client loads both with 1, 8 and 64 requests in flight:
// PUT and GET of an A record set, PUT and GET of a virtual network link. Target: cost per request at most
// 1.5 times the floor's (ratio = floor qps / ours). Also the LRO: a zone PUT polled to completion
// (Azure-AsyncOperation) against the floor's PUT and GET (target 1.5 too), and its overhead over the PUT's own 202.
//   BENCH_SECONDS (default 3) per measurement, in 3 slices alternating with the floor's; BENCH_ONLY=<text>: only the
//   cases whose description contains it; BENCH_CLIENTS=1,8: only those numbers in flight; BENCH_PROFILE_DIR: CPU profiles
//   of our server and of the floor there.
const { spawn } = require("child_process");
const { randomUUID } = require("crypto");
const http = require("http");
const path = require("path");
const { ROOT, tempDb, time, report, row } = require("./lib");

const SECONDS = Number(process.env.BENCH_SECONDS || 3);
const SLICES = 3;
const SUB = "00000000-0000-0000-0000-000000000000";
const RG = `/subscriptions/${SUB}/resourceGroups/bench`;
const ZONE = `${RG}/providers/Microsoft.Network/privateDnsZones/corp.internal`;
const VNET = `${RG}/providers/Microsoft.Network/virtualNetworks/hub`;
const V = "?api-version=2024-06-01";
const AUTH = { Authorization: "Bearer bench", "Content-Type": "application/json" };

/**
 * The floor: a server that does one SQLite statement per request and answers the row as JSON. A PUT stores a new
 * etag, as every ARM write does: without it the bench's PUTs stored the same bytes each time, which SQLite does not
 * rewrite (no WAL frame, no pwrite: strace showed none), so the floor did not do the write it stands for.
 */
function floorServer() {
  const Database = require("better-sqlite3");
  const db = new Database(tempDb());
  db.pragma("journal_mode = WAL");
  db.exec("CREATE TABLE rs (path TEXT PRIMARY KEY, data TEXT NOT NULL)");
  const put = db.prepare("INSERT INTO rs (path, data) VALUES (?, ?) ON CONFLICT (path) DO UPDATE SET data = excluded.data");
  const get = db.prepare("SELECT data FROM rs WHERE path = ?").pluck();
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const key = req.url.split("?")[0];
      if (req.method === "PUT") put.run(key, JSON.stringify({ id: key, etag: randomUUID(), ...JSON.parse(body) }));
      const data = get.get(key);
      res.writeHead(data ? 200 : 404, { "Content-Type": "application/json" });
      res.end(data ?? "{}");
    });
  });
  server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: server.address().port })));
}

// BENCH_PROFILE_DIR: our server and the floor write CPU profiles there (node bench/profile/summary.js reads them).
const PROFILE = process.env.BENCH_PROFILE_DIR;
const profileEnv = PROFILE
  ? { NODE_OPTIONS: `--require ${path.join(__dirname, "profile/cpu-profile.js")}`, CPU_PROFILE_DIR: path.resolve(PROFILE) } : {};

function start(args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...env } });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = /"port":\s*(\d+)|serving ARM on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1] ?? m[2]) });
    });
    child.on("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code}: ${out}`)));
  });
}

function request(agent, port, method, p, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path: p, agent, headers: AUTH }, (res) => {
      let data = "";
      res.on("data", (d) => (data += d));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: data }));
    });
    req.on("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** CPU milliseconds a process has used (utime + stime, clock ticks of 10 ms). */
function cpuMs(pid) {
  const f = require("fs").readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(f[11]) + Number(f[12])) * 10;
}

/** Requests per second with `clients` in flight for `seconds`; every answer must have one of `ok` statuses. */
async function load(port, clients, method, p, body, ok, seconds) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const until = Date.now() + seconds * 1000;
  let done = 0;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (Date.now() < until) {
      const r = await request(agent, port, method, p, body);
      if (!ok.includes(r.status)) throw new Error(`${method} ${p}: ${r.status} ${r.body.slice(0, 200)}`);
      done++;
    }
  }));
  agent.destroy();
  return done / seconds;
}

const RECORD = { properties: { ttl: 60, aRecords: [{ ipv4Address: "10.0.0.4" }] } };
const LINK = { location: "global", properties: { virtualNetwork: { id: VNET }, registrationEnabled: false } };
const CASES = [
  { what: "PUT of an A record set", method: "PUT", path: `${ZONE}/A/www${V}`, body: RECORD, ok: [200, 201] },
  { what: "GET of an A record set", method: "GET", path: `${ZONE}/A/www${V}`, ok: [200] },
  { what: "PUT of a virtual network link (202, applied)", method: "PUT", path: `${ZONE}/virtualNetworkLinks/hub${V}`, body: LINK, ok: [200, 201, 202] },
  { what: "GET of a virtual network link", method: "GET", path: `${ZONE}/virtualNetworkLinks/hub${V}`, ok: [200] },
];

/** The zone, vnet, link and record set the cases read and overwrite. */
async function seed(port) {
  const agent = new http.Agent({ keepAlive: true });
  for (const [p, body] of [[`${RG}${V}`, { location: "westeurope" }], [`${ZONE}${V}`, { location: "global" }],
    [`${VNET}${V}`, { location: "westeurope", properties: { addressSpace: { addressPrefixes: ["10.0.0.0/16"] } } }],
    [`${ZONE}/virtualNetworkLinks/hub${V}`, LINK], [`${ZONE}/A/www${V}`, RECORD]]) {
    const r = await request(agent, port, "PUT", p, body);
    if (r.status >= 300 && r.status !== 202) throw new Error(`seed ${p}: ${r.status} ${r.body}`);
  }
  agent.destroy();
}

/**
 * A zone PUT followed to completion through its Azure-AsyncOperation header, against the same exchange on the floor:
 * its PUT of the row and a GET of it, the two round trips a client of Azure's 202 makes (a poll answered at once).
 * Also the PUT's 202 alone, for the overhead the poll adds. The three alternate, one of each per step after a warm-up,
 * so that all see the same load of a shared machine; each is the median of its steps.
 */
async function lro(port, floorPort) {
  const agent = new http.Agent({ keepAlive: true });
  const floorAgent = new http.Agent({ keepAlive: true });
  const runs = 600, warm = 200;
  const zone = (name) => `${RG}/providers/Microsoft.Network/privateDnsZones/${name}.internal${V}`;
  const elapsed = async (fn) => {
    const t0 = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  let polls = 0;
  const times = { alone: [], polled: [], floor: [] };
  for (let i = 0; i < warm + runs; i++) {
    const alone = await elapsed(() => request(agent, port, "PUT", zone(`a${i}`), { location: "global" }));
    const polled = await elapsed(async () => {
      const r = await request(agent, port, "PUT", zone(`b${i}`), { location: "global" });
      for (let op = r.headers["azure-asyncoperation"]; op; ) {
        const u = new URL(op);
        const s = await request(agent, port, "GET", u.pathname + u.search);
        if (i >= warm) polls++;
        if (JSON.parse(s.body).status !== "InProgress") break;
      }
    });
    const floor = await elapsed(async () => {
      await request(floorAgent, floorPort, "PUT", zone(`f${i}`), { location: "global" });
      await request(floorAgent, floorPort, "GET", zone(`f${i}`));
    });
    if (i < warm) continue;
    times.alone.push(alone);
    times.polled.push(polled);
    times.floor.push(floor);
  }
  agent.destroy();
  floorAgent.destroy();
  // Medians: a checkpoint or a collection now and then lands on one side only and would move a mean.
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { alone: median(times.alone), polled: median(times.polled), floor: median(times.floor), polls: polls / runs };
}

async function main() {
  const db = tempDb();
  const arm = await start([path.join(ROOT, "dist/cli/main.js"), "serve-arm", "--http", "--port", "0", "--db", db], profileEnv);
  const floor = await start([__filename, "--floor"], profileEnv);
  if (PROFILE) process.stderr.write(`arm-http: CPU profiles in ${PROFILE}: ours ${arm.child.pid}.cpuprofile, the floor ${floor.child.pid}.cpuprofile\n`);
  try {
    await seed(arm.port);
    await request(new http.Agent(), floor.port, "PUT", `${ZONE}/A/www${V}`, RECORD);
    await request(new http.Agent(), floor.port, "PUT", `${ZONE}/virtualNetworkLinks/hub${V}`, LINK);
    const rows = [];
    // BENCH_ONLY: the cases whose description contains it (for profiling one of them).
    for (const c of CASES.filter((x) => !process.env.BENCH_ONLY || x.what.includes(process.env.BENCH_ONLY))) {
      for (const clients of (process.env.BENCH_CLIENTS ? process.env.BENCH_CLIENTS.split(",").map(Number) : [1, 8, 64])) {
        // Slices of the two alternate, so that both see the same load of a shared machine.
        const sum = { ours: 0, base: 0, oursCpu: 0, baseCpu: 0 };
        for (let slice = 0; slice < SLICES; slice++) {
          let cpu = cpuMs(arm.child.pid);
          sum.ours += await load(arm.port, clients, c.method, c.path, c.body, c.ok, SECONDS / SLICES);
          sum.oursCpu += cpuMs(arm.child.pid) - cpu;
          cpu = cpuMs(floor.child.pid);
          sum.base += await load(floor.port, clients, c.method, c.path, c.body, [200], SECONDS / SLICES);
          sum.baseCpu += cpuMs(floor.child.pid) - cpu;
        }
        const [ours, base] = [sum.ours / SLICES, sum.base / SLICES];
        // Cost per request: ms = 1000 / qps, so the ratio is the floor's qps over ours.
        rows.push({ ...row(`${c.what}, ${clients} in flight`, 1000 / ours, "bare node:http + one SQLite statement", 1000 / base, 1.5),
          oursQps: Math.round(ours), floorQps: Math.round(base),
          // Server CPU per request (µs), a second view: steadier than the rate on a machine shared with other work.
          cpuUsPerRequest: { ours: +((sum.oursCpu * 1000) / (ours * SECONDS)).toFixed(0), floor: +((sum.baseCpu * 1000) / (base * SECONDS)).toFixed(0) } });
      }
    }
    const l = await lro(arm.port, floor.port);
    rows.push({ ...row("zone PUT polled to completion (Azure-AsyncOperation)", l.polled, "bare node:http: PUT, then GET of the row", l.floor, 1.5), pollsPerPut: l.polls });
    // The poll's overhead over the PUT alone, shown and not judged: it is a second round trip (the protocol's).
    rows.push({ ...row("zone PUT polled to completion (Azure-AsyncOperation)", l.polled, "the zone PUT's 202 alone", l.alone, null), met: null });
    report("arm-http", rows);
  } finally {
    arm.child.kill("SIGTERM");
    floor.child.kill();
  }
}

if (process.argv[2] === "--floor") floorServer();
else main().catch((e) => { console.error(e); process.exit(1); });

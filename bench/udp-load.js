// A small UDP DNS load generator for bench/dns-qps.js when dnsperf is not installed: keeps `outstanding`
// queries in flight on one socket for `seconds`, cycling through `queries` ([name, type] pairs), and counts
// replies per second. A query unanswered after 1 s counts as lost and is replaced. Used for both servers.
const dgram = require("dgram");
const dnsPacket = require("dns-packet");

exports.runLoad = ({ port, host = "127.0.0.1", queries, seconds, outstanding }) => new Promise((resolve, reject) => {
  // Pre-encode every query once; only the id changes per send.
  const encoded = queries.map(([name, type]) => dnsPacket.encode({ id: 0, type: "query", flags: dnsPacket.RECURSION_DESIRED, questions: [{ name, type, class: "IN" }] }));
  const sock = dgram.createSocket("udp4");
  const sentAt = new Map();
  const rcodes = new Map();
  let next = 0, id = 0, done = 0, lost = 0, stopping = false;
  const started = process.hrtime.bigint();
  const send = () => {
    const buf = Buffer.from(encoded[next++ % encoded.length]);
    do id = (id + 1) & 0xffff; while (sentAt.has(id));
    buf.writeUInt16BE(id, 0);
    sentAt.set(id, Date.now());
    sock.send(buf, port, host);
  };
  sock.on("error", reject);
  sock.on("message", (m) => {
    const rid = m.readUInt16BE(0);
    if (!sentAt.delete(rid)) return;
    done++;
    const rc = m[3] & 0xf;
    rcodes.set(rc, (rcodes.get(rc) || 0) + 1);
    if (!stopping) send();
  });
  const sweep = setInterval(() => {
    const old = Date.now() - 1000;
    for (const [k, t] of sentAt) if (t < old) { sentAt.delete(k); lost++; if (!stopping) send(); }
  }, 100);
  sock.bind(0, () => {
    for (let i = 0; i < outstanding; i++) send();
    setTimeout(() => {
      stopping = true;
      const secs = Number(process.hrtime.bigint() - started) / 1e9;
      clearInterval(sweep);
      sock.close();
      const names = ["NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED"];
      resolve({ qps: done / secs, lost, rcodes: [...rcodes].map(([k, n]) => `${names[k] || k} ${n}`).join(", ") });
    }, seconds * 1000);
  });
});

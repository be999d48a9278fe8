/** Raw DNS exchanges with a server on 127.0.0.1, for packets no ordinary client would send. */
import * as dgram from "dgram";
import * as net from "net";
import * as packet from "dns-packet";

/** Sends one datagram; resolves with the reply, or undefined after `waitMs`. */
export function udpExchange(port: number, msg: Buffer, waitMs = 2000): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const s = dgram.createSocket("udp4");
    const done = (r: Buffer | undefined) => { clearTimeout(t); s.close(); resolve(r); };
    const t = setTimeout(() => done(undefined), waitMs);
    s.on("message", (m) => done(m));
    s.send(msg, port, "127.0.0.1");
  });
}

/** Sends bytes over one TCP connection; resolves with the length-prefixed replies received before `waitMs` or close. */
export function tcpExchange(port: number, bytes: Buffer, expected: number, waitMs = 3000): Promise<Buffer[]> {
  return new Promise((resolve) => {
    const replies: Buffer[] = [];
    let pending = Buffer.alloc(0);
    const sock = net.connect(port, "127.0.0.1", () => sock.write(bytes));
    const done = () => { clearTimeout(t); sock.destroy(); resolve(replies); };
    const t = setTimeout(done, waitMs);
    sock.on("data", (d) => {
      pending = Buffer.concat([pending, d]);
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        replies.push(pending.subarray(2, 2 + pending.readUInt16BE(0)));
        pending = pending.subarray(2 + pending.readUInt16BE(0));
      }
      if (replies.length >= expected) done();
    });
    sock.on("error", done);
    sock.on("close", done);
  });
}

export const query = (name: string, type: packet.RecordType = "A", id = 4242, edns = false) =>
  packet.encode({
    id, type: "query", flags: packet.RECURSION_DESIRED, questions: [{ name, type, class: "IN" }],
    additionals: edns ? [{ name: ".", type: "OPT", udpPayloadSize: 1232, flags: 0, options: [] } as any] : [],
  });

export const rcodeOf = (reply: Buffer) => reply.readUInt16BE(2) & 0xf;
export const idOf = (reply: Buffer) => reply.readUInt16BE(0);
export const isResponse = (reply: Buffer) => (reply.readUInt16BE(2) & 0x8000) !== 0;

/**
 * The server on `port` still answers a known query correctly (web.contoso.internal A 10.0.0.4, as fillStore
 * makes it), after whatever was thrown at it. UDP is lossy: right after a burst the kernel may drop this
 * query before the server reads it, so it is retried, as any DNS client does.
 */
export async function answersStill(port: number): Promise<packet.Packet> {
  let reply: Buffer | undefined;
  for (let attempt = 0; attempt < 3 && !reply; attempt++) reply = await udpExchange(port, query("web.contoso.internal", "A", 31337));
  if (!reply) throw new Error("the server must still answer");
  const decoded = packet.decode(reply);
  if (decoded.id !== 31337 || decoded.rcode !== "NOERROR" || JSON.stringify(decoded.answers!.map((a) => a.data)) !== '["10.0.0.4"]')
    throw new Error(`the server answers wrongly: ${JSON.stringify(decoded)}`);
  return decoded;
}

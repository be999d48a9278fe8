/** Records in DNS presentation format (as dig prints them): names with a trailing dot, TXT strings quoted. */
import { AnswerRecord, RecordSet, Resolution } from "../provider/emulator";

export const dotted = (name: string): string => (name === "" || name === "." ? "." : name.endsWith(".") ? name : `${name}.`);
const quoted = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/** The data of one answer record (dns-packet's shapes, as `Emulator.resolve` returns them). */
export function rdata(type: string, data: any): string {
  switch (type) {
    case "A": case "AAAA": return String(data);
    case "CNAME": case "PTR": return dotted(String(data));
    case "MX": return `${data.preference} ${dotted(data.exchange)}`;
    case "SRV": return `${data.priority} ${data.weight} ${data.port} ${dotted(data.target)}`;
    case "TXT": return (Array.isArray(data) ? data : [data]).map((s: unknown) => quoted(String(s))).join(" ");
    case "SOA": return `${dotted(data.mname)} ${dotted(data.rname)} ${data.serial} ${data.refresh} ${data.retry} ${data.expire} ${data.minimum}`;
    default: return JSON.stringify(data);
  }
}

/** One presentation value per record of a record set (an empty set has none). */
export function recordSetValues(rs: RecordSet): string[] {
  switch (rs.recordType) {
    case "A": return (rs.aRecords ?? []).map((r) => r.ipv4Address);
    case "AAAA": return (rs.aaaaRecords ?? []).map((r) => r.ipv6Address);
    case "CNAME": return rs.cnameRecord ? [dotted(rs.cnameRecord.cname)] : [];
    case "MX": return (rs.mxRecords ?? []).map((r) => rdata("MX", r));
    case "PTR": return (rs.ptrRecords ?? []).map((r) => dotted(r.ptrdname));
    case "SRV": return (rs.srvRecords ?? []).map((r) => rdata("SRV", r));
    case "TXT": return (rs.txtRecords ?? []).map((r) => rdata("TXT", r.value));
    case "SOA": {
      const s = rs.soaRecord!;
      return [rdata("SOA", { mname: s.host, rname: s.email, serial: s.serialNumber, refresh: s.refreshTime, retry: s.retryTime, expire: s.expireTime, minimum: s.minimumTtl })];
    }
  }
}

/** One line of a dig answer section: `name. ttl IN TYPE data`. */
export const rrLine = (rr: AnswerRecord): string => [dotted(rr.name), rr.ttl, "IN", rr.type, rdata(rr.type, rr.data)].join("\t");

/** A resolution as dig prints a response: status line, question, answer and authority sections. */
export function digText(r: Resolution, qname: string, qtype: string, vnetId: string): string {
  const lines = [
    `;; ->>HEADER<<- opcode: QUERY, status: ${r.rcode}`,
    `;; flags: qr${r.rcode !== "REFUSED" ? " aa" : ""}; QUERY: 1, ANSWER: ${r.answers.length}, AUTHORITY: ${r.authority.length}, ADDITIONAL: 0`,
    `;; vnet: ${vnetId}${r.zone ? `, zone: ${r.zone}` : ""}`,
    "",
    ";; QUESTION SECTION:",
    `;${dotted(qname.toLowerCase())}\t\tIN\t${qtype.toUpperCase()}`,
  ];
  if (r.answers.length) lines.push("", ";; ANSWER SECTION:", ...r.answers.map(rrLine));
  if (r.authority.length) lines.push("", ";; AUTHORITY SECTION:", ...r.authority.map(rrLine));
  return lines.join("\n") + "\n";
}

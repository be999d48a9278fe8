/** Records in DNS presentation format (as dig prints them): names with a trailing dot, TXT strings quoted. */
import { AnswerRecord, dotted, isAuthoritative, rdata, RecordSet, Resolution } from "../provider/emulator";

export { dotted, rdata };

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
    `;; flags: qr${isAuthoritative(r) ? " aa" : ""}; QUERY: 1, ANSWER: ${r.answers.length}, AUTHORITY: ${r.authority.length}, ADDITIONAL: 0`,
    `;; vnet: ${vnetId}${r.zone ? `, zone: ${r.zone}` : ""}`,
    "",
    ";; QUESTION SECTION:",
    `;${dotted(qname.toLowerCase())}\t\tIN\t${qtype.toUpperCase()}`,
  ];
  if (r.answers.length) lines.push("", ";; ANSWER SECTION:", ...r.answers.map(rrLine));
  if (r.authority.length) lines.push("", ";; AUTHORITY SECTION:", ...r.authority.map(rrLine));
  return lines.join("\n") + "\n";
}

/**
 * Everything a VM in one vnet can resolve (Q1-Q5), read from the store in one pass and held in maps, so that
 * the DNS server answers a name it has never been asked without a statement per question. It is a copy of one
 * committed state: `VnetSnapshots` builds a new one when the store's version moves (another process committed,
 * PRAGMA data_version, or this connection wrote, total_changes()).
 */
import { ResolutionData, Visible } from "./resolve";
import { RecordSetRow, ZoneRow } from "./rows";
import { Store } from "./store";

interface ZoneRecords {
  /** Record sets by relative name. */
  byName: Map<string, RecordSetRow[]>;
  /** Relative names with some record set strictly below them (their proper ancestors, `@` excluded). */
  ancestors: Set<string>;
}

/** Proper ancestors of a relative name: `a.b.c` → `b.c`, `c`. */
function ancestorsOf(relative: string): string[] {
  const out: string[] = [];
  for (let dot = relative.indexOf("."); dot >= 0; dot = relative.indexOf(".", dot + 1)) out.push(relative.slice(dot + 1));
  return out;
}

export class VnetView implements ResolutionData {
  /** Lengths of the visible zones' names: a suffix of another length is no zone, found without hashing it. */
  private readonly zoneLengths: Set<number>;

  private constructor(
    private readonly zones: Map<string, Visible>,
    private readonly records: Map<number, ZoneRecords>,
    private readonly reverses: Map<string, { host: string; zone: string }[]>,
    /** How many record sets it holds (for memory figures). */
    readonly size: number,
  ) {
    this.zoneLengths = new Set([...zones.keys()].map((name) => name.length));
  }

  /** Reads the vnet's visible zones, their record sets and its VMs' registrations; call inside a read transaction. */
  static build(s: Store, vnetId: number): VnetView {
    const zones = new Map<string, Visible>();
    const records = new Map<number, ZoneRecords>();
    const linked = s.q(`SELECT z.*, l.resolution_policy AS policy FROM zones z JOIN links l ON l.zone_id = z.id WHERE l.vnet_id = ?`)
      .all(vnetId) as (ZoneRow & { policy: string | null })[];
    for (const z of linked) {
      zones.set(z.name, { zone: z, policy: z.policy });
      records.set(z.id, { byName: new Map(), ancestors: new Set() });
    }
    let size = 0;
    const rows = s.q(`SELECT r.* FROM record_sets r JOIN links l ON l.zone_id = r.zone_id WHERE l.vnet_id = ?`).iterate(vnetId) as Iterable<RecordSetRow>;
    for (const row of rows) {
      const zone = records.get(row.zone_id)!;
      const at = zone.byName.get(row.name);
      if (at) at.push(row);
      else zone.byName.set(row.name, [row]);
      if (row.name !== "@") for (const a of ancestorsOf(row.name)) zone.ancestors.add(a);
      size++;
    }
    const reverses = new Map<string, { host: string; zone: string }[]>();
    const regs = s.q(`SELECT r.reverse_name, r.host, z.name AS zone FROM registrations r JOIN zones z ON z.id = r.zone_id
                      WHERE r.vnet_id = ? ORDER BY z.name`).iterate(vnetId) as Iterable<{ reverse_name: string; host: string; zone: string }>;
    for (const r of regs) {
      const list = reverses.get(r.reverse_name);
      if (list) list.push({ host: r.host, zone: r.zone });
      else reverses.set(r.reverse_name, [{ host: r.host, zone: r.zone }]);
    }
    return new VnetView(zones, records, reverses, size);
  }

  /** zoneCandidates' suffixes, longest first, but only those as long as some visible zone's name are looked up. */
  visibleZone(name: string): Visible | undefined {
    for (let at = 0; ; ) {
      const dot = name.indexOf(".", at);
      if (dot < 0) return undefined; // a single label is never a zone (Z1)
      if (this.zoneLengths.has(name.length - at)) {
        const v = this.zones.get(at === 0 ? name : name.slice(at));
        if (v) return v;
      }
      at = dot + 1;
    }
  }

  rowsAt(zoneId: number, relative: string): RecordSetRow[] {
    return this.records.get(zoneId)?.byName.get(relative) ?? [];
  }

  hasDescendants(zoneId: number, relative: string): boolean {
    return this.records.get(zoneId)?.ancestors.has(relative) ?? false;
  }

  reverse(name: string): { host: string; zone: string }[] {
    return this.reverses.get(name) ?? [];
  }
}

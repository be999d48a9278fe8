/**
 * Resolution for a reader that answers many queries for one vnet, such as the DNS server: queries run in read
 * snapshots the reader opens and ends (one per batch of queries, instead of one transaction per query), the
 * vnet is looked up once per snapshot, and `changed()` says whether another connection committed since it was
 * last asked (PRAGMA data_version), so that answers kept from before can be dropped.
 */
import { resolveInVnet } from "./resolve";
import { vnetRow } from "./rows";
import { Store } from "./store";
import { Resolution, VnetRef } from "./types";

export class VnetSnapshots {
  private readonly begin;
  private readonly commit;
  private readonly dataVersion;
  private lastVersion: unknown;
  /** The vnet's row id in the current snapshot (a vnet deleted meanwhile: ResourceNotFound, as from resolve). */
  private vnetRowId: number | undefined;

  constructor(private readonly store: Store, private readonly vnet: VnetRef) {
    this.begin = store.db.prepare("BEGIN DEFERRED");
    this.commit = store.db.prepare("COMMIT");
    this.dataVersion = store.db.prepare("PRAGMA data_version").pluck();
  }

  /** Q1-Q5 as `Emulator.resolve`, inside the current snapshot; the first query after `end()` begins a new one. */
  resolve(name: string, type: string): Resolution {
    if (!this.store.db.inTransaction) {
      this.begin.run(); // deferred: the snapshot is taken at its first read, after the batch's packets arrived
      this.vnetRowId = undefined;
    }
    this.vnetRowId ??= vnetRow(this.store, this.vnet, "vnet").id;
    return resolveInVnet(this.store, this.vnetRowId, name, type);
  }

  /** Ends the current snapshot, if any. */
  end(): void {
    if (this.store.db.inTransaction) this.commit.run();
  }

  /**
   * True if the store may have changed since the last call: another connection committed (data_version moved),
   * or the version could not be read (then `error` is the reason). The first call returns true.
   */
  changed(): { changed: boolean; error?: Error } {
    try {
      const version = this.dataVersion.get();
      const changed = version !== this.lastVersion;
      this.lastVersion = version;
      return { changed };
    } catch (e) {
      this.lastVersion = undefined;
      return { changed: true, error: e as Error };
    }
  }
}

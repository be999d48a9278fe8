/**
 * Resolution for a reader that answers many queries for one vnet, such as the DNS server: queries are answered
 * from a `VnetView` (the vnet's visible records in memory), built again at the first query of a batch after the
 * store's version moved (another connection committed: PRAGMA data_version; this one wrote: total_changes()).
 * Batches are read snapshots the reader opens and ends, and `changed()` says whether the store changed since it
 * was last asked, so that answers the reader kept can be dropped.
 */
import { resolveWith } from "./resolve";
import { vnetRow } from "./rows";
import { Store } from "./store";
import { Resolution, VnetRef } from "./types";
import { VnetView } from "./vnetView";

export class VnetSnapshots {
  private readonly begin;
  private readonly commit;
  private readonly dataVersion;
  private readonly ownChanges;
  private lastVersion: unknown;
  private view: { version: string; of: VnetView } | undefined;

  constructor(private readonly store: Store, private readonly vnet: VnetRef) {
    this.begin = store.db.prepare("BEGIN DEFERRED");
    this.commit = store.db.prepare("COMMIT");
    this.dataVersion = store.db.prepare("PRAGMA data_version").pluck();
    this.ownChanges = store.db.prepare("SELECT total_changes()").pluck();
  }

  /** Q1-Q5 as `Emulator.resolve`, inside the current snapshot; the first query after `end()` begins a new one. */
  resolve(name: string, type: string): Resolution {
    if (!this.store.db.inTransaction) {
      this.begin.run(); // deferred: the snapshot is taken at its first read, after the batch's packets arrived
      const version = `${this.dataVersion.get()}:${this.ownChanges.get()}`;
      // A vnet deleted meanwhile: ResourceNotFound, as from Emulator.resolve.
      if (this.view?.version !== version) this.view = { version, of: VnetView.build(this.store, vnetRow(this.store, this.vnet, "vnet").id) };
    }
    return resolveWith(this.view!.of, name, type);
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

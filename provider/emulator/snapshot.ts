/**
 * Resolution for a reader that answers many queries for one vnet, such as the DNS server: queries are answered
 * from a `VnetView` (the vnet's visible records in memory). At the first query of a batch (after `end()`) the
 * store's version is read (another connection committed: PRAGMA data_version; this one wrote: total_changes());
 * if it moved, the view is built again in one read transaction. A batch whose store did not change costs those
 * two statements and no transaction: the view already is the store as last committed. `changed()` says whether
 * the store changed since it was last asked, so that answers the reader kept can be dropped.
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
  /** True from the first query of a batch to its end(): the view was checked against the store for it. */
  private checked = false;

  constructor(private readonly store: Store, private readonly vnet: VnetRef) {
    this.begin = store.db.prepare("BEGIN DEFERRED");
    this.commit = store.db.prepare("COMMIT");
    this.dataVersion = store.db.prepare("PRAGMA data_version").pluck();
    this.ownChanges = store.db.prepare("SELECT total_changes()").pluck();
  }

  /** Q1-Q5 as `Emulator.resolve`, as the store was at the batch's first query (read after its packets arrived). */
  resolve(name: string, type: string): Resolution {
    if (!this.checked) {
      if (this.view?.version !== this.version(this.batchVersion)) this.rebuild();
      this.checked = true;
    }
    return resolveWith(this.view!.of, name, type);
  }

  /** Ends the current batch: the next query reads the store's version again. */
  end(): void {
    this.checked = false;
    this.batchVersion = undefined;
  }

  /** data_version as `changed()` read it for this batch (before its queries), so that it is not read twice. */
  private batchVersion: unknown;

  private version(dataVersion: unknown = this.dataVersion.get()): string {
    return `${dataVersion}:${this.ownChanges.get()}`;
  }

  /**
   * The view of one committed state, labelled with the version read inside the same read transaction (one the
   * caller has open is used as it is). A vnet deleted meanwhile: ResourceNotFound, as from Emulator.resolve.
   */
  private rebuild(): void {
    const own = !this.store.db.inTransaction;
    if (own) this.begin.run();
    try {
      const version = this.version(); // read again inside the transaction: the version of what is read
      this.view = { version, of: VnetView.build(this.store, vnetRow(this.store, this.vnet, "vnet").id) };
    } finally {
      if (own) this.commit.run();
    }
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
      if (!this.checked) this.batchVersion = version;
      return { changed };
    } catch (e) {
      this.lastVersion = undefined;
      return { changed: true, error: e as Error };
    }
  }
}

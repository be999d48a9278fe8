/**
 * The SQLite connection: WAL, a busy timeout, foreign keys, and one `BEGIN IMMEDIATE` transaction per
 * operation so that two processes (two `pulumi up` runs) on one file can never both pass a rule.
 */
import Database from "better-sqlite3";
import * as fs from "fs";
import * as path from "path";
import { migrate } from "./schema";

export const MEMORY = ":memory:";

/** `$PRIVATEDNS_EMULATOR_DB`, else `.privatedns/emulator.db` under the current directory. */
export function defaultStorePath(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return env.PRIVATEDNS_EMULATOR_DB || path.join(cwd, ".privatedns", "emulator.db");
}

/** The store a program uses: stack config `privatedns:emulatorDb` if set, else the default; absolute. */
export function chooseStorePath(configured?: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return path.resolve(cwd, configured || defaultStorePath(env, cwd));
}

export interface OpenOptions {
  /** Milliseconds a writer waits for another process's transaction (default 30 s). */
  busyTimeoutMs?: number;
  readonly?: boolean;
}

function retryWhileBusy(timeoutMs: number, fn: () => void): void {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return fn();
    } catch (e) {
      if ((e as { code?: string }).code?.startsWith("SQLITE_BUSY") !== true || Date.now() > deadline) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5 + Math.random() * 20);
    }
  }
}

export class Store {
  readonly db: Database.Database;
  readonly path: string;
  private readonly statements = new Map<string, Database.Statement>();
  /**
   * One transaction function for the connection: `db.transaction(fn)` builds four wrappers and defines their
   * properties on every call, about a tenth of an ARM request's CPU when made per operation (bench/arm-http.js).
   */
  private readonly immediate: (fn: () => unknown) => unknown;

  constructor(file: string, options: OpenOptions = {}) {
    this.path = file;
    if (file !== MEMORY && !options.readonly) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const timeout = options.busyTimeoutMs ?? 30_000;
    this.db = new Database(file, { readonly: options.readonly ?? false, timeout });
    // Several processes opening a new file at once: switching it to WAL can be refused with SQLITE_BUSY
    // without waiting (SQLite does not always call the busy handler there), so the opening steps retry.
    retryWhileBusy(timeout, () => {
      if (file !== MEMORY && !options.readonly) this.db.pragma("journal_mode = WAL");
      // Durability: WAL with synchronous NORMAL. A committed transaction survives the process crashing (it is in
      // the WAL, in the OS's cache); one committed just before a power loss or OS crash may be lost, never half
      // applied. Checkpoints (WAL back into the file) are where SQLite syncs: every 4,000 pages (16 MB of WAL)
      // instead of the default 1,000, since each writes back the pages changed since the last one and syncs twice,
      // and a VM's create changes about 15 pages: at 1,000 they cost a third of a create (docs/performance.md).
      this.db.pragma("synchronous = NORMAL");
      this.db.pragma("wal_autocheckpoint = 4000");
      this.db.pragma("foreign_keys = ON");
      // Registration works through a temp table; keep it, and a vnet's worth of pages, in memory.
      this.db.pragma("temp_store = MEMORY");
      this.db.pragma("cache_size = -32000");
      if (!options.readonly) migrate(this.db);
      // The (zone, host) pairs a registration change touches (registration.ts). Created once per connection,
      // outside any transaction: created inside one and rolled back, it would re-prepare every statement using it.
      this.db.exec("CREATE TEMP TABLE IF NOT EXISTS touched (zone_id INTEGER NOT NULL, host TEXT NOT NULL, PRIMARY KEY (zone_id, host))");
    });
    this.immediate = this.db.transaction((fn: () => unknown) => fn()).immediate;
  }

  /** A prepared statement, prepared once per connection. */
  q(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  /** Runs `fn` in one BEGIN IMMEDIATE transaction (a savepoint when already inside one); a throw rolls back. */
  tx<T>(fn: () => T): T {
    return this.immediate(fn) as T;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

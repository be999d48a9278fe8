// The files around an example stack in a test: a copy of the project under test/.tmp (inside the
// repository, so it resolves `pulumi-privatedns-emulator` and `@pulumi/pulumi` from the root node_modules),
// edits of its program as a user would make them, and its emulator store.
import * as fs from "fs";
import * as path from "path";
import { randomBytes } from "crypto";

import { Emulator } from "../../dist/provider/emulator";

export const repoRoot = path.resolve(__dirname, "..", "..");
const tmpRoot = path.join(repoRoot, "test", ".tmp");

/** Copies `src` (without installed modules, stack files or stores) to a new folder under test/.tmp. */
export function copyProject(src: string, prefix: string): string {
  const dir = path.join(tmpRoot, `${prefix}-${randomBytes(4).toString("hex")}`);
  fs.mkdirSync(tmpRoot, { recursive: true });
  const skip = new Set(["node_modules", ".pulumi-local", ".privatedns"]);
  fs.cpSync(src, dir, {
    recursive: true,
    filter: (p) => !skip.has(path.basename(p)) && !/^Pulumi\..+\.yaml$/.test(path.basename(p)) && !p.endsWith(".db"),
  });
  return dir;
}

export interface ProgramFile {
  /** The program's text. */
  program(): string;
  /** Edits the program: each `from` must occur exactly once. */
  edit(...replacements: [from: string, to: string][]): void;
}

export function programFile(entry: string): ProgramFile {
  return {
    program: () => fs.readFileSync(entry, "utf8"),
    edit(...replacements) {
      let text = fs.readFileSync(entry, "utf8");
      for (const [from, to] of replacements) {
        const n = text.split(from).length - 1;
        if (n !== 1) throw new Error(`edit: ${JSON.stringify(from)} occurs ${n} times in ${entry}`);
        text = text.replace(from, () => to);
      }
      fs.writeFileSync(entry, text);
    },
  };
}

export interface StoreFile {
  /** Opens the store, runs `fn`, closes it. */
  store<T>(fn: (emu: Emulator) => T): T;
  /** The store file's bytes (undefined when absent): to show that an operation wrote nothing. */
  storeBytes(): Buffer | undefined;
}

export function storeFile(db: string): StoreFile {
  return {
    store(fn) {
      const emu = Emulator.open(db);
      try {
        return fn(emu);
      } finally {
        emu.close();
      }
    },
    storeBytes: () => (fs.existsSync(db) ? fs.readFileSync(db) : undefined),
  };
}

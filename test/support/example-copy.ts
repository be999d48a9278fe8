// A copy of an example program for one test: under test/.tmp (inside the repository, so the copy resolves
// `pulumi-privatedns-emulator` and `@pulumi/pulumi` from the root node_modules by walking up; it keeps its
// package.json, whose `main` the program runs), with the edits a test makes to its program and a look at
// the emulator store it writes. Shared by the tests that run it through the Automation API and the CLI.
import * as fs from "fs";
import * as path from "path";
import { randomBytes } from "crypto";

import { Emulator } from "../../dist/provider/emulator";

export const repoRoot = path.resolve(__dirname, "..", "..");
const tmpRoot = path.join(repoRoot, "test", ".tmp");

/** Copies an example (a folder of examples/, or a path relative to the repository) to a fresh folder. */
export function copyExample(example: string, prefix: string): string {
  const src = example.includes("/") ? path.join(repoRoot, example) : path.join(repoRoot, "examples", example);
  const dir = path.join(tmpRoot, `${prefix}-${path.basename(example)}-${randomBytes(4).toString("hex")}`);
  fs.mkdirSync(tmpRoot, { recursive: true });
  const skip = new Set(["node_modules", ".pulumi-local", ".privatedns"]);
  fs.cpSync(src, dir, {
    recursive: true,
    filter: (p) => !skip.has(path.basename(p)) && !/^Pulumi\..+\.yaml$/.test(path.basename(p)) && !p.endsWith(".db"),
  });
  return dir;
}

export interface ProgramCopy {
  /** The copied program's text. */
  program(): string;
  /** Edits the copied program: each `from` must occur exactly once. */
  edit(...replacements: [from: string, to: string][]): void;
  /** Opens the store, runs `fn`, closes it. */
  store<T>(fn: (emu: Emulator) => T): T;
  /** The store file's bytes (undefined when absent) — to show that an operation wrote nothing. */
  storeBytes(): Buffer | undefined;
}

export function programCopy(dir: string, db: string): ProgramCopy {
  const entry = path.join(dir, "index.ts");
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

/** The shape of a subcommand, and argument parsing with node:util parseArgs (errors become usage errors). */
import { parseArgs, ParseArgsConfig } from "util";
import { usageError } from "./exit";

export type Options = NonNullable<ParseArgsConfig["options"]>;
export type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export interface Invocation {
  values: Values;
  positionals: string[];
  /** `--db`, if given. */
  db: string | undefined;
  json: boolean;
  io: Io;
}

export interface Command {
  name: string;
  summary: string;
  /** The full `--help` text. */
  help: string;
  options: Options;
  /** Positional arguments accepted after the subcommand: [min, max]. */
  positionals: [number, number];
  /** Returns the exit code (a promise for commands that keep running, such as `serve`). */
  run(inv: Invocation): number | Promise<number>;
}

/** Options every subcommand accepts. */
export const GLOBAL_OPTIONS: Options = {
  db: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
};

export function parse(cmd: Command, args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...GLOBAL_OPTIONS, ...cmd.options }, allowPositionals: true, strict: true });
  } catch (e) {
    throw usageError(`${cmd.name}: ${(e as Error).message.split("\n")[0]}`);
  }
  return parsed as { values: Values; positionals: string[] };
}

export function checkPositionals(cmd: Command, positionals: string[]) {
  const [min, max] = cmd.positionals;
  if (positionals.length < min) throw usageError(`${cmd.name}: missing argument (see 'privatedns ${cmd.name} --help')`);
  if (positionals.length > max) throw usageError(`${cmd.name}: unexpected argument '${positionals[max]}'`);
}

export const str = (v: Values[string]): string | undefined => (typeof v === "string" ? v : undefined);
export const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";

/** Shared help lines. */
export const COMMON_HELP = `Global options:
  --db PATH     emulator store (default $PRIVATEDNS_EMULATOR_DB, else .privatedns/emulator.db)
  --json        machine-readable output (listing commands)
  -h, --help    this help`;

#!/usr/bin/env node
/** `privatedns`: look into the emulator's store, resolve names as a vnet sees them, serve DNS. */
import { isEmulatorError } from "../provider/emulator";
import { checkPositionals, Command, COMMON_HELP, Io, parse, str } from "./command";
import { CliError, EXIT, usageError } from "./exit";
import { zones } from "./commands/zones";
import { links } from "./commands/links";
import { records } from "./commands/records";
import { vms } from "./commands/vms";
import { endpoints } from "./commands/endpoints";
import { resolve } from "./commands/resolve";
import { serve } from "./commands/serve";
import { serveArm } from "./commands/serveArm";
import { exportCommand } from "./commands/export";
import { reset } from "./commands/reset";
import { policy } from "./commands/policy";

export const COMMANDS: Command[] = [zones, links, records, vms, endpoints, resolve, serve, serveArm, exportCommand, reset, policy];

export const MAIN_HELP = `Usage: privatedns [--db PATH] COMMAND [options]

Azure Private DNS emulator: inspect the store, resolve names as a VM in a vnet would, serve DNS.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(9)} ${c.summary}`).join("\n")}

Run 'privatedns COMMAND --help' for a command's options. Zones and vnets are named by NAME, RG/NAME or ARM id.

${COMMON_HELP}

Exit codes:
  0  success (resolve: NOERROR, NODATA included)
  1  the emulator refused or did not find something (no store, unknown zone or vnet), reset declined
  2  usage error (unknown command or option, missing argument, ambiguous name, reset without TTY and --yes)
  3  resolve: NXDOMAIN or REFUSED
`;

/** The first token that is not an option (or the value of --db) is the subcommand. */
function splitCommand(argv: string[]): { name: string | undefined; rest: string[] } {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--db") { i++; continue; }
    if (a.startsWith("-")) continue;
    return { name: a, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] };
  }
  return { name: undefined, rest: argv };
}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const { name, rest } = splitCommand(argv);
    if (name === undefined) {
      if (rest.includes("--help") || rest.includes("-h")) { io.out(MAIN_HELP); return EXIT.OK; }
      io.err(MAIN_HELP);
      return EXIT.USAGE;
    }
    if (name === "help") {
      const target = COMMANDS.find((c) => c.name === rest.find((a) => !a.startsWith("-")));
      io.out(target ? target.help + "\n" : MAIN_HELP);
      return EXIT.OK;
    }
    const cmd = COMMANDS.find((c) => c.name === name);
    if (!cmd) throw usageError(`unknown command '${name}' (commands: ${COMMANDS.map((c) => c.name).join(", ")})`);
    const { values, positionals } = parse(cmd, rest);
    if (values.help) { io.out(cmd.help + "\n"); return EXIT.OK; }
    checkPositionals(cmd, positionals);
    return await cmd.run({ values, positionals, db: str(values.db), json: values.json === true, io });
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`privatedns: ${e.message}\n`);
      return e.exitCode;
    }
    if (isEmulatorError(e)) {
      io.err(`privatedns: ${e.message}\n`); // code (rule) resource: message, as SPEC E asks
      return EXIT.FAILURE;
    }
    io.err(`privatedns: ${(e as Error)?.stack ?? String(e)}\n`);
    return EXIT.FAILURE;
  }
}

if (require.main === module) {
  const io: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };
  main(process.argv.slice(2), io).then((code) => { process.exitCode = code; });
}

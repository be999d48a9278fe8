/** `privatedns reset [--yes]`: deletes everything in the store (the schema stays). */
import * as readline from "readline";
import { Command, COMMON_HELP, json } from "../command";
import { EXIT, usageError } from "../exit";
import { openStore } from "../store";

function ask(question: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) => {
    rl.question(question, (answer) => { resolve(answer); rl.close(); });
    rl.on("close", () => resolve(""));
  });
}

export const reset: Command = {
  name: "reset",
  summary: "delete everything in the store",
  help: `Usage: privatedns reset [--yes]

Deletes every zone, vnet, link, VM and record set in the store (the file and its schema stay).
On a terminal it asks for confirmation; --yes skips the question. Without a terminal on stdin and
without --yes it refuses (exit 2) and deletes nothing. Answering anything but y/yes aborts (exit 1).

${COMMON_HELP}`,
  options: { yes: { type: "boolean", short: "y" } },
  positionals: [0, 0],
  async run({ values, db, json: asJson, io }) {
    const emu = openStore(db);
    try {
      if (!values.yes) {
        if (!process.stdin.isTTY) throw usageError(`reset: refusing to delete '${emu.path}' without --yes (stdin is not a terminal)`);
        const e = emu.export();
        const answer = await ask(`Delete everything in ${emu.path} (${e.zones.length} zones, ${e.vnets.length} vnets, ` +
          `${e.links.length} links, ${e.vms.length} VMs)? [y/N] `);
        if (!/^y(es)?$/i.test(answer.trim())) {
          io.err("reset aborted; nothing deleted\n");
          return EXIT.FAILURE;
        }
      }
      emu.reset();
      io.out(asJson ? json({ reset: true, db: emu.path }) : `reset ${emu.path}\n`);
      return EXIT.OK;
    } finally {
      emu.close();
    }
  },
};

// The README's code blocks, read as a user copies them. A TypeScript block is preceded by a marker that says
// how the tests run it: `<!-- snippet: node -->` (type-checked and run with node, top-level await allowed;
// `<!-- snippet: node: infra=examples/basic, <this repo>=. -->` first copies examples/basic to ./infra and
// puts the repository's path in place of the text `<this repo>`),
// `<!-- snippet: program -->` (a Pulumi program, deployed with the real CLI) or
// `<!-- snippet: not-run: <why> -->`. Shell blocks are checked for the npm scripts and paths they name.
import * as fs from "fs";

export interface Snippet {
  lang: string;
  /** The marker's kind: node, program, not-run (sh blocks: "sh"). */
  kind: string;
  reason: string;
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
}

export function readmeSnippets(file: string): Snippet[] {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const out: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.indexOf("```", i + 1);
    const marker = /^<!-- snippet: ([a-z-]+)(?::\s*(.*?))? -->$/.exec(lines[i - 1] ?? "");
    out.push({
      lang: open[1],
      kind: marker?.[1] ?? (open[1] === "sh" ? "sh" : ""),
      reason: marker?.[2] ?? "",
      code: lines.slice(i + 1, end).join("\n"),
      line: i + 1,
    });
    i = end;
  }
  return out;
}

/** A node snippet as a CommonJS-compatible module: imports first, the rest inside an async function. */
export function asScript(code: string): string {
  const lines = code.split("\n");
  const imports = lines.filter((l) => /^import /.test(l));
  const body = lines.filter((l) => !/^import /.test(l));
  return [...imports, "(async () => {", ...body, "})().catch((e) => { console.error(e); process.exit(1); });", ""].join("\n");
}

/** The setup a node snippet's marker asks for: folders to copy into its cwd, and text to replace. */
export function snippetSetup(reason: string): { copies: [string, string][]; replacements: [string, string][] } {
  const copies: [string, string][] = [];
  const replacements: [string, string][] = [];
  for (const pair of reason.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [key, value] = pair.split("=").map((x) => x.trim());
    (key.startsWith("<") ? replacements : copies).push([key, value]);
  }
  return { copies, replacements };
}

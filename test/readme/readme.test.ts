// The README's code works as printed: every TypeScript block runs (node snippets type-checked and run,
// Pulumi programs deployed through the real Pulumi CLI, with the values their comments promise), and every
// shell block names npm scripts and files that exist. A block that cannot run here says why in its marker.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import ts from "typescript";

import { afterAll, describe, expect, it } from "vitest";

import { cliEnv, pulumiOk, repoRoot } from "../support/pulumi-cli";
import { typeErrors } from "../support/typecheck";
import { asScript, readmeSnippets, snippetSetup } from "./snippets";

const T = 180_000;
const snippets = readmeSnippets(path.join(repoRoot, "README.md"));
const scripts: Record<string, string> = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).scripts;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** An empty folder under test/.tmp, where `pulumi-privatedns-emulator` resolves to this checkout. */
function workDir(): string {
  fs.mkdirSync(path.join(repoRoot, "test", ".tmp"), { recursive: true });
  const dir = fs.mkdtempSync(path.join(repoRoot, "test", ".tmp", "readme-"));
  dirs.push(dir);
  return dir;
}

/** What a `// [{ ... }]` comment right after `export const <name>` says the value is. */
function promisedValue(code: string, name: string): unknown {
  const lines = code.split("\n");
  const at = lines.findIndex((l) => l.startsWith(`export const ${name} `));
  const comment = [];
  for (let i = at + 1; i < lines.length && lines[i].startsWith("//"); i++) comment.push(lines[i].replace(/^\/\/\s?/, ""));
  return comment.length ? new Function(`return (${comment.join("\n")});`)() : undefined;
}

/** How a node snippet is compiled: ts-node's options over the tsconfig.json it finds from the snippet's folder. */
const SNIPPET_OPTIONS = { module: "commonjs", target: "ES2022", strict: true, esModuleInterop: true, types: ["node"] };
/** Diagnostics ts-node does not report by default (rootDir, empty `files`, no inputs). */
const TS_NODE_IGNORED = [6059, 18002, 18003];

/**
 * The type errors ts-node would stop `node -r ts-node/register snippet.ts` with: the same tsconfig.json (found
 * from the snippet's folder), the same options over it, the same file. Checked here, in this process, with
 * the parsed declaration files shared between snippets; the snippet then runs transpile-only.
 */
function snippetTypeErrors(file: string): string[] {
  const tsconfig = ts.findConfigFile(path.dirname(file), ts.sys.fileExists);
  if (!tsconfig) throw new Error(`no tsconfig.json above ${file}`);
  return typeErrors(tsconfig, { rootNames: [file], compilerOptions: SNIPPET_OPTIONS })
    .filter((text) => !TS_NODE_IGNORED.some((code) => text.includes(`error TS${code}:`)));
}

/** `node <args>` in `cwd`, without blocking the worker (the blocks run side by side); killed after `timeoutMs`. */
function runNode(args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "", stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

// Every block runs in a folder of its own: they run side by side.
describe.concurrent("README code blocks", () => {
  it("every TypeScript block is marked with how it is tested", () => {
    const unmarked = snippets.filter((s) => s.lang === "ts" && !["node", "program", "not-run"].includes(s.kind)).map((s) => s.line);
    expect(unmarked).toEqual([]);
    for (const s of snippets.filter((x) => x.kind === "not-run")) expect(s.reason, `README.md:${s.line}`).not.toBe("");
  });

  for (const s of snippets.filter((x) => x.kind === "node")) {
    it(`README.md:${s.line} runs with node, type-checked`, async () => {
      const dir = workDir();
      const setup = snippetSetup(s.reason);
      for (const [to, from] of setup.copies) fs.cpSync(path.join(repoRoot, from), path.join(dir, to), { recursive: true, filter: (p) => !/node_modules|Pulumi\..+\.yaml$/.test(p) });
      let code = s.code;
      for (const [text, rel] of setup.replacements) code = code.split(text).join(path.resolve(repoRoot, rel));
      const file = path.join(dir, "snippet.ts");
      fs.writeFileSync(file, asScript(code));
      expect(snippetTypeErrors(file)).toEqual([]);
      const r = await runNode(["-r", "ts-node/register", "snippet.ts"], dir, {
        ...process.env,
        PRIVATEDNS_EMULATOR_DB: "",
        TS_NODE_TRANSPILE_ONLY: "true", // type-checked just above
        TS_NODE_COMPILER_OPTIONS: JSON.stringify(SNIPPET_OPTIONS),
      }, 150_000);
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    }, T);
  }

  for (const s of snippets.filter((x) => x.kind === "program")) {
    it(`README.md:${s.line} deploys with pulumi up, and its outputs are what its comments say`, async () => {
      const dir = workDir();
      fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: readme-snippet\nruntime: nodejs\n");
      fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "readme-snippet", main: "index.ts" }));
      fs.writeFileSync(path.join(dir, "index.ts"), s.code);
      const cli = cliEnv();
      try {
        const run = (args: string[]) => pulumiOk(args, { cwd: dir, env: cli.env });
        await run(["login", cli.backendUrl]);
        await run(["stack", "init", "readme"]);
        await run(["config", "set", "privatedns:emulatorDb", path.join(dir, "dns.db")]);
        // No preview first: nothing here reads it (the promised values are the update's outputs).
        await run(["up", "--yes", "--skip-preview"]);
        const outputs = JSON.parse((await run(["stack", "output", "--json"])).stdout);
        for (const name of Object.keys(outputs)) {
          const promised = promisedValue(s.code, name);
          if (promised !== undefined) expect({ [name]: outputs[name] }).toEqual({ [name]: promised });
        }
        await run(["destroy", "--yes", "--skip-preview"]);
      } finally {
        cli.cleanup();
      }
    }, T);
  }

  it("shell blocks name npm scripts and files that exist", () => {
    const missing: string[] = [];
    for (const s of snippets.filter((x) => x.lang === "sh")) {
      for (const m of s.code.matchAll(/npm run ([\w:-]+)/g)) if (!scripts[m[1]]) missing.push(`README.md:${s.line}: npm run ${m[1]}`);
      for (const m of s.code.matchAll(/(?:^|\s)((?:test|examples|scripts|policy|bench|docs|tools)\/[\w./-]*)/g)) {
        if (!fs.existsSync(path.join(repoRoot, m[1]))) missing.push(`README.md:${s.line}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

/** Runs dig against 127.0.0.1 and reads its answer: status, flags and the records of each section. */
import { spawnSync } from "child_process";

export interface DigAnswer {
  status: string;
  flags: string[];
  answer: string[][];
  authority: string[][];
  raw: string;
}

export const hasDig = () => spawnSync("dig", ["-v"]).status === 0;

export function dig(port: number, args: string[]): DigAnswer {
  const r = spawnSync("dig", ["@127.0.0.1", "-p", String(port), "+tries=1", "+time=3", ...args], { encoding: "utf8", timeout: 20_000 });
  const raw = r.stdout ?? "";
  const status = /status: (\w+)/.exec(raw)?.[1] ?? `no answer (${r.status}): ${raw}${r.stderr}`;
  const flags = (/;; flags: ([^;]*);/.exec(raw)?.[1] ?? "").trim().split(/\s+/).filter(Boolean);
  const section = (title: string) => {
    const m = new RegExp(`;; ${title} SECTION:\\n([\\s\\S]*?)(?:\\n\\n|$)`).exec(raw);
    return m ? m[1].split("\n").filter((l) => l && !l.startsWith(";")).map((l) => l.split(/\s+/)) : [];
  };
  return { status, flags, answer: section("ANSWER"), authority: section("AUTHORITY"), raw };
}

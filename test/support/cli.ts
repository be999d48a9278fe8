/** Runs `node dist/cli/main.js ...` as a child process, as a user would run `privatedns`. */
import { spawn, spawnSync, ChildProcess } from "child_process";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "../..");
export const MAIN = path.join(ROOT, "dist/cli/main.js");

export interface Run { code: number | null; stdout: string; stderr: string }

export function privatedns(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: ROOT, encoding: "utf8", input: options.input ?? "", timeout: 30_000,
    env: { ...process.env, PRIVATEDNS_EMULATOR_DB: "", ...options.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the command inside a pseudo-terminal (util-linux `script`), typing `input`. */
export function privatednsOnTty(args: string[], input: string): Run {
  const cmd = [process.execPath, MAIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const r = spawnSync("script", ["-qec", cmd, "/dev/null"], { cwd: ROOT, encoding: "utf8", input, timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const hasScript = () => spawnSync("script", ["--version"]).status === 0;

export interface Served { child: ChildProcess; ports: Record<string, number>; listening: { vnet: string; host: string; port: number; udp: string }[]; stderr: () => string; stop(): Promise<void> }

/** Starts `privatedns serve --json --port 0 --vnet ...` and waits for one line per vnet. */
export function serve(db: string, vnets: string[], extra: string[] = []): Promise<Served> {
  const child = spawn(process.execPath, [MAIN, "serve", "--db", db, "--json", "--port", "0", ...vnets.flatMap((v) => ["--vnet", v]), ...extra], {
    cwd: ROOT, stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "", err = "";
  child.stderr!.on("data", (d) => (err += d));
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill("SIGKILL"); reject(new Error(`serve did not start: ${err}`)); }, 15_000);
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`serve exited with ${code}: ${err}`)); });
    child.stdout!.on("data", (d) => {
      out += d;
      const lines = out.split("\n").filter(Boolean);
      if (lines.length < vnets.length) return;
      clearTimeout(timer);
      const ports: Record<string, number> = {};
      const listening = lines.map((l) => JSON.parse(l));
      for (const { vnet, port } of listening) ports[vnet.split("/").pop()] = port;
      resolve({ child, ports, listening, stderr: () => err, stop });
    });
  });
}

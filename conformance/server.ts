/** A fresh server per case: a new store in a temporary folder, plain HTTP on a free loopback port. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startArmServer, ArmServer } from "../arm/server";

export async function freshServer(): Promise<ArmServer & { dispose(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pdns-conformance-"));
  const server = await startArmServer({ dbPath: path.join(dir, "store.db"), http: true, port: 0, retryAfterSeconds: 0 });
  return { ...server, dispose: async () => { await server.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

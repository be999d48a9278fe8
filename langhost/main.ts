#!/usr/bin/env node
// pulumi-language-nodejs: `main.js [-flags] [<engine address>]`. Serves the LanguageRuntime on loopback
// and prints its port on the first line of stdout, as the engine expects of every plugin.
import { loadPulumiProto } from "../testing/proto";
import { NodeLanguageRuntime } from "./runtime";

async function main(argv: string[]): Promise<void> {
  // The engine may pass flags such as -tracing=... before the address; they change nothing here.
  const positional = argv.filter((a) => !a.startsWith("-"));
  const proto = loadPulumiProto(__dirname);
  const runtime = new NodeLanguageRuntime({ proto, engineAddress: positional[0] });
  const server = new proto.grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(proto.languageGrpc.LanguageRuntimeService, runtime.service());
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", proto.grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  process.stdout.write(`${bound}\n`);
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`pulumi-language-nodejs: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

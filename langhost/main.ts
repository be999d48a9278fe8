#!/usr/bin/env node
// pulumi-language-nodejs: `main.js [-flags] [<engine address>]`. Serves the LanguageRuntime on loopback
// and prints its port on the first line of stdout, as the engine expects of every plugin. With
// `--attach PORT` it listens on that port instead (for PULUMI_DEBUG_LANGUAGES=nodejs:PORT).
import { loadPulumiProto } from "../testing/proto";
import { NodeLanguageRuntime } from "./runtime";

async function main(argv: string[]): Promise<void> {
  // The engine passes flags such as -tracing=... before the address; they change nothing here.
  let port = 0;
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--attach") port = Number(argv[++i]);
    else if (!argv[i].startsWith("-")) positional.push(argv[i]);
  }
  const proto = loadPulumiProto(__dirname);
  const runtime = new NodeLanguageRuntime({ proto, engineAddress: positional[0] });
  const server = new proto.grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(proto.languageGrpc.LanguageRuntimeService, runtime.service());
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, proto.grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  process.stdout.write(`${bound}\n`);
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`pulumi-language-nodejs: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

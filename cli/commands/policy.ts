/** `privatedns policy init DIR`: writes a ready CrossGuard pack that runs this package's policies. */
import * as fs from "fs";
import * as path from "path";
import { Command, COMMON_HELP, json, str } from "../command";
import { CliError, EXIT, usageError } from "../exit";

const FILES = ["PulumiPolicy.yaml", "package.json", "tsconfig.json", "index.ts"] as const;

type Manifest = { version: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };
let cached: Manifest | undefined;
/** This package's package.json (read once, when first needed): its version and the @pulumi pins the pack shares. */
function ownManifest(): Manifest {
  return (cached ??= JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "..", "package.json"), "utf8")));
}

/** The pack's files; `spec` is what its package.json depends on for pulumi-privatedns-emulator. */
export function packFiles(name: string, spec: string): Record<(typeof FILES)[number], string> {
  const own = ownManifest();
  const manifest = {
    name, version: "0.1.0", private: true, main: "index.ts",
    dependencies: {
      "@pulumi/policy": own.dependencies["@pulumi/policy"],
      "@pulumi/pulumi": own.dependencies["@pulumi/pulumi"],
      "pulumi-privatedns-emulator": spec,
    },
    // cmd/run-policy-pack runs index.ts through the pack's own ts-node.
    devDependencies: { "@types/node": own.devDependencies["@types/node"], "ts-node": own.devDependencies["ts-node"], typescript: own.devDependencies.typescript },
  };
  const tsconfig = {
    compilerOptions: { strict: true, target: "ES2022", module: "node16", moduleResolution: "node16", types: ["node"], esModuleInterop: true, skipLibCheck: true },
    files: ["index.ts"],
  };
  return {
    "PulumiPolicy.yaml": "runtime: nodejs\ndescription: Azure Private DNS rules (pulumi-privatedns-emulator docs/SPEC.md), judged by the emulator's own code.\n",
    "package.json": JSON.stringify(manifest, null, 2) + "\n",
    "tsconfig.json": JSON.stringify(tsconfig, null, 2) + "\n",
    "index.ts": `// pulumi preview --policy-pack <this folder>. Levels per policy, or "all", as in @pulumi/awsguard:
// new PrivateDnsGuard({ all: "mandatory", "privatedns-a3-ipv4-only-registration": "advisory" })
import { PrivateDnsGuard } from "pulumi-privatedns-emulator/policy";

new PrivateDnsGuard();
`,
  };
}

export const policy: Command = {
  name: "policy",
  summary: "write a CrossGuard policy pack (policy init DIR)",
  get help() {
    return `Usage: privatedns policy init DIR [--package SPEC] [--force]

Writes a policy pack into DIR (created if missing): PulumiPolicy.yaml, package.json, tsconfig.json and
index.ts, whose one statement is \`new PrivateDnsGuard()\` from pulumi-privatedns-emulator/policy. Then:
  cd DIR && npm install
  pulumi preview --policy-pack DIR
The pack judges emulator, azure-native and classic azure resources (docs/SPEC.md's rules).

Options:
  --package SPEC  what the pack's package.json depends on for pulumi-privatedns-emulator (default: this
                  version, ${ownManifest().version}); e.g. file:../pulumi-privatedns-emulator-${ownManifest().version}.tgz
  --force         overwrite those four files if DIR has them (other files are left alone)

${COMMON_HELP}`;
  },
  options: { package: { type: "string" }, force: { type: "boolean" } },
  positionals: [2, 2],
  run({ values, positionals, json: asJson, io }) {
    const [verb, dirArg] = positionals;
    if (verb !== "init") throw usageError(`policy: unknown subcommand '${verb}' (policy init DIR)`);
    const dir = path.resolve(dirArg);
    const present = FILES.filter((f) => fs.existsSync(path.join(dir, f)));
    if (present.length && !values.force) {
      throw new CliError(`policy init: ${dir} already has ${present.join(", ")}; nothing written (--force overwrites them)`);
    }
    const spec = str(values.package) ?? ownManifest().version;
    const files = packFiles(path.basename(dir).toLowerCase().replace(/[^a-z0-9._-]/g, "-") || "privatedns-policy", spec);
    fs.mkdirSync(dir, { recursive: true });
    for (const f of FILES) fs.writeFileSync(path.join(dir, f), files[f]);
    if (asJson) io.out(json({ dir, files: [...FILES], package: spec }));
    else io.out(`wrote ${FILES.map((f) => path.join(dirArg, f)).join(", ")} (pulumi-privatedns-emulator: ${spec})\n` +
      `next: cd ${dirArg} && npm install; then: pulumi preview --policy-pack ${dirArg}\n`);
    return EXIT.OK;
  },
};

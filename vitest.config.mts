import { defineConfig } from "vitest/config";

// Vitest only orchestrates: anything that touches Pulumi's closure serializer runs in a plain node child
// process (DESIGN.md), so tests here spawn processes and talk to them. Three projects:
// - fast: the emulator, the CLI, the DNS server, the ARM endpoint and the policy pack's rules (under a minute);
// - processes: what drives Pulumi's hosts, the package's engine and the real Pulumi CLI, and the type-checks of
//   the test code and the programs those tests deploy (test/types);
// - packed: the dynamic-provider suite once more, with the package installed from its `npm pack` tarball, and
//   the policy pack a user makes with `privatedns policy init` from that install (test/packed).
// `npx vitest run --project fast` runs one of them; `npm test` runs all three.
const fast = ["test/emulator/**/*.test.ts", "test/mocks/**/*.test.ts", "test/cli/**/*.test.ts", "test/dns/**/*.test.ts", "test/policy/**/*.test.ts", "test/arm/**/*.test.ts"];
const packed = ["test/provider/dynamic-host.test.ts", "test/packed/**/*.test.ts"];

export default defineConfig({
  test: {
    pool: "forks",
    // Two files at a time: on two cores the default is one, and most files spend their time waiting on the
    // child processes they start.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    globalSetup: ["test/global-setup.ts"],
    projects: [
      { extends: true, test: { name: "fast", include: fast } },
      {
        extends: true,
        test: { name: "processes", include: ["test/**/*.test.ts"], exclude: [...fast, "test/packed/**", "**/node_modules/**", "test/.tmp/**"], env: { PDNS_PROVIDER_MODES: "repo" } },
      },
      { extends: true, test: { name: "packed", include: packed, env: { PDNS_PROVIDER_MODES: "packed" } } },
    ],
  },
});

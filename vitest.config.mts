import { defineConfig } from "vitest/config";

// Vitest only orchestrates: anything that touches Pulumi's closure serializer runs in a plain node child
// process (DESIGN.md), so tests here spawn processes and talk to them. Three projects:
// - fast: the emulator, the CLI, the DNS server, the ARM endpoint and the policy pack's rules (under a minute);
// - processes: what drives Pulumi's hosts, the package's engine and the real Pulumi CLI, and the type-checks of
//   the test code and the programs those tests deploy (test/types);
// - packed: the dynamic-provider suite once more, with the package installed from its `npm pack` tarball, and
//   the policy pack a user makes with `privatedns policy init` from that install (test/packed).
// `npm run test:fast` runs the fast ones (projects fast and fast-mocks); `npm test` runs all of them.
const shared = ["test/emulator/**/*.test.ts", "test/cli/**/*.test.ts", "test/dns/**/*.test.ts", "test/policy/**/*.test.ts", "test/arm/**/*.test.ts"];
// Pulumi's runtime mocks are process-wide: those files keep a process each.
const mocks = ["test/mocks/**/*.test.ts"];
const fast = [...shared, ...mocks];
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
      // One worker process for many files (isolate: false): each file's own process cost about a second of fork and
      // imports, a third of the project's time; these files leave no global state behind (no chdir, env restored).
      { extends: true, test: { name: "fast", include: shared, isolate: false } },
      { extends: true, test: { name: "fast-mocks", include: mocks } },
      {
        extends: true,
        test: { name: "processes", include: ["test/**/*.test.ts"], exclude: [...fast, "test/packed/**", "**/node_modules/**", "test/.tmp/**"], env: { PDNS_PROVIDER_MODES: "repo" } },
      },
      { extends: true, test: { name: "packed", include: packed, env: { PDNS_PROVIDER_MODES: "packed" } } },
    ],
  },
});

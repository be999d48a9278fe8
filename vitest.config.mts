import { defineConfig } from "vitest/config";

// Vitest only orchestrates: anything that touches Pulumi's closure serializer runs in a plain node child
// process (DESIGN.md), so tests here spawn processes and talk to them.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

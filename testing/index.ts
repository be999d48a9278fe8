// pulumi-privatedns-emulator/testing: the real Automation API, set up for tests of emulator stacks
// (testing/workspace.ts), and ProviderHost, a gRPC client of the real dynamic-provider host for tests
// that call check/diff/create/... directly. Everything else is `@pulumi/pulumi/automation` itself: the
// `Stack`, `CommandError` and the typed errors, `UpOptions`, `PreviewOptions`, the result types.
export { LocalWorkspace, cleanup, emulatorDbOf, type LocalWorkspaceOptions } from "./workspace";
export { pulumiBinary, cliEnv, type CliEnv } from "./cli";
export {
  ProviderHost,
  ProviderError,
  type ProviderHostOptions,
  type CheckFailure,
  type CheckResult,
  type DiffResult,
  type CreateResult,
  type ReadResult,
  type ResourceRef,
} from "./provider-host";
export { unknownValue, specialSigKey, specialSecretSig } from "./values";
// Last, so that the names above win over the Automation API's own LocalWorkspace and LocalWorkspaceOptions.
export * from "@pulumi/pulumi/automation";

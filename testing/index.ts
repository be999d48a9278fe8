// pulumi-privatedns-emulator/testing: a local engine that runs real Pulumi programs (through the SDK's
// own cmd/run and cmd/dynamic-provider) without the Pulumi CLI, with an Automation-API-shaped surface.
export {
  CommandError,
  LocalWorkspace,
  Stack,
  type LocalDestroyOptions,
  type LocalPreviewOptions,
  type LocalProgramArgs,
  type LocalRefreshOptions,
  type LocalUpOptions,
  type LocalWorkspaceOptions,
  type OperationOptions,
  type ConfigMap,
  type ConfigValue,
  type DestroyResult,
  type OpMap,
  type OutputMap,
  type PreviewResult,
  type RefreshResult,
  type UpdateSummary,
  type UpResult,
} from "./workspace";
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
export { type ResourceState, checkpointPath } from "./checkpoint";
export { makeUrn, checkFailureMessage } from "./deployment";
export { unknownValue, specialSigKey, specialSecretSig } from "./values";

// Loads the gRPC stubs and protobuf classes from the copy of @pulumi/pulumi that the *program* uses
// (resolved from its workDir), so the engine speaks exactly the wire format of the SDK it drives, and
// @grpc/grpc-js / google-protobuf are the instances those stubs were generated against.
import { createRequire } from "module";
import * as path from "path";

import type * as grpcTypes from "@grpc/grpc-js";
import type * as structTypes from "google-protobuf/google/protobuf/struct_pb";
import type * as emptyTypes from "google-protobuf/google/protobuf/empty_pb";
import type * as resourcePb from "@pulumi/pulumi/proto/resource_pb";
import type * as enginePb from "@pulumi/pulumi/proto/engine_pb";
import type * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import type * as pluginPb from "@pulumi/pulumi/proto/plugin_pb";
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import type * as languagePb from "@pulumi/pulumi/proto/language_pb";

export interface PulumiProto {
  /** Directory of the @pulumi/pulumi package (holds cmd/run, cmd/dynamic-provider, proto/). */
  root: string;
  version: string;
  grpc: typeof grpcTypes;
  struct: typeof structTypes;
  empty: typeof emptyTypes;
  resource: typeof resourcePb;
  engine: typeof enginePb;
  provider: typeof providerPb;
  plugin: typeof pluginPb;
  analyzer: typeof analyzerPb;
  language: typeof languagePb;
  // The *_grpc_pb modules have no useful typings; their service definitions are plain objects.
  resourceGrpc: any;
  engineGrpc: any;
  providerGrpc: any;
  analyzerGrpc: any;
  languageGrpc: any;
}

const cache = new Map<string, PulumiProto>();

/** Directory of the @pulumi/pulumi package a program in `workDir` would load. */
export function resolvePulumiRoot(workDir: string): string {
  let pkgJson: string;
  try {
    pkgJson = require.resolve("@pulumi/pulumi/package.json", { paths: [path.resolve(workDir)] });
  } catch {
    throw new Error(
      `@pulumi/pulumi is not resolvable from ${workDir}: install it in the project (npm install @pulumi/pulumi)`,
    );
  }
  return path.dirname(pkgJson);
}

export function loadPulumiProto(workDir: string): PulumiProto {
  const root = resolvePulumiRoot(workDir);
  const hit = cache.get(root);
  if (hit) return hit;
  const req = createRequire(path.join(root, "package.json"));
  const proto: PulumiProto = {
    root,
    version: req(path.join(root, "package.json")).version,
    grpc: req("@grpc/grpc-js"),
    struct: req("google-protobuf/google/protobuf/struct_pb"),
    empty: req("google-protobuf/google/protobuf/empty_pb"),
    resource: req("./proto/resource_pb"),
    engine: req("./proto/engine_pb"),
    provider: req("./proto/provider_pb"),
    plugin: req("./proto/plugin_pb"),
    analyzer: req("./proto/analyzer_pb"),
    language: req("./proto/language_pb"),
    resourceGrpc: req("./proto/resource_grpc_pb"),
    engineGrpc: req("./proto/engine_grpc_pb"),
    providerGrpc: req("./proto/provider_grpc_pb"),
    analyzerGrpc: req("./proto/analyzer_grpc_pb"),
    languageGrpc: req("./proto/language_grpc_pb"),
  };
  cache.set(root, proto);
  return proto;
}

// The engine side of the language-host protocol: a gRPC server exposing ResourceMonitor and Engine, as the
// Go engine does for a program run by cmd/run. It only translates protobuf <-> plain objects; the
// deployment decides what each registration means.
import { PulumiProto } from "./proto";
import { Props } from "./values";

export interface RegisterRequest {
  type: string;
  name: string;
  parent: string;
  custom: boolean;
  object: Props;
  protect?: boolean;
  dependencies: string[];
  provider: string;
  propertyDependencies: Record<string, string[]>;
  deleteBeforeReplace?: boolean;
  ignoreChanges: string[];
  additionalSecretOutputs: string[];
  aliasUrns: string[];
  importId: string;
  replaceOnChanges: string[];
  retainOnDelete?: boolean;
  remote: boolean;
}

export interface RegisterResponse {
  urn: string;
  id: string;
  object: Props;
  propertyDependencies?: Record<string, string[]>;
}

export interface ReadRequest {
  id: string;
  type: string;
  name: string;
  parent: string;
  properties: Props;
  dependencies: string[];
  additionalSecretOutputs: string[];
}

export interface LogEntry {
  severity: "debug" | "info" | "warning" | "error";
  message: string;
  urn: string;
  ephemeral: boolean;
}

/** A gRPC status error for the program: the SDK reads `code` and `details`. */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export interface MonitorHandler {
  registerResource(req: RegisterRequest): Promise<RegisterResponse>;
  registerResourceOutputs(urn: string, outputs: Props): Promise<void>;
  readResource(req: ReadRequest): Promise<{ urn: string; properties: Props }>;
  log(entry: LogEntry): void;
  /** Called when the program says it is done (signalAndWaitForShutdown); resolves when steps are done. */
  shutdown(): Promise<void>;
}

/** Features this engine admits to (reference A.10 item 1): secrets only, so inputs arrive as plain values. */
const supportedFeatures = new Set(["secrets"]);

export class MonitorServer {
  private root = "";
  private constructor(
    private readonly server: any,
    readonly address: string,
  ) {}

  static async start(proto: PulumiProto, handler: MonitorHandler): Promise<MonitorServer> {
    const { grpc, resource: rpb, engine: epb, empty } = proto;
    const server = new grpc.Server({
      "grpc.max_receive_message_length": 1 << 30,
      "grpc.max_send_message_length": 1 << 30,
    });
    let self: MonitorServer | undefined;
    const toStatus = (e: any) =>
      e instanceof RpcError ? { code: e.code, details: e.message } : { code: grpc.status.UNKNOWN, details: String(e?.message ?? e) };
    const unary =
      <Req, Res>(fn: (req: Req) => Promise<Res> | Res) =>
      (call: { request: Req }, cb: (err: any, res?: Res) => void) => {
        Promise.resolve()
          .then(() => fn(call.request))
          .then(
            (res) => cb(null, res),
            (e) => cb(toStatus(e)),
          );
      };
    const deps = (m: any): Record<string, string[]> => {
      const out: Record<string, string[]> = {};
      m.forEach((v: any, k: string) => (out[k] = v.getUrnsList()));
      return out;
    };

    server.addService(proto.resourceGrpc.ResourceMonitorService, {
      supportsFeature: unary((req: any) => {
        const resp = new rpb.SupportsFeatureResponse();
        resp.setHassupport(supportedFeatures.has(req.getId()));
        return resp;
      }),
      invoke: unary((req: any) => {
        throw new RpcError(grpc.status.UNIMPLEMENTED, `invoke ${req.getTok()} is not supported by the local engine`);
      }),
      call: unary(() => {
        throw new RpcError(grpc.status.UNIMPLEMENTED, "call is not supported by the local engine");
      }),
      readResource: unary(async (req: any) => {
        const res = await handler.readResource({
          id: req.getId(),
          type: req.getType(),
          name: req.getName(),
          parent: req.getParent(),
          properties: req.getProperties()?.toJavaScript() ?? {},
          dependencies: req.getDependenciesList(),
          additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        });
        const resp = new rpb.ReadResourceResponse();
        resp.setUrn(res.urn);
        resp.setProperties(proto.struct.Struct.fromJavaScript(res.properties as any));
        return resp;
      }),
      registerResource: unary(async (req: any) => {
        const res = await handler.registerResource({
          type: req.getType(),
          name: req.getName(),
          parent: req.getParent(),
          custom: req.getCustom(),
          object: req.getObject()?.toJavaScript() ?? {},
          protect: req.getProtect(),
          dependencies: req.getDependenciesList(),
          provider: req.getProvider(),
          propertyDependencies: deps(req.getPropertydependenciesMap()),
          deleteBeforeReplace: req.getDeletebeforereplacedefined() ? req.getDeletebeforereplace() : undefined,
          ignoreChanges: req.getIgnorechangesList(),
          additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
          aliasUrns: req.getAliasurnsList(),
          importId: req.getImportid(),
          replaceOnChanges: req.getReplaceonchangesList(),
          retainOnDelete: req.getRetainondelete(),
          remote: req.getRemote(),
        });
        const resp = new rpb.RegisterResourceResponse();
        resp.setUrn(res.urn);
        resp.setId(res.id);
        resp.setObject(proto.struct.Struct.fromJavaScript(res.object as any));
        const pd = resp.getPropertydependenciesMap();
        for (const [k, urns] of Object.entries(res.propertyDependencies ?? {})) {
          const d = new rpb.RegisterResourceResponse.PropertyDependencies();
          d.setUrnsList(urns);
          pd.set(k, d);
        }
        return resp;
      }),
      registerResourceOutputs: unary(async (req: any) => {
        await handler.registerResourceOutputs(req.getUrn(), req.getOutputs()?.toJavaScript() ?? {});
        return new empty.Empty();
      }),
      signalAndWaitForShutdown: unary(async () => {
        await handler.shutdown();
        return new empty.Empty();
      }),
    });

    const severities: Record<number, LogEntry["severity"]> = {
      [epb.LogSeverity.DEBUG]: "debug",
      [epb.LogSeverity.INFO]: "info",
      [epb.LogSeverity.WARNING]: "warning",
      [epb.LogSeverity.ERROR]: "error",
    };
    server.addService(proto.engineGrpc.EngineService, {
      log: unary((req: any) => {
        handler.log({
          severity: severities[req.getSeverity()] ?? "info",
          message: req.getMessage(),
          urn: req.getUrn(),
          ephemeral: req.getEphemeral(),
        });
        return new empty.Empty();
      }),
      getRootResource: unary(() => {
        const resp = new epb.GetRootResourceResponse();
        resp.setUrn(self?.root ?? "");
        return resp;
      }),
      setRootResource: unary((req: any) => {
        if (self) self.root = req.getUrn();
        return new epb.SetRootResourceResponse();
      }),
    });

    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err: Error | null, p: number) =>
        err ? reject(err) : resolve(p),
      ),
    );
    self = new MonitorServer(server, `127.0.0.1:${port}`);
    return self;
  }

  get rootUrn(): string {
    return this.root;
  }

  /** Stops accepting calls; pending ones are cut (the program is gone or being killed by then). */
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, 1000);
      this.server.tryShutdown(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}

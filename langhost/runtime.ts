// The LanguageRuntime gRPC service for Node.js programs, in place of the Go `pulumi-language-nodejs`,
// which the Go module proxy reachable here does not serve. It answers the calls the engine makes for
// `pulumi preview/up/refresh/destroy/about` and for policy packs: Handshake, GetPluginInfo,
// GetRequiredPlugins/Packages, Run (cmd/run with the arguments the Go host builds, testing/program.ts),
// RunPlugin (policy packs through cmd/run-policy-pack, node plugins through their entry point),
// GetProgramDependencies, About, InstallDependencies and RuntimeOptionsPrompts. Everything else answers
// UNIMPLEMENTED, as an older language host would, and the engine falls back or reports it.
import { spawn } from "child_process";
import * as path from "path";

import { exitAfterLoggedError, nodeProgramCommand } from "./program";
import { PulumiProto, resolvePulumiRoot } from "../testing/proto";
import { installedDependencies, requiredPlugins } from "./packages";

type Callback = (err: any, resp?: any) => void;

export interface LanguageHostOptions {
  proto: PulumiProto;
  /** Engine address from the command line; a Handshake may set it instead. */
  engineAddress?: string;
  /** Where this host writes what a program prints (the engine shows it as diagnostics). */
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

interface ProgramInfo {
  rootDirectory: string;
  programDirectory: string;
  entryPoint: string;
  options: Record<string, unknown>;
}

function programInfo(msg: any, fallbackDir: string): ProgramInfo {
  const info = msg?.getInfo?.();
  if (!info) return { rootDirectory: fallbackDir, programDirectory: fallbackDir, entryPoint: ".", options: {} };
  return {
    rootDirectory: info.getRootDirectory() || fallbackDir,
    programDirectory: info.getProgramDirectory() || fallbackDir,
    entryPoint: info.getEntryPoint() || ".",
    options: info.getOptions()?.toJavaScript() ?? {},
  };
}

function fail(cb: Callback, err: unknown): void {
  cb({ code: 2 /* UNKNOWN */, details: err instanceof Error ? err.message : String(err) });
}

/** Turns `KEY=VALUE` lines into an environment. */
function envFromList(list: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const kv of list) {
    const i = kv.indexOf("=");
    if (i > 0) env[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return env;
}

export class NodeLanguageRuntime {
  private engineAddress: string;
  private readonly out: NodeJS.WritableStream;
  private readonly err: NodeJS.WritableStream;

  constructor(private readonly opts: LanguageHostOptions) {
    this.engineAddress = opts.engineAddress ?? "";
    this.out = opts.stdout ?? process.stdout;
    this.err = opts.stderr ?? process.stderr;
  }

  /** The handlers, keyed as the service definition of language_grpc_pb names them. */
  service(): Record<string, (call: any, cb: Callback) => void> {
    return {
      handshake: (call, cb) => this.handshake(call.request, cb),
      getPluginInfo: (_call, cb) => this.pluginInfo(cb),
      getRequiredPlugins: (call, cb) => this.requiredPlugins(call.request, cb),
      getRequiredPackages: (call, cb) => this.requiredPackages(call.request, cb),
      run: (call, cb) => void this.run(call.request).then((r) => cb(null, r), (e) => fail(cb, e)),
      runPlugin: (call) => this.runPlugin(call),
      installDependencies: (call) => this.installDependencies(call),
      runtimeOptionsPrompts: (_call, cb) => cb(null, new this.opts.proto.language.RuntimeOptionsResponse()),
      about: (_call, cb) => this.about(cb),
      getProgramDependencies: (call, cb) => this.programDependencies(call.request, cb),
    };
  }

  private handshake(req: any, cb: Callback): void {
    this.engineAddress = req.getEngineAddress();
    cb(null, new this.opts.proto.language.LanguageHandshakeResponse());
  }

  private pluginInfo(cb: Callback): void {
    const info = new this.opts.proto.plugin.PluginInfo();
    info.setVersion(this.opts.proto.version);
    cb(null, info);
  }

  private requiredPlugins(req: any, cb: Callback): void {
    const { PluginDependency } = this.opts.proto.plugin;
    const resp = new this.opts.proto.language.GetRequiredPluginsResponse();
    const dir = programInfo(req, req.getProgram() || process.cwd()).programDirectory;
    resp.setPluginsList(
      requiredPlugins(dir).map((p) => new PluginDependency().setName(p.name).setKind(p.kind).setVersion(p.version).setServer(p.server)),
    );
    cb(null, resp);
  }

  private requiredPackages(req: any, cb: Callback): void {
    const { PackageDependency } = this.opts.proto.plugin;
    const resp = new this.opts.proto.language.GetRequiredPackagesResponse();
    resp.setPackagesList(
      requiredPlugins(programInfo(req, process.cwd()).programDirectory).map((p) =>
        new PackageDependency().setName(p.name).setKind(p.kind).setVersion(p.version).setServer(p.server),
      ),
    );
    cb(null, resp);
  }

  /** Runs the program to completion; its output goes to this host's streams, which the engine displays. */
  private async run(req: any): Promise<any> {
    const info = programInfo(req, req.getPwd());
    // The engine sends the program's directory as pwd and the entry point relative to it.
    const pwd = req.getPwd() || info.programDirectory;
    const resp = new this.opts.proto.language.RunResponse();
    let pulumiRoot: string;
    try {
      pulumiRoot = resolvePulumiRoot(info.programDirectory);
    } catch {
      resp.setError("It looks like the Pulumi SDK has not been installed. Have you run npm install or yarn install?");
      return resp;
    }
    const { args, env } = nodeProgramCommand(
      {
        rootDirectory: info.rootDirectory,
        programDirectory: pwd,
        entryPoint: req.getProgram() || info.entryPoint,
        runtimeOptions: info.options,
        pulumiRoot,
        monitorAddress: req.getMonitorAddress(),
        engineAddress: this.engineAddress,
        organization: req.getOrganization(),
        project: req.getProject(),
        stack: req.getStack(),
        dryRun: req.getDryrun(),
        parallel: req.getParallel(),
        config: Object.fromEntries(req.getConfigMap().toArray()),
        secretKeys: req.getConfigsecretkeysList(),
        args: req.getArgsList(),
      },
      process.env,
    );
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, args, { cwd: pwd, env, stdio: ["ignore", "pipe", "pipe"] });
      child.stdout.pipe(this.out, { end: false });
      child.stderr.pipe(this.err, { end: false });
      child.on("error", (e) => {
        this.err.write(`${e.message}\n`);
        resolve(-1);
      });
      child.on("close", (c) => resolve(c));
    });
    if (code === exitAfterLoggedError) resp.setBail(true);
    else if (code !== 0) resp.setError(`Program exited with non-zero exit code: ${code}`);
    return resp;
  }

  /** The command that starts a plugin written in Node.js: policy packs through cmd/run-policy-pack. */
  private pluginCommand(req: any, info: ProgramInfo): string[] {
    if (req.getKind() === "analyzer") {
      const runPolicyPack = path.join(resolvePulumiRoot(info.programDirectory), "cmd", "run-policy-pack", "index.js");
      return [runPolicyPack, ...req.getArgsList(), "."];
    }
    return [info.entryPoint, ...req.getArgsList()];
  }

  /** Streams a plugin's stdout and stderr to the engine, then its exit code. */
  private runPlugin(call: any): void {
    const req = call.request;
    const { RunPluginResponse } = this.opts.proto.language;
    const info = programInfo(req, req.getPwd());
    let args: string[];
    try {
      args = this.pluginCommand(req, info);
    } catch (e) {
      call.write(new RunPluginResponse().setStderr(Buffer.from(`${(e as Error).message}\n`)));
      call.write(new RunPluginResponse().setExitcode(1));
      call.end();
      return;
    }
    const env = { ...process.env, ...envFromList(req.getEnvList()) };
    const child = spawn(process.execPath, args, { cwd: info.programDirectory, env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (b: Buffer) => call.write(new RunPluginResponse().setStdout(b)));
    child.stderr.on("data", (b: Buffer) => call.write(new RunPluginResponse().setStderr(b)));
    child.on("error", (e) => call.write(new RunPluginResponse().setStderr(Buffer.from(`${e.message}\n`))));
    child.on("close", (code, signal) => {
      call.write(new RunPluginResponse().setExitcode(code ?? (signal ? 1 : 0)));
      call.end();
    });
    // The engine cancels the call to stop the plugin.
    call.on("cancelled", () => child.kill("SIGKILL"));
  }

  /** `npm install` in the program's directory, streamed. */
  private installDependencies(call: any): void {
    const req = call.request;
    const { InstallDependenciesResponse } = this.opts.proto.language;
    const dir = req.getDirectory() || programInfo(req, process.cwd()).programDirectory;
    const child = spawn("npm", ["install"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (b: Buffer) => call.write(new InstallDependenciesResponse().setStdout(b)));
    child.stderr.on("data", (b: Buffer) => call.write(new InstallDependenciesResponse().setStderr(b)));
    child.on("close", (code) => {
      if (code === 0) call.end();
      else call.destroy({ code: 2, details: `npm install exited with code ${code}` });
    });
  }

  private about(cb: Callback): void {
    const resp = new this.opts.proto.language.AboutResponse();
    resp.setExecutable(process.execPath);
    resp.setVersion(process.version.replace(/^v/, ""));
    cb(null, resp);
  }

  private programDependencies(req: any, cb: Callback): void {
    const { DependencyInfo, GetProgramDependenciesResponse } = this.opts.proto.language;
    const dir = programInfo(req, req.getPwd() || process.cwd()).programDirectory;
    const resp = new GetProgramDependenciesResponse();
    resp.setDependenciesList(installedDependencies(dir).map((d) => new DependencyInfo().setName(d.name).setVersion(d.version)));
    cb(null, resp);
  }
}

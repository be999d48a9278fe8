// `tsc -p <tsconfig> --noEmit` for several projects in this process. Each project is its own TypeScript
// program with its own options, as tsc makes it; what they share is the parsed and bound declaration files
// (@types/node, @pulumi/pulumi, this package's dist/*.d.ts), reused between projects whose options parse
// and bind a file alike: the key is TypeScript's own, the one its language service shares files by. Checking
// the twelve example and documentation programs this way costs about what checking one does.
import * as path from "path";
import ts from "typescript";

const registry = ts.createDocumentRegistry();
const parsed = new Map<string, ts.SourceFile>();

/** A compiler host whose source files are shared with every other project of the same parse/bind options. */
function sharingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const settings = registry.getKeyForCompilationSettings(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const key = `${settings}|${JSON.stringify(languageVersion)}|${fileName}`;
    let file = parsed.get(key);
    if (!file) {
      file = read(fileName, languageVersion, onError, shouldCreate);
      if (file) parsed.set(key, file);
    }
    return file;
  };
  return host;
}

function readProject(tsconfig: string, overrides: ts.CompilerOptions): ts.ParsedCommandLine {
  const config = ts.getParsedCommandLineOfConfigFile(path.resolve(tsconfig), { noEmit: true, ...overrides }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.formatDiagnostic(d, formatHost));
    },
  });
  if (!config) throw new Error(`cannot read ${tsconfig}`);
  return config;
}

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => process.cwd(),
  getNewLine: () => "\n",
};

export interface ProjectOverrides {
  /** The files to check in place of the project's own (`files`/`include`): ts-node checks what it runs. */
  rootNames?: string[];
  /** Options over the tsconfig's, as tsc's command line or `TS_NODE_COMPILER_OPTIONS` give them (JSON form). */
  compilerOptions?: Record<string, unknown>;
}

/** The errors `tsc -p tsconfig --noEmit` reports, one formatted text each (none when the project compiles). */
export function typeErrors(tsconfig: string, overrides: ProjectOverrides = {}): string[] {
  const converted = ts.convertCompilerOptionsFromJson(overrides.compilerOptions ?? {}, path.dirname(path.resolve(tsconfig)));
  if (converted.errors.length) throw new Error(converted.errors.map((d) => ts.formatDiagnostic(d, formatHost)).join(""));
  const config = readProject(tsconfig, converted.options);
  const program = ts.createProgram({
    rootNames: overrides.rootNames ?? config.fileNames,
    options: config.options,
    projectReferences: config.projectReferences,
    host: sharingHost(config.options),
  });
  return [...config.errors, ...ts.getPreEmitDiagnostics(program)].map((d) => ts.formatDiagnostic(d, formatHost));
}

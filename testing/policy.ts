// Policy packs (CrossGuard) as the engine runs them: one analyzer host per pack, Analyze for every
// resource right after Check, AnalyzeStack once every step succeeded (reference C).
import { ResourceState } from "./checkpoint";
import { Props } from "./values";

export interface AnalyzeResource {
  urn: string;
  type: string;
  name: string;
  properties: Props;
  parent: string;
  options: {
    protect: boolean;
    ignoreChanges: string[];
    deleteBeforeReplace: boolean;
    additionalSecretOutputs: string[];
    aliases: string[];
  };
}

export interface PolicyDiagnostic {
  policyName: string;
  policyPackName: string;
  enforcementLevel: "advisory" | "mandatory" | "disabled" | "remediate";
  /** The text the CLI prints for the violation. */
  text: string;
  urn?: string;
}

export interface Analyzer {
  analyze(res: AnalyzeResource): Promise<PolicyDiagnostic[]>;
  analyzeStack(resources: ResourceState[]): Promise<PolicyDiagnostic[]>;
  close(): Promise<void>;
}

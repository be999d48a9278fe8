// examples/preview-rejects through the real Automation API set up by hand (@pulumi/pulumi/automation, PulumiCommand,
// a file backend, a passphrase): the same steps and assertions as test/examples/preview-rejects.test.ts.
import { previewRejectsScenario } from "../examples/preview-rejects.scenario";

previewRejectsScenario("automation");

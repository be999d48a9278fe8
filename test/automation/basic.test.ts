// examples/basic through the real Automation API set up by hand (@pulumi/pulumi/automation, PulumiCommand,
// a file backend, a passphrase): the same steps and assertions as test/examples/basic.test.ts.
import { basicScenario } from "../examples/basic.scenario";

basicScenario("automation");

// examples/hub-spoke through the real Automation API set up by hand (@pulumi/pulumi/automation, PulumiCommand,
// a file backend, a passphrase): the same steps and assertions as test/examples/hub-spoke.test.ts.
import { hubSpokeScenario } from "../examples/hub-spoke.scenario";

hubSpokeScenario("automation");

// examples/preview-rejects through pulumi-privatedns-emulator/testing (test/examples/preview-rejects.scenario.ts).
import { previewRejectsScenario } from "./preview-rejects.scenario";

previewRejectsScenario("testing");

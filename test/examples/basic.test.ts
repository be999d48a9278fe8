// examples/basic through pulumi-privatedns-emulator/testing (test/examples/basic.scenario.ts).
import { basicScenario } from "./basic.scenario";

basicScenario("testing");

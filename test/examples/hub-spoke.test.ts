// examples/hub-spoke through pulumi-privatedns-emulator/testing (test/examples/hub-spoke.scenario.ts).
import { hubSpokeScenario } from "./hub-spoke.scenario";

hubSpokeScenario("testing");

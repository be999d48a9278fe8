/** The CrossGuard policy pack: `pulumi preview --policy-pack ./policy`. The policies live in policies.ts. */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("privatedns-rules", {
  description: "Azure Private DNS rules (pulumi-privatedns-emulator docs/SPEC.md), judged by the emulator's own code.",
  enforcementLevel: "mandatory",
  policies,
});

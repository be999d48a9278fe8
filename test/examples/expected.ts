// The exact preview errors of examples/preview-rejects (also quoted in its README), as the Pulumi CLI
// prints them: Go formats the property value (`{true}`). Which of the two conflicting links is checked
// second, and refused naming the other, depends on the order the SDK registers them, which varies from run
// to run; so each text is built for the link that was refused.
const urn = (name: string) => `urn:pulumi:dev::preview-rejects::pulumi-nodejs:dynamic/privatedns:VnetLink::${name}`;
const vnet = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/emulator/providers/Microsoft.Network/virtualNetworks/shared";
const together = (other: string) => `(together with ${urn(other)}, declared in this program)`;

/** L3: shared-a (to a.internal) and shared-b (to b.internal) both register the vnet. */
export function cliL3Error(refused: "shared-a" | "shared-b"): string {
  const [other, otherZone] = refused === "shared-b" ? ["shared-a", "a.internal"] : ["shared-b", "b.internal"];
  return (
    `pulumi-nodejs:dynamic/privatedns:VnetLink resource '${refused}': property registrationEnabled value {true} has a problem: ` +
    `Conflict (L3): A virtual network can only be linked to 1 Private DNS zone(s) with auto-registration enabled; conflicting Private DNS zone is "${otherZone}" ` +
    together(other)
  );
}

/** L5: shared-a and shared-a-again both link the vnet to a.internal. */
export function cliL5Error(refused: "shared-a" | "shared-a-again"): string {
  const other = refused === "shared-a" ? "shared-a-again" : "shared-a";
  return (
    `pulumi-nodejs:dynamic/privatedns:VnetLink resource '${refused}': property virtualNetwork value {map[id:output<string>{}]} has a problem: ` +
    `Conflict (L5): Private zone 'a.internal' is already linked to the virtual network '${vnet}'. ` +
    together(other)
  );
}

/** Which link a preview's Diagnostics block shows refused. */
export function refusedLink(stdout: string): string | undefined {
  return /VnetLink \(([a-z-]+)\):\n {4}error: /.exec(stdout)?.[1];
}

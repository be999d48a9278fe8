// The exact preview errors of examples/preview-rejects (also quoted in its README).
const urn = (name: string) => `urn:pulumi:dev::preview-rejects::pulumi-nodejs:dynamic/privatedns:VnetLink::${name}`;

export const L3_ERROR =
  "pulumi-nodejs:dynamic/privatedns:VnetLink resource 'shared-b': property registrationEnabled value true has a problem: " +
  'Conflict (L3): A virtual network can only be linked to 1 Private DNS zone(s) with auto-registration enabled; conflicting Private DNS zone is "a.internal" ' +
  `(together with ${urn("shared-a")}, declared in this program)`;

// The program declares shared-a before shared-a-again, but the SDK registers shared-a-again first (it has one
// input fewer to resolve), so the check of shared-a is the one that meets the conflict.
export const L5_ERROR =
  "pulumi-nodejs:dynamic/privatedns:VnetLink resource 'shared-a': property virtualNetwork value map[id:output<string>{}] has a problem: " +
  "Conflict (L5): Private zone 'a.internal' is already linked to the virtual network " +
  "'/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/emulator/providers/Microsoft.Network/virtualNetworks/shared'. " +
  `(together with ${urn("shared-a-again")}, declared in this program)`;

// As the Pulumi CLI prints them (the reference): Go formats the property value as `{true}`, and which of
// the two links to a.internal is checked second (and refused, naming the other) depends on the order the
// SDK registers them, which varies from run to run.
export function cliL3Error(refused: "shared-a" | "shared-b"): string {
  if (refused === "shared-b") return L3_ERROR.replace("value true has", "value {true} has");
  return L3_ERROR.replace("resource 'shared-b'", "resource 'shared-a'")
    .replace("value true has", "value {true} has")
    .replace('zone is "a.internal"', 'zone is "b.internal"')
    .replace(urn("shared-a"), urn("shared-b"));
}

/** Which link a preview's Diagnostics block shows refused. */
export function refusedLink(stdout: string): string | undefined {
  return /VnetLink \(([a-z-]+)\):\n {4}error: /.exec(stdout)?.[1];
}

export function cliL5Error(refused: "shared-a" | "shared-a-again"): string {
  const other = refused === "shared-a" ? "shared-a-again" : "shared-a";
  return L5_ERROR.replace("resource 'shared-a'", `resource '${refused}'`)
    .replace("value map[id:output<string>{}] has", "value {map[id:output<string>{}]} has")
    .replace(urn("shared-a-again"), urn(other));
}

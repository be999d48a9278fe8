// A plan Azure would refuse halfway through a deployment, refused here at preview:
// - L3: the vnet "shared" gets two registration zones;
// - L5: the vnet "shared" is linked twice to one zone.
import * as pulumi from "@pulumi/pulumi";
import * as pdns from "pulumi-privatedns-emulator";

const a = new pdns.Zone("a", { privateZoneName: "a.internal" });
const b = new pdns.Zone("b", { privateZoneName: "b.internal" });
const shared = new pdns.Vnet("shared", { addressSpace: { addressPrefixes: ["10.5.0.0/16"] } });

const breaks = new pulumi.Config().get("breaks") ?? "L3";

new pdns.VnetLink("shared-a", { privateZoneName: a.name, virtualNetwork: { id: shared.id }, registrationEnabled: true });
if (breaks === "L3") {
  new pdns.VnetLink("shared-b", { privateZoneName: b.name, virtualNetwork: { id: shared.id }, registrationEnabled: true });
} else {
  new pdns.VnetLink("shared-a-again", { privateZoneName: a.name, virtualNetwork: { id: shared.id } });
}

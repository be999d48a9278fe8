import * as pulumi from "@pulumi/pulumi";

export interface NameAnswer {
  rcode: "NOERROR" | "NXDOMAIN" | "REFUSED";
  answers: string[];
}

/**
 * What `names` resolve to from inside `vnet` (a `Vnet` or azure-native `VirtualNetwork`; rules Q1-Q5, P5), for stack
 * outputs: read from the store the providers write, once `vnet` and every resource of `dependsOn` exist. Unknown
 * at preview, when nothing has been written. A name may carry its type after a space (`"4.0.1.10.in-addr.arpa PTR"`); the default is A.
 */
export function resolveNames(vnet: pulumi.CustomResource, names: string[], dependsOn: pulumi.CustomResource[] = []): pulumi.Output<Record<string, NameAnswer>> {
  const storeConfig = new pulumi.Config("privatedns").get("emulatorDb");
  return pulumi.all([vnet.id, ...dependsOn.map((r) => r.id)]).apply(([vnetId]) => {
    // Required here, at run time, so that nothing of the store is loaded (or serialized) at preview.
    const { Emulator, chooseStorePath, rdata } = require("../provider/emulator") as typeof import("../provider/emulator");
    const emu = Emulator.open(chooseStorePath(storeConfig));
    try {
      const out: Record<string, NameAnswer> = {};
      for (const query of names) {
        const [name, type = "A"] = query.trim().split(/\s+/);
        const r = emu.resolve(vnetId, name, type);
        out[query] = { rcode: r.rcode, answers: r.answers.map((a) => rdata(a.type, a.data)) };
      }
      return out;
    } finally {
      emu.close();
    }
  });
}

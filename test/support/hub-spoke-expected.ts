// What examples/hub-spoke resolves from each vnet before any change (its `resolvedFrom` output), shared by
// the tests that run it under the package's engine, the real Automation API and the Pulumi CLI.
import { registered } from "../examples/helpers";

export const corp = "corp.internal";
/** web-a1 (10.1.0.4), a VM of spoke-a, asked for by its reverse name. */
export const PTR = "4.0.1.10.in-addr.arpa PTR";

export const ok = (...answers: string[]) => ({ rcode: "NOERROR", answers });
export const nx = { rcode: "NXDOMAIN", answers: [] as string[] };

/** What a vnet sees: corp.internal and svc.internal are linked to all three vnets. */
export function view(overrides: Record<string, unknown> = {}) {
  return {
    "web-a1.corp.internal": ok("10.1.0.4"),
    "db-b1.corp.internal": ok("10.2.0.4"),
    "jump.corp.internal": nx, // jump's vnet (hub) registers nowhere
    "portal.svc.internal": ok("web-a1.corp.internal.", "10.1.0.4"), // CNAME followed across zones (Q4)
    "api.svc.internal": ok("10.0.10.10"),
    [PTR]: nx, // Q5: a PTR answers only inside the VM's own vnet
    ...overrides,
  };
}

/** The `resolvedFrom` output right after the first up. */
export const initialViews = () => ({ hub: view(), "spoke-a": view({ [PTR]: ok("web-a1.corp.internal.") }), "spoke-b": view() });

/** The `registeredRecords` output right after the first up: each spoke's VMs (A and PTR), jump none. */
export const initialRecords = () => ({
  jump: [],
  "web-a1": registered("web-a1", corp, "10.1.0.4"),
  "web-a2": registered("web-a2", corp, "10.1.0.5"),
  "db-b1": registered("db-b1", corp, "10.2.0.4"),
});

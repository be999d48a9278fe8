// The package's resources register with no promise stacks recorded (sdk/provider.ts registrationStackFrames):
// the SDK's own cost per property, most of a preview's in the program (issue 15). What a user relies on stays:
// the limit is restored, an error thrown while registering carries the user's line, and
// PULUMI_DEBUG_PROMISE_LEAKS keeps full stacks for the leak report.
import * as pulumi from "@pulumi/pulumi";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { Vm } from "../../dist/sdk";

const vnetId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/emulator/providers/Microsoft.Network/virtualNetworks/hub";

/** A vnet reference whose string form, taken by the SDK while it registers the Vm's properties, notes the limit. */
function watchedVnet(seen: number[]) {
  return { id: vnetId, toString: () => (seen.push(Error.stackTraceLimit), "vnet") };
}

describe("registering a resource of the package records no promise stacks", () => {
  beforeAll(() => pulumi.runtime.setMocks({ newResource: (a) => ({ id: `${a.name}_id`, state: a.inputs }), call: () => ({}) }, "project", "stack", false));
  afterEach(() => { delete process.env.PULUMI_DEBUG_PROMISE_LEAKS; });

  const vm = (name: string, seen: number[], opts?: pulumi.CustomResourceOptions) =>
    new Vm(name, { virtualNetwork: watchedVnet(seen), networkInterfaces: [{ name: "nic", privateIPAddress: "10.0.0.4" }] }, opts);

  it("no frames while the SDK registers it, and the limit restored after", () => {
    const before = Error.stackTraceLimit;
    const seen: number[] = [];
    vm("quiet", seen);
    expect(seen).toEqual([0]);
    expect(Error.stackTraceLimit).toBe(before);
  });

  it("PULUMI_DEBUG_PROMISE_LEAKS: the stacks the leak report prints are kept", () => {
    process.env.PULUMI_DEBUG_PROMISE_LEAKS = "true";
    const seen: number[] = [];
    vm("debugged", seen);
    expect(seen).toEqual([Error.stackTraceLimit]);
    expect(Error.stackTraceLimit).toBeGreaterThan(0);
  });

  it("an error thrown while registering carries the frames of the caller, and the limit is restored", () => {
    const before = Error.stackTraceLimit;
    let thrown: Error | undefined;
    try {
      // A URN where a Resource belongs: the SDK refuses it while registering.
      const notAResource = "urn:pulumi:stack::project::pkg:index:Thing::thing";
      vm("orphan", [], { parent: notAResource as unknown as pulumi.Resource });
    } catch (e) {
      thrown = e as Error;
    }
    expect(thrown?.message).toMatch(/Resource parent is not a valid Resource/);
    expect(thrown?.stack).toContain("sdk-stack-depth.test.ts");
    expect(Error.stackTraceLimit).toBe(before);
  });
});

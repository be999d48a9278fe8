// npm run conformance, as a test: the recorded Azure CLI cases and the REST description's examples replayed against
// fresh servers. The floor is the (95% of the recorded cases), every failure is one the harness says why it
// leaves (conformance/left.ts), and no answer falls outside the REST description.
import { describe, expect, it } from "vitest";
import { format, runConformance } from "../../dist/conformance/main";
import { LEFT } from "../../dist/conformance/left";

describe("conformance with Azure's recorded answers and the REST description", () => {
  it("passes at least 95% of the recorded cases, leaves only known cases, and answers within the description", async () => {
    const report = await runConformance();
    const text = format(report);
    const passed = report.recordings.filter((v) => v.pass).length;
    expect(report.recordings.length, text).toBe(52);
    expect(passed / report.recordings.length, text).toBeGreaterThanOrEqual(0.95);
    expect(report.examples.length, text).toBe(51);
    const unexplained = [...report.recordings, ...report.examples].filter((v) => !v.pass && !LEFT[v.name]);
    expect(unexplained, text).toEqual([]);
    expect(report.schema.violations, text).toEqual([]);
    expect(report.schema.validated, text).toBeGreaterThan(400);
    expect(text.split("\n").at(-1)).toMatch(/^conformance: \d+ \/ 52 cases$/);
  });
});

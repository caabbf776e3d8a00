import { describe, expect, it } from "vitest";
import { everyChangeKind, planWith } from "../../test/support/builders.js";
import { computePlan } from "../plan/compute-plan.js";
import type { ChangeWithoutId } from "../plan/plan.js";
import { closingLine, renderPlanText } from "./plan-text.js";

const everythingPlan = () => {
  const { desired, live } = everyChangeKind();
  return computePlan(desired, live);
};

describe("renderPlanText", () => {
  it("renders every change kind, skips, drift, warnings and violations like terraform plan", async () => {
    const plan = everythingPlan();
    expect(new Set(plan.changes.map((change) => change.action)).size).toBe(8);
    await expect(renderPlanText(plan, { color: false })).toMatchFileSnapshot("../../test/golden/plan-text/everything.txt");
  });

  it("colours marks only when asked", async () => {
    const plan = everythingPlan();
    const colored = renderPlanText(plan, { color: true });
    expect(colored).toContain("\u001b[32m+\u001b[0m");
    expect(colored).toContain("\u001b[31m-\u001b[0m");
    expect(renderPlanText(plan, { color: false })).not.toContain("\u001b");
  });

  it("says there is nothing to do when Sentry matches the roster", () => {
    expect(renderPlanText(planWith([]), { color: false })).toBe("Sentry organization acme\n\nNo changes. Sentry matches the roster.\n");
  });

  it("counts changes in the closing line", () => {
    const changes: ChangeWithoutId[] = [
      { action: "invite", email: "a@x.io", role: "member", teams: {} },
      { action: "set-role", email: "b@x.io", memberId: "1", from: "member", to: "manager" },
      { action: "add-to-team", email: "b@x.io", memberId: "1", team: "t", teamRole: "contributor" },
      { action: "remove-from-team", email: "b@x.io", memberId: "1", team: "u" },
    ];
    const skip = { action: "remove-member", email: "c@x.io", memberId: "2", reason: "self", detail: "d" } as const;
    expect(closingLine(planWith(changes, { skipped: [skip] }))).toBe("Plan: 1 invite, 1 role change, 2 team edits, 0 removals. 1 skipped.");
    expect(closingLine(planWith([], { skipped: [skip] }))).toBe("No changes to apply. 1 skipped.");
  });

  it("escapes control characters from Sentry so a name cannot drive the terminal", () => {
    const plan = planWith([{ action: "remove-member", email: "evil\u001b[2J@x.io", memberId: "1" }]);
    const text = renderPlanText(plan, { color: false });
    expect(text).not.toContain("\u001b");
    expect(text).toContain("evil\\u001b[2J@x.io");
  });

  it("renders a 5,000-change plan with every change on its own line", () => {
    const changes: ChangeWithoutId[] = Array.from({ length: 5_000 }, (_, index) => ({
      action: "add-to-team",
      email: `user${String(index).padStart(4, "0")}@example.com`,
      memberId: String(index),
      team: "backend",
      teamRole: "contributor",
    }));
    const text = renderPlanText(planWith(changes), { color: false });
    expect(text.split("\n").filter((line) => line.startsWith("  + add to team backend"))).toHaveLength(5_000);
    expect(text.trimEnd().endsWith("Plan: 0 invites, 0 role changes, 5000 team edits, 0 removals.")).toBe(true);
  });
});

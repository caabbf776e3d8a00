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

describe("renderPlanText summary", () => {
  it("opens a long plan of every kind over many teams with a summary that fits a screen, then the full list", () => {
    const changes: ChangeWithoutId[] = [];
    for (let i = 0; i < 652; i += 1) {
      const email = `p${i}@example.com`;
      const team = `team-${i % 40}`;
      const kind = i % 8;
      if (kind === 0) changes.push({ action: "invite", email, role: "member", teams: { [team]: "contributor" } });
      else if (kind === 1) changes.push({ action: "reinvite", email, memberId: String(i) });
      else if (kind === 2) changes.push({ action: "set-role", email, memberId: String(i), from: "member", to: "manager" });
      else if (kind === 3) changes.push({ action: "add-to-team", email, memberId: String(i), team, teamRole: "admin" });
      else if (kind === 4) changes.push({ action: "set-team-role", email, memberId: String(i), team, from: "contributor", to: "admin" });
      else if (kind === 5) changes.push({ action: "remove-from-team", email, memberId: String(i), team });
      else if (kind === 6) changes.push({ action: "remove-member", email, memberId: String(i) });
      else changes.push({ action: "create-team", team: `new-${i}`, name: `New ${i}` });
    }
    const text = renderPlanText(planWith(changes, { drift: [{ kind: "unmanaged-team", team: "x" }] }), { color: false });
    const lines = text.split("\n");
    const summaryEnd = lines.indexOf("", 2);
    expect(lines[2]).toBe("Summary: 652 changes; the full list follows.");
    expect(summaryEnd).toBeLessThanOrEqual(25);
    expect(lines.slice(2, summaryEnd)).toContain("    and 93 more teams");
    expect(lines.slice(2, summaryEnd).at(-1)).toBe("  Also: 1 drift.");
    expect(text.match(/^ {2}[-+~] /gm)).toHaveLength(652);
  });

  it("shows no summary for a short plan", () => {
    const text = renderPlanText(planWith([{ action: "invite", email: "a@example.com", role: "member", teams: {} }]), { color: false });
    expect(text).not.toContain("Summary:");
  });
});

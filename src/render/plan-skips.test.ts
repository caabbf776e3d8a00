import { describe, expect, it } from "vitest";
import { aLiveMember, aMember, aTeam, desiredState, liveState } from "../../test/support/builders.js";
import { computePlan } from "../plan/compute-plan.js";
import { renderPlanComment } from "./plan-comment.js";
import { renderPlanText } from "./plan-text.js";

/** Sentry's refusals show as skips with what to do instead, in the terminal and the PR comment alike. */
describe("skips for Sentry's refusals", () => {
  const plan = computePlan(
    desiredState({
      teams: ["platform"],
      members: [aMember("eve@example.com", { teams: { platform: "contributor" } }), aMember("pat@example.com", { role: "member" })],
    }),
    liveState({
      members: [aLiveMember("eve@example.com"), aLiveMember("pat@example.com", { role: "manager", flags: { partnershipRestricted: true } })],
      teams: [aTeam("platform", { idpProvisioned: true })],
    }),
  );

  it("lists a SCIM team edit and a partnership role change, each with its reason and the way out", () => {
    expect(plan.skipped.map((skip) => skip.reason)).toEqual(["idp-provisioned", "partnership-restricted"]);
    const text = renderPlanText(plan, { color: false });
    const comment = renderPlanComment(plan, { runUrl: "https://github.com/o/r/actions/runs/1", sha: "0123456789abcdef0123456789abcdef01234567" }).text;
    for (const output of [text, comment]) {
      expect(output).toContain("idp-provisioned");
      expect(output).toContain("group in the identity provider");
      expect(output).toContain("partnership-restricted");
      expect(output).toContain("until the partnership ends");
    }
  });
});

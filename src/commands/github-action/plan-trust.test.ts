import { describe, expect, it } from "vitest";
import { type PlanTrustInput, judgePlanTrust } from "./plan-trust.js";

const HEAD = "1".repeat(40);
const base: PlanTrustInput = {
  markerSha: HEAD,
  commentUpdatedAt: "2026-11-23T10:00:00Z",
  pullRequest: { number: 7, headSha: HEAD },
  reviews: [],
  requireApproval: false,
};
const approval = (submittedAt: string, commitId = HEAD) => ({ state: "APPROVED", commitId, submittedAt });

describe("judgePlanTrust", () => {
  it("trusts a plan for the merged head when nobody reviewed and approval is not required", () => {
    expect(judgePlanTrust(base)).toEqual({ trusted: true, approvedAt: undefined });
  });

  it("refuses a marker for another commit, or one that names none", () => {
    for (const markerSha of ["3".repeat(40), undefined]) {
      const verdict = judgePlanTrust({ ...base, markerSha });
      expect(verdict.trusted).toBe(false);
      expect(!verdict.trusted && verdict.refusal).toMatch(/^the plan was computed for an older commit: /);
    }
  });

  it("trusts a comment last changed before the latest approval of the head", () => {
    const reviews = [approval("2026-11-23T09:00:00Z"), approval("2026-11-23T11:00:00Z")];
    expect(judgePlanTrust({ ...base, reviews })).toEqual({ trusted: true, approvedAt: "2026-11-23T11:00:00Z" });
  });

  it("refuses a comment changed after (or in the same second as) the latest approval", () => {
    for (const submittedAt of ["2026-11-23T09:59:59Z", "2026-11-23T10:00:00Z"]) {
      const verdict = judgePlanTrust({ ...base, reviews: [approval(submittedAt)] });
      expect(!verdict.trusted && verdict.refusal).toMatch(/^the plan changed after approval; ask for a new review \(/);
    }
  });

  it("ignores reviews that are not approvals, and refuses when the only approvals are of an older commit", () => {
    const others = [{ state: "COMMENTED", commitId: HEAD, submittedAt: "2026-11-23T11:00:00Z" }, { state: "APPROVED", commitId: HEAD, submittedAt: undefined }];
    expect(judgePlanTrust({ ...base, reviews: others }).trusted).toBe(true);
    const stale = judgePlanTrust({ ...base, reviews: [approval("2026-11-23T11:00:00Z", "4".repeat(40))] });
    expect(!stale.trusted && stale.refusal).toBe("#7 was approved for an older commit, not its merged head 111111111111; ask for a new review");
  });

  it("with require-approval, refuses when no approval of the head exists", () => {
    const verdict = judgePlanTrust({ ...base, requireApproval: true });
    expect(!verdict.trusted && verdict.refusal).toBe("require-approval is true and nobody approved #7 at its merged head 111111111111");
    expect(judgePlanTrust({ ...base, requireApproval: true, reviews: [approval("2026-11-23T11:00:00Z")] }).trusted).toBe(true);
  });
});

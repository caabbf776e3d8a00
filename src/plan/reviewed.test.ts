import { describe, expect, it } from "vitest";
import { planWith } from "../../test/support/builders.js";
import { shortId } from "./change-id.js";
import { splitReviewed } from "./reviewed.js";

const plan = planWith([
  { action: "create-team", team: "backend", name: "Backend" },
  { action: "remove-member", email: "erin@example.com", memberId: "9" },
  { action: "set-role", email: "bob@example.com", memberId: "42", from: "member", to: "manager" },
]);
const [create, remove, setRole] = plan.changes;

describe("splitReviewed", () => {
  it("runs changes whose full or short id was reviewed and lists the rest as not reviewed", () => {
    const split = splitReviewed(plan, { ids: [create!.id, shortId(setRole!.id).toUpperCase()] });
    expect(split.run).toEqual([create, setRole]);
    expect(split.notReviewed).toEqual([remove]);
  });

  it("matches nothing with an id shorter than 16 hex characters", () => {
    const split = splitReviewed(plan, { ids: [create!.id.slice(0, 8), "", "not-hex-at-all-xx"] });
    expect(split.run).toEqual([]);
    expect(split.notReviewed).toHaveLength(3);
  });

  it("runs every change when the reviewed digest matches", () => {
    expect(splitReviewed(plan, { digest: plan.digest })).toEqual({ run: plan.changes, notReviewed: [] });
  });

  it("runs nothing when the reviewed digest differs", () => {
    expect(splitReviewed(plan, { digest: "0".repeat(64) })).toEqual({ run: [], notReviewed: plan.changes });
  });
});

import type { DesiredMember } from "../domain/types.js";
import { describe, expect, it } from "vitest";
import { planWith } from "../../test/support/builders.js";
import { shortId, withId } from "./change-id.js";
import { reviewGate } from "./review-gate.js";

const plan = planWith([
  { action: "create-team", team: "backend", name: "Backend" },
  { action: "remove-member", email: "erin@example.com", memberId: "9" },
  { action: "set-role", email: "bob@example.com", memberId: "42", from: "member", to: "manager" },
]);
const [create, remove, setRole] = plan.changes;

describe("reviewGate", () => {
  it("runs changes whose full or short id was reviewed and lists the rest as not reviewed", () => {
    const split = reviewGate(plan, { ids: [create!.id, shortId(setRole!.id).toUpperCase()] });
    expect(split.run).toEqual([create, setRole]);
    expect(split.notReviewed).toEqual([remove]);
  });

  it("matches nothing with an id shorter than 16 hex characters", () => {
    const split = reviewGate(plan, { ids: [create!.id.slice(0, 8), "", "not-hex-at-all-xx"] });
    expect(split.run).toEqual([]);
    expect(split.notReviewed).toHaveLength(3);
  });

  it("runs every change when the reviewed digest matches", () => {
    expect(reviewGate(plan, { digest: plan.digest })).toEqual({ run: plan.changes, notReviewed: [], refusal: undefined });
  });

  it("runs nothing when the reviewed digest differs", () => {
    expect(reviewGate(plan, { digest: "0".repeat(64) })).toEqual({ run: [], notReviewed: plan.changes, refusal: undefined });
  });

  it("runs the team role left over from a reviewed add-to-team an earlier apply half-did, and nothing else like it", () => {
    const reviewedAdd = withId({ action: "add-to-team", email: "Bob@example.com", memberId: "42", team: "mobile", teamRole: "admin" });
    const rest = planWith([
      { action: "set-team-role", email: "bob@example.com", memberId: "42", team: "mobile", from: "contributor", to: "admin" },
      { action: "set-team-role", email: "bob@example.com", memberId: "42", team: "backend", from: "contributor", to: "admin" },
      { action: "set-team-role", email: "carol@example.com", memberId: "43", team: "mobile", from: "contributor", to: "admin" },
    ]);
    const split = reviewGate(rest, { ids: [shortId(reviewedAdd.id)] });
    expect(split.run).toEqual([rest.changes[0]]);
    expect(split.notReviewed).toEqual(rest.changes.slice(1));
  });

  it("runs the removal of the token's user from a team whose reviewed creation added them, and nothing else like it", () => {
    const reviewedCreate = withId({ action: "create-team", team: "mobile", name: "Mobile" });
    const context = { tokenMemberId: "1", teamNames: { mobile: "Mobile", backend: "Backend" } };
    const rest = planWith([
      { action: "remove-from-team", email: "owner@example.com", memberId: "1", team: "mobile" },
      { action: "remove-from-team", email: "owner@example.com", memberId: "1", team: "backend" },
      { action: "remove-from-team", email: "carol@example.com", memberId: "43", team: "mobile" },
    ]);
    const split = reviewGate(rest, { ids: [shortId(reviewedCreate.id)] }, context);
    expect(split.run).toEqual([rest.changes[0]]);
    expect(split.notReviewed).toEqual(rest.changes.slice(1));
    expect(reviewGate(rest, { ids: [shortId(reviewedCreate.id)] }).run).toEqual([]);
  });

  it("runs the team role of a reviewed invite whose second write was lost, and not another member's or team's", () => {
    const reviewedInvite = withId({ action: "invite", email: "carol@example.com", role: "member", teams: { web: "admin", api: "contributor" } });
    const members: DesiredMember[] = [
      { email: "carol@example.com", aliases: [], role: "member" as const, teams: { api: "contributor" as const, web: "admin" as const } },
      { email: "dan@example.com", aliases: [], role: "member" as const, teams: { web: "admin" as const } },
    ];
    const rest = planWith([
      { action: "set-team-role", email: "carol@example.com", memberId: "90", team: "web", from: "contributor", to: "admin" },
      { action: "set-team-role", email: "dan@example.com", memberId: "91", team: "web", from: "contributor", to: "admin" },
    ]);
    const split = reviewGate(rest, { ids: [shortId(reviewedInvite.id)] }, { tokenMemberId: "1", teamNames: {}, members });
    expect(split.run).toEqual([rest.changes[0]]);
    expect(split.notReviewed).toEqual([rest.changes[1]]);
  });

  it("treats a saved plan as its ids: reviewed changes run, unseen ones are listed, follow-ups count", () => {
    const saved = { savedPlan: { organization: plan.organization, changes: [create!, setRole!] }, source: "plan.json" };
    expect(reviewGate(plan, saved)).toEqual({ run: [create, setRole], notReviewed: [remove], refusal: undefined });
  });

  it("refuses a saved plan for another organization before anything runs", () => {
    const gate = reviewGate(plan, { savedPlan: { organization: "other", changes: plan.changes }, source: "plan.json" });
    expect(gate).toEqual({ run: [], notReviewed: [], refusal: `the saved plan plan.json is for organization "other", not "${plan.organization}"` });
  });
});


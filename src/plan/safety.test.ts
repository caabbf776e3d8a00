import { describe, expect, it } from "vitest";
import { aLiveMember, DEFAULT_POLICY, TOKEN_MEMBER_ID } from "../../test/support/builders.js";
import type { OrgRole, Policy } from "../domain/types.js";
import type { ChangeWithoutId } from "./plan.js";
import { holdFor, holdForLastOwner, maxRemovalsViolation, type SafetyContext, tokenCanWrite } from "./safety.js";

const context = (role: OrgRole | null, extra: Partial<Omit<SafetyContext, "policy">> & { policy?: Partial<Policy> } = {}): SafetyContext => ({
  token: { memberId: TOKEN_MEMBER_ID, email: "bot@example.com", role, scopes: null },
  judgeToken: role !== null,
  openMembership: false,
  scimTeams: new Set(),
  ...extra,
  policy: { ...DEFAULT_POLICY, owners: "manage", ...extra.policy },
});

const bob = aLiveMember("bob@example.com", { id: "42" });
const ownerBob = aLiveMember("bob@example.com", { id: "42", role: "owner" });
const base = { email: "bob@example.com", memberId: "42" };
const invite = (role: OrgRole): ChangeWithoutId => ({ action: "invite", email: "new@example.com", role, teams: {} });
const setRole = (from: OrgRole, to: OrgRole): ChangeWithoutId => ({ action: "set-role", ...base, from, to });
const reasonOf = (change: ChangeWithoutId, target: typeof bob | undefined, ctx: SafetyContext) => holdFor(change, target, ctx)?.reason;

describe("token-cannot, judged from the token's role", () => {
  it.each([
    ["owner", invite("owner"), undefined, undefined],
    ["manager", invite("manager"), undefined, undefined],
    ["manager", invite("owner"), undefined, "token-cannot"],
    ["member", invite("member"), undefined, undefined],
    ["member", invite("manager"), undefined, "token-cannot"],
    ["billing", invite("member"), undefined, "token-cannot"],
    ["manager", setRole("member", "manager"), bob, undefined],
    ["manager", setRole("owner", "member"), ownerBob, "token-cannot"],
    ["member", setRole("member", "admin"), bob, "token-cannot"],
    ["owner", setRole("manager", "owner"), bob, undefined],
    ["manager", { action: "reinvite", ...base }, bob, undefined],
    ["member", { action: "reinvite", ...base }, bob, "token-cannot"],
    ["manager", { action: "remove-member", ...base }, bob, undefined],
    ["manager", { action: "remove-member", ...base }, ownerBob, "token-cannot"],
    ["member", { action: "remove-member", ...base }, bob, "token-cannot"],
    ["admin", { action: "create-team", team: "t", name: "T" }, undefined, undefined],
    ["member", { action: "create-team", team: "t", name: "T" }, undefined, "token-cannot"],
    ["manager", { action: "add-to-team", ...base, team: "t", teamRole: "admin" }, bob, undefined],
    ["member", { action: "add-to-team", ...base, team: "t", teamRole: "admin" }, bob, "token-cannot"],
    ["member", { action: "set-team-role", ...base, team: "t", from: "contributor", to: "admin" }, bob, "token-cannot"],
    ["member", { action: "remove-from-team", ...base, team: "t" }, bob, "token-cannot"],
    ["owner", { action: "remove-from-team", ...base, team: "t" }, bob, undefined],
  ] as const)("a %s token: %j → %s", (role, change, target, reason) => {
    expect(reasonOf(change, target, context(role))).toBe(reason);
  });

  it("lets a member token add to teams under Open Membership", () => {
    expect(reasonOf({ action: "add-to-team", ...base, team: "t", teamRole: "contributor" }, bob, context("member", { openMembership: true }))).toBeUndefined();
  });

  it("lets any token take its own member off a team", () => {
    const me = aLiveMember("me@example.com", { id: TOKEN_MEMBER_ID });
    expect(reasonOf({ action: "remove-from-team", email: me.email, memberId: me.id, team: "t" }, me, context("member"))).toBeUndefined();
  });

  it("does not judge a read-only token or a token without a member", () => {
    expect(reasonOf(setRole("member", "owner"), bob, context("member", { judgeToken: false }))).toBeUndefined();
    expect(reasonOf(setRole("member", "owner"), bob, context(null))).toBeUndefined();
    expect(tokenCanWrite({ memberId: "1", email: null, role: "owner", scopes: ["org:read", "member:read", "team:read"] })).toBe(false);
    expect(tokenCanWrite({ memberId: "1", email: null, role: "owner", scopes: ["member:admin"] })).toBe(true);
    expect(tokenCanWrite({ memberId: "1", email: null, role: "owner", scopes: null })).toBe(true);
  });
});

describe("which rule holds a change back first", () => {
  it("names self before owner-protected and token-cannot", () => {
    const me = aLiveMember("me@example.com", { id: TOKEN_MEMBER_ID, role: "owner" });
    const change: ChangeWithoutId = { action: "set-role", email: me.email, memberId: me.id, from: "owner", to: "member" };
    expect(reasonOf(change, me, context("member", { policy: { owners: "protect" } }))).toBe("self");
  });

  it("names owner-protected before idp and token rules", () => {
    const scimOwner = aLiveMember("o@example.com", { id: "7", role: "owner", flags: { idpProvisioned: true } });
    expect(reasonOf({ action: "remove-member", email: scimOwner.email, memberId: "7" }, scimOwner, context("manager", { policy: { owners: "protect" } }))).toBe("owner-protected");
  });

  it("re-roles a SCIM member but does not delete them", () => {
    const scim = aLiveMember("s@example.com", { id: "8", flags: { idpProvisioned: true } });
    expect(reasonOf({ action: "set-role", email: scim.email, memberId: "8", from: "member", to: "manager" }, scim, context("owner"))).toBeUndefined();
    expect(reasonOf({ action: "remove-member", email: scim.email, memberId: "8" }, scim, context("owner"))).toBe("idp-provisioned");
  });
});

describe("last-owner and max-removals", () => {
  const reductions = ["a", "b", "c"].map((name) => ({ change: setRole("owner", "member"), target: aLiveMember(`${name}@example.com`, { role: "owner" }) }));

  it("lets reductions run while enough owners stay and holds back the rest", () => {
    const held = holdForLastOwner(3, reductions, 2);
    expect([...held.keys()]).toEqual([reductions[1]!.change, reductions[2]!.change]);
    expect(held.get(reductions[1]!.change)?.detail).toBe(
      "it would leave 1 active owner after the plan; policy.minOwners is 2: keep another active owner in the roster, or lower policy.minOwners",
    );
  });

  it("holds back every reduction when the org already has too few owners", () => {
    expect(holdForLastOwner(1, reductions, 1).size).toBe(3);
  });

  it("allows exactly maxRemovals removals", () => {
    expect(maxRemovalsViolation(5, DEFAULT_POLICY)).toBeUndefined();
    expect(maxRemovalsViolation(6, DEFAULT_POLICY)?.rule).toBe("max-removals");
  });
});

import { describe, expect, it } from "vitest";
import { aLiveMember, aMember, aTeam, desiredState, liveState, TOKEN_MEMBER_ID } from "../../test/support/builders.js";
import { computePlan } from "./compute-plan.js";
import type { Plan } from "./plan.js";

const skips = (plan: Plan) => plan.skipped.map((skip) => [skip.action, "email" in skip ? skip.email : skip.team, skip.reason]);

/** computePlan: skip reasons, violations and determinism (change kinds are in compute-plan.test.ts). */

describe("computePlan: skip reasons", () => {
  const owner = aLiveMember("olga@example.com", { role: "owner" });
  const second = aLiveMember("otto@example.com", { role: "owner" });

  it.each([
    ["owner-protected: granting owner", desiredState({ members: [aMember("bob@example.com", { role: "owner" })] }), liveState({ members: [aLiveMember("bob@example.com")] }), "set-role", "owner-protected"],
    ["owner-protected: inviting an owner", desiredState({ members: [aMember("new@example.com", { role: "owner" })] }), liveState(), "invite", "owner-protected"],
    ["owner-protected: demoting an owner", desiredState({ members: [aMember("olga@example.com")] }), liveState({ members: [owner, second] }), "set-role", "owner-protected"],
    [
      "owner-protected: removing an owner",
      desiredState({ members: [aMember("otto@example.com", { role: "owner" })], policy: { unlisted: "remove" } }),
      liveState({ members: [owner, second] }),
      "remove-member",
      "owner-protected",
    ],
    [
      "last-owner: demoting the only active owner",
      desiredState({ members: [aMember("olga@example.com")], policy: { owners: "manage", minOwners: 1 } }),
      liveState({ members: [owner] }),
      "set-role",
      "last-owner",
    ],
    [
      "self: the token's own role",
      desiredState({ members: [aMember("me@example.com", { role: "manager" })] }),
      liveState({ members: [aLiveMember("me@example.com", { id: TOKEN_MEMBER_ID })], token: { role: "member" } }),
      "set-role",
      "self",
    ],
    [
      "self: removing the token's own member",
      desiredState({ policy: { unlisted: "remove" } }),
      liveState({ members: [aLiveMember("me@example.com", { id: TOKEN_MEMBER_ID, role: "manager" })], token: { role: "manager" } }),
      "remove-member",
      "self",
    ],
    [
      "idp-provisioned: removing a SCIM member",
      desiredState({ policy: { unlisted: "remove" } }),
      liveState({ members: [aLiveMember("scim@example.com", { flags: { idpProvisioned: true } })] }),
      "remove-member",
      "idp-provisioned",
    ],
    [
      "idp-role-restricted: re-roling a member whose role the IdP sets",
      desiredState({ members: [aMember("scim@example.com", { role: "manager" })] }),
      liveState({ members: [aLiveMember("scim@example.com", { flags: { idpRoleRestricted: true } })] }),
      "set-role",
      "idp-role-restricted",
    ],
    [
      "token-cannot: a manager granting owner",
      desiredState({ members: [aMember("bob@example.com", { role: "owner" })], policy: { owners: "manage" } }),
      liveState({ members: [aLiveMember("bob@example.com"), owner], token: { role: "manager" } }),
      "set-role",
      "token-cannot",
    ],
    [
      "token-cannot: a member token changing a role",
      desiredState({ members: [aMember("bob@example.com", { role: "manager" })] }),
      liveState({ members: [aLiveMember("bob@example.com")], token: { role: "member" } }),
      "set-role",
      "token-cannot",
    ],
    [
      "token-cannot: a member token adding to a team without Open Membership",
      desiredState({ members: [aMember("bob@example.com", { teams: { backend: "contributor" } })] }),
      liveState({ members: [aLiveMember("bob@example.com")], teams: ["backend"], token: { role: "member" } }),
      "add-to-team",
      "token-cannot",
    ],
  ] as const)("%s", (_name, desired, live, action, reason) => {
    const plan = computePlan(desired, live);
    expect(plan.changes.filter((change) => change.action === action)).toEqual([]);
    expect(plan.skipped.map((skip) => [skip.action, skip.reason])).toEqual([[action, reason]]);
    expect(plan.skipped[0]?.detail.length).toBeGreaterThan(20);
  });

  it("names the setting that allows an owner change", () => {
    const plan = computePlan(desiredState({ members: [aMember("bob@example.com", { role: "owner" })] }), liveState({ members: [aLiveMember("bob@example.com")] }));
    expect(plan.skipped[0]?.detail).toBe("this grants the Owner role; set policy.owners: manage in the roster to allow it");
  });

  it("says which role a token needs", () => {
    const plan = computePlan(
      desiredState({ members: [aMember("bob@example.com", { role: "owner" })], policy: { owners: "manage" } }),
      liveState({ members: [aLiveMember("bob@example.com"), owner], token: { role: "manager" } }),
    );
    expect(plan.skipped[0]?.detail).toBe("the token belongs to a manager, who cannot change a role from member to owner: use a token of an owner");
  });

  it("lets one of two owners go and holds the other back under minOwners", () => {
    const plan = computePlan(desiredState({ members: [aMember("olga@example.com"), aMember("otto@example.com")], policy: { owners: "manage", minOwners: 1 } }), liveState({ members: [owner, second] }));
    expect(plan.changes.map((change) => [change.action, "email" in change && change.email])).toEqual([["set-role", "olga@example.com"]]);
    expect(skips(plan)).toEqual([["set-role", "otto@example.com", "last-owner"]]);
  });

  it("counts a promotion to owner in the same plan, but not a pending owner", () => {
    const pendingOwner = aLiveMember("pia@example.com", { role: "owner", pending: true });
    const plan = computePlan(
      desiredState({
        members: [aMember("olga@example.com"), aMember("bob@example.com", { role: "owner" }), aMember("pia@example.com", { role: "owner" })],
        policy: { owners: "manage", minOwners: 1 },
      }),
      liveState({ members: [owner, pendingOwner, aLiveMember("bob@example.com")] }),
    );
    expect(plan.changes.map((change) => [change.action, "email" in change && change.email])).toEqual([
      ["set-role", "bob@example.com"],
      ["set-role", "olga@example.com"],
    ]);
    expect(plan.skipped).toEqual([]);
  });

  it("does not judge the token's role when the plan token can only read", () => {
    const plan = computePlan(
      desiredState({ members: [aMember("bob@example.com", { role: "manager" })] }),
      liveState({ members: [aLiveMember("bob@example.com")], token: { role: "member", scopes: ["org:read", "member:read", "team:read"] } }),
    );
    expect(plan.changes.map((change) => change.action)).toEqual(["set-role"]);
    expect(plan.warnings[0]?.message).toMatch(/can only read/);
  });
});

describe("computePlan: violations", () => {
  it("refuses more removals than policy.maxRemovals, still listing them", () => {
    const members = ["a", "b", "c"].map((name) => aLiveMember(`${name}@example.com`));
    const plan = computePlan(desiredState({ policy: { unlisted: "remove", maxRemovals: 2 } }), liveState({ members }));
    expect(plan.changes).toHaveLength(3);
    expect(plan.violations).toEqual([
      { rule: "max-removals", message: "The plan removes 3 members; policy.maxRemovals is 2. Raise it in the roster to allow this." },
    ]);
  });

  it("refuses a role the org does not offer, naming the roles it offers", () => {
    const plan = computePlan(desiredState({ members: [aMember("bob@example.com", { role: "admin" })] }), liveState({ members: [aLiveMember("bob@example.com")] }));
    expect(plan.violations).toEqual([
      {
        rule: "role-not-offered",
        message: 'bob@example.com: organization "acme" does not offer the role "admin"; it offers member, manager, owner. Pick one of those in the roster.',
        email: "bob@example.com",
      },
    ]);
  });

  it("refuses billing on a server that does not offer it", () => {
    const plan = computePlan(desiredState({ members: [aMember("new@example.com", { role: "billing" })] }), liveState());
    expect(plan.violations.map((violation) => violation.rule)).toEqual(["role-not-offered"]);
  });

  it("accepts admin on an org without team roles", () => {
    const plan = computePlan(desiredState({ members: [aMember("bob@example.com", { role: "admin" })] }), liveState({ members: [aLiveMember("bob@example.com")], teamRolesEnabled: false }));
    expect(plan.violations).toEqual([]);
  });

  it("refuses a roster with fewer owners than minOwners under owners: manage", () => {
    const plan = computePlan(desiredState({ members: [aMember("bob@example.com")], policy: { owners: "manage", minOwners: 1 } }), liveState({ members: [aLiveMember("bob@example.com")] }));
    expect(plan.violations.map((violation) => violation.rule)).toEqual(["min-owners"]);
  });

  it("accepts any organization when the roster names none", () => {
    expect(computePlan(desiredState({ organization: "" }), liveState({ organization: "other" })).violations).toEqual([]);
  });

  it("refuses a plan read from another organization than the roster's", () => {
    const plan = computePlan(desiredState({ organization: "acme" }), liveState({ organization: "other" }));
    expect(plan.violations.map((violation) => violation.rule)).toEqual(["organization-mismatch"]);
  });
});

describe("computePlan: determinism", () => {
  it("gives the same bytes whatever the order of the live lists", () => {
    const members = [
      aLiveMember("b@example.com", { teams: { backend: null } }),
      aLiveMember("a@example.com", { role: "manager" }),
      aLiveMember("c@example.com", { pending: true, expired: true }),
    ];
    const desired = desiredState({ members: [aMember("a@example.com", { teams: { backend: "admin" } }), aMember("c@example.com", { role: "manager" })], teams: ["backend"], policy: { unlisted: "remove" } });
    const one = computePlan(desired, { ...liveState({ members, teams: [aTeam("backend"), aTeam("zeta")] }) });
    const two = computePlan(desired, { ...liveState({ members }), members: [...members].reverse(), teams: [aTeam("zeta"), aTeam("backend")] });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  });
});

import { describe, expect, it } from "vitest";
import { aLiveMember, aMember, aTeam, desiredState, liveState, TOKEN_MEMBER_ID } from "../../test/support/builders.js";
import { computePlan } from "./compute-plan.js";
import type { Plan } from "./plan.js";

const summary = (plan: Plan) => plan.changes.map(({ id: _id, ...change }) => change);
const skips = (plan: Plan) => plan.skipped.map((skip) => [skip.action, "email" in skip ? skip.email : skip.team, skip.reason]);

describe("computePlan: change kinds", () => {
  it("plans no change when Sentry matches the roster", () => {
    const plan = computePlan(
      desiredState({ members: [aMember("alice@example.com", { teams: { backend: "admin" } })] }),
      liveState({ members: [aLiveMember("Alice@Example.com", { teams: { backend: "admin" } })] }),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.skipped).toEqual([]);
    expect(plan.violations).toEqual([]);
  });

  it("invites a new member with the teams of the roster", () => {
    const plan = computePlan(desiredState({ members: [aMember("carol@example.com", { teams: { backend: "contributor" } })] }), liveState({ teams: ["backend"] }));
    expect(summary(plan)).toEqual([{ action: "invite", email: "carol@example.com", role: "member", teams: { backend: "contributor" } }]);
  });

  it("counts a pending invite as present, matching its email in any case", () => {
    const plan = computePlan(desiredState({ members: [aMember("carol@example.com")] }), liveState({ members: [aLiveMember("CAROL@example.com", { pending: true })] }));
    expect(plan.changes).toEqual([]);
  });

  it("re-sends an expired invite", () => {
    const carol = aLiveMember("carol@example.com", { pending: true, expired: true });
    const plan = computePlan(desiredState({ members: [aMember("carol@example.com")] }), liveState({ members: [carol] }));
    expect(summary(plan)).toEqual([{ action: "reinvite", email: "carol@example.com", memberId: carol.id }]);
  });

  it("changes an org role", () => {
    const bob = aLiveMember("bob@example.com");
    const plan = computePlan(desiredState({ members: [aMember("bob@example.com", { role: "manager" })] }), liveState({ members: [bob] }));
    expect(summary(plan)).toEqual([{ action: "set-role", email: "bob@example.com", memberId: bob.id, from: "member", to: "manager" }]);
  });

  it("adds to a team, changes a team role and removes from a team", () => {
    const bob = aLiveMember("bob@example.com", { teams: { frontend: null, ops: null } });
    const plan = computePlan(
      desiredState({ members: [aMember("bob@example.com", { teams: { backend: "admin", frontend: "admin" } })], teams: ["backend", "frontend", "ops"] }),
      liveState({ members: [bob], teams: ["backend", "frontend", "ops"] }),
    );
    expect(summary(plan)).toEqual([
      { action: "add-to-team", email: "bob@example.com", memberId: bob.id, team: "backend", teamRole: "admin" },
      { action: "set-team-role", email: "bob@example.com", memberId: bob.id, team: "frontend", from: "contributor", to: "admin" },
      { action: "remove-from-team", email: "bob@example.com", memberId: bob.id, team: "ops" },
    ]);
  });

  it("creates a missing managed team, then adds existing members to it and invites new ones into it", () => {
    const bob = aLiveMember("bob@example.com");
    const plan = computePlan(
      desiredState({
        members: [aMember("bob@example.com", { teams: { backend: "contributor" } }), aMember("carol@example.com", { teams: { backend: "contributor" } })],
        teams: [{ slug: "backend", name: "Backend" }],
      }),
      liveState({ members: [bob], teams: [] }),
    );
    expect(summary(plan).map((change) => change.action)).toEqual(["create-team", "invite", "add-to-team"]);
    expect(summary(plan)[0]).toEqual({ action: "create-team", team: "backend", name: "Backend" });
  });

  it("holds back team adds and leaves the team out of invites when the token cannot create the team", () => {
    const plan = computePlan(
      desiredState({ members: [aMember("bob@example.com", { teams: { design: "contributor" } }), aMember("new@example.com", { teams: { design: "contributor" } })] }),
      liveState({ members: [aLiveMember("bob@example.com")], teams: [], token: { role: "member" }, openMembership: true }),
    );
    expect(summary(plan)).toEqual([{ action: "invite", email: "new@example.com", role: "member", teams: {} }]);
    expect(skips(plan)).toEqual([
      ["create-team", "design", "token-cannot"],
      ["add-to-team", "bob@example.com", "token-cannot"],
    ]);
    expect(plan.warnings.map((warning) => warning.message)).toContain('new@example.com is invited without "design": the team is not created (see skipped); a later run adds them.');
  });

  it("reports an unlisted member as drift under unlisted: report", () => {
    const erin = aLiveMember("erin@example.com", { pending: true });
    const plan = computePlan(desiredState(), liveState({ members: [erin] }));
    expect(plan.changes).toEqual([]);
    expect(plan.drift).toEqual([{ kind: "unlisted-member", email: "erin@example.com", memberId: erin.id, role: "member", pending: true }]);
  });

  it("removes an unlisted member only under unlisted: remove, and does not report the removal as drift too", () => {
    const erin = aLiveMember("erin@example.com");
    const plan = computePlan(desiredState({ policy: { unlisted: "remove" } }), liveState({ members: [erin] }));
    expect(summary(plan)).toEqual([{ action: "remove-member", email: "erin@example.com", memberId: erin.id }]);
    // Before, erin was listed twice: as a removal and as drift.
    expect(plan.drift).toEqual([]);
    const reported = computePlan(desiredState(), liveState({ members: [erin] }));
    expect(reported.changes).toEqual([]);
    expect(reported.drift).toHaveLength(1);
  });

  it("plans nothing but the refusal when the org read is not the roster's: the change list would mean nothing", () => {
    const plan = computePlan(
      desiredState({ organization: "acme", members: [aMember("new@example.com")], policy: { unlisted: "remove" } }),
      liveState({ organization: "other", members: [aLiveMember("erin@example.com")] }),
    );
    expect(plan.violations.map((violation) => violation.rule)).toEqual(["organization-mismatch"]);
    expect([plan.changes, plan.skipped, plan.drift, plan.warnings]).toEqual([[], [], [], []]);
  });

  it("never touches or reports an ignored member", () => {
    const bot = aLiveMember("CI-Bot@example.com", { role: "manager" });
    const plan = computePlan(desiredState({ ignore: ["ci-bot@example.com"], policy: { unlisted: "remove" } }), liveState({ members: [bot] }));
    expect(plan.changes).toEqual([]);
    expect(plan.drift).toEqual([]);
  });

  it("reports unmanaged teams as drift and never touches their memberships", () => {
    const bob = aLiveMember("bob@example.com", { teams: { legacy: null } });
    const plan = computePlan(desiredState({ members: [aMember("bob@example.com")] }), liveState({ members: [bob] }));
    expect(plan.changes).toEqual([]);
    expect(plan.drift).toEqual([{ kind: "unmanaged-team", team: "legacy" }]);
  });

  it("matches an accepted member shown under another email through an alias", () => {
    const alice = aLiveMember("alice.smith@example.com");
    const plan = computePlan(
      desiredState({ members: [aMember("alice@example.com", { aliases: ["alice.smith@example.com"], role: "manager" })] }),
      liveState({ members: [alice] }),
    );
    expect(summary(plan)).toEqual([{ action: "set-role", email: "alice.smith@example.com", memberId: alice.id, from: "member", to: "manager" }]);
    expect(plan.drift).toEqual([]);
  });

  it("prefers another member's primary email over an alias", () => {
    const plan = computePlan(
      desiredState({ members: [aMember("a@example.com", { aliases: ["b@example.com"] }), aMember("b@example.com")] }),
      liveState({ members: [aLiveMember("b@example.com")] }),
    );
    expect(summary(plan).map((change) => [change.action, "email" in change && change.email])).toEqual([["invite", "a@example.com"]]);
  });

  it("keeps the account under an alias over a stale invite at the roster's address", () => {
    const invite = aLiveMember("alice@example.com", { id: "5", pending: true });
    const account = aLiveMember("alice.smith@example.com", { id: "9" });
    const plan = computePlan(
      desiredState({ members: [aMember("alice@example.com", { aliases: ["alice.smith@example.com"] })], policy: { unlisted: "remove" } }),
      liveState({ members: [invite, account] }),
    );
    expect(summary(plan)).toEqual([{ action: "remove-member", email: "alice@example.com", memberId: "5" }]);
  });

  it("matches one live row per roster member even with several aliases", () => {
    const plan = computePlan(
      desiredState({ members: [aMember("a@example.com", { aliases: ["a1@example.com", "a2@example.com"] })] }),
      liveState({ members: [aLiveMember("a1@example.com", { id: "1" }), aLiveMember("a2@example.com", { id: "2" })] }),
    );
    expect(plan.drift.map((drift) => drift.kind === "unlisted-member" && drift.email)).toEqual(["a2@example.com"]);
  });

  it("shows no change and warns for a stated contributor role on a manager", () => {
    const bob = aLiveMember("bob@example.com", { role: "manager", teams: { backend: null } });
    const plan = computePlan(desiredState({ members: [aMember("bob@example.com", { role: "manager", teams: { backend: "contributor" } })] }), liveState({ members: [bob] }));
    expect(plan.changes).toEqual([]);
    expect(plan.warnings.map((warning) => warning.message)).toEqual([
      'bob@example.com is a manager, which is always team admin: the team role contributor in "backend" has no effect.',
    ]);
  });

  it("does not warn about a list-form team on a manager", () => {
    const bob = aLiveMember("bob@example.com", { role: "manager", teams: { backend: "admin" } });
    const plan = computePlan(
      desiredState({ members: [aMember("bob@example.com", { role: "manager", teams: { backend: "contributor" }, explicitTeamRoles: [] })] }),
      liveState({ members: [bob] }),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.warnings).toEqual([]);
  });

  it("compares team roles under the org role the member ends with, and sets them after the demotion", () => {
    const bob = aLiveMember("bob@example.com", { role: "owner", teams: { backend: null } });
    const plan = computePlan(
      desiredState({ members: [aMember("bob@example.com", { role: "member", teams: { backend: "admin" } })], policy: { owners: "manage", minOwners: 0 } }),
      liveState({ members: [bob] }),
    );
    expect(summary(plan).map((change) => change.action)).toEqual(["set-role", "set-team-role"]);
  });

  // Changed with issue 12: Sentry's team-role write works on a pending invitee (E11), so the
  // plan sets it now instead of warning and leaving it to a run after acceptance.
  it("sets the team role of a pending invite whose role differs, without waiting for acceptance", () => {
    const carol = aLiveMember("carol@example.com", { pending: true, teams: { backend: null } });
    const plan = computePlan(desiredState({ members: [aMember("carol@example.com", { teams: { backend: "admin" } })] }), liveState({ members: [carol] }));
    expect(summary(plan)).toEqual([{ action: "set-team-role", email: "carol@example.com", memberId: carol.id, team: "backend", from: "contributor", to: "admin" }]);
    expect(plan.warnings).toEqual([]);
  });

  it("invites with the team admin role and no warning: apply sets it right after the invite", () => {
    const plan = computePlan(desiredState({ members: [aMember("carol@example.com", { teams: { backend: "admin" } })] }), liveState({ teams: ["backend"] }));
    expect(summary(plan)[0]).toMatchObject({ action: "invite", teams: { backend: "admin" } });
    expect(plan.warnings).toEqual([]);
  });

  it("warns once and sets no team role on an org without team roles", () => {
    const bob = aLiveMember("bob@example.com", { teams: { backend: null } });
    const dan = aLiveMember("dan@example.com", { teams: { backend: null } });
    const plan = computePlan(
      desiredState({ members: [aMember("bob@example.com", { teams: { backend: "admin" } }), aMember("dan@example.com", { teams: { backend: "admin" } })] }),
      liveState({ members: [bob, dan], teamRolesEnabled: false }),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.warnings.map((warning) => warning.message)).toEqual([
      'Organization "acme" does not have the team-roles feature: Sentry ignores team roles, so the plan sets none.',
    ]);
  });

  it("lists every team removal a demotion to billing implies, unmanaged teams included, before the demotion", () => {
    const bob = aLiveMember("bob@example.com", { teams: { backend: null, legacy: "admin" } });
    const plan = computePlan(
      desiredState({ members: [aMember("bob@example.com", { role: "billing" })], teams: ["backend"] }),
      liveState({ members: [bob], orgRoles: ["billing", "member", "manager", "owner"] }),
    );
    expect(summary(plan).map((change) => [change.action, "team" in change ? change.team : "to" in change ? change.to : ""])).toEqual([
      ["remove-from-team", "backend"],
      ["remove-from-team", "legacy"],
      ["set-role", "billing"],
    ]);
    expect(plan.warnings[0]?.message).toMatch(/becomes billing/);
  });
});

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

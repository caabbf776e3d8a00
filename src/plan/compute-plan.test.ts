import { describe, expect, it } from "vitest";
import { aLiveMember, aMember, desiredState, liveState } from "../../test/support/builders.js";
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

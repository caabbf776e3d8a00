import { describe, expect, it } from "vitest";
import { aLiveMember, aMember, aTeam, desiredState, liveState } from "../../test/support/builders.js";
import { computePlan } from "./compute-plan.js";
import { addressesToLookUp } from "./match-members.js";
import type { Plan } from "./plan.js";

/** The plan and the refusals and identity rules of Sentry (docs/roster.md, "How a plan is decided"). */

const summary = (plan: Plan) => plan.changes.map(({ id: _id, ...change }) => change);
const skips = (plan: Plan) => plan.skipped.map((skip) => [skip.action, "email" in skip ? skip.email : skip.team, skip.reason]);

describe("computePlan: Sentry's refusals are skips", () => {
  it("skips adds to and removals from a SCIM team, and still changes team roles on it", () => {
    const bob = aLiveMember("bob@example.com", { teams: { platform: null } });
    const dan = aLiveMember("dan@example.com", { teams: { platform: null } });
    const eve = aLiveMember("eve@example.com");
    const plan = computePlan(
      desiredState({
        teams: ["platform"],
        members: [aMember("bob@example.com", { teams: { platform: "admin" } }), aMember("dan@example.com"), aMember("eve@example.com", { teams: { platform: "contributor" } })],
      }),
      liveState({ members: [bob, dan, eve], teams: [aTeam("platform", { idpProvisioned: true })] }),
    );
    expect(summary(plan)).toEqual([{ action: "set-team-role", email: "bob@example.com", memberId: bob.id, team: "platform", from: "contributor", to: "admin" }]);
    expect(skips(plan)).toEqual([
      ["add-to-team", "eve@example.com", "idp-provisioned"],
      ["remove-from-team", "dan@example.com", "idp-provisioned"],
    ]);
    expect(plan.skipped[0]?.detail).toContain("identity provider");
  });

  it("skips the role change and removal of a partnership member, and says what to do instead", () => {
    const pat = aLiveMember("pat@example.com", { role: "manager", flags: { partnershipRestricted: true } });
    const quinn = aLiveMember("quinn@example.com", { flags: { partnershipRestricted: true } });
    const plan = computePlan(
      desiredState({ policy: { unlisted: "remove" }, members: [aMember("pat@example.com", { role: "member" })] }),
      liveState({ members: [pat, quinn] }),
    );
    expect(plan.changes).toEqual([]);
    expect(skips(plan)).toEqual([
      ["set-role", "pat@example.com", "partnership-restricted"],
      ["remove-member", "quinn@example.com", "partnership-restricted"],
    ]);
    expect(plan.skipped[0]?.detail).toMatch(/partnership ends/);
  });

  it("judges the token's scopes as well as its role, naming the missing scope", () => {
    const bob = aLiveMember("bob@example.com");
    const plan = computePlan(
      desiredState({ teams: ["backend"], members: [aMember("bob@example.com", { role: "manager", teams: { backend: "contributor" } })] }),
      liveState({ members: [bob], teams: ["backend"], token: { scopes: ["org:read", "member:read", "team:read", "team:write"] } }),
    );
    expect(summary(plan).map((change) => change.action)).toEqual(["add-to-team"]);
    expect(skips(plan)).toEqual([["set-role", "bob@example.com", "token-cannot"]]);
    expect(plan.skipped[0]?.detail).toContain("member:admin");
  });

  it("refuses more role changes than policy.maxRoleChanges, naming the setting", () => {
    const members = Array.from({ length: 3 }, (_, i) => aLiveMember(`m${i}@example.com`));
    const desired = (max: number) =>
      desiredState({ policy: { maxRoleChanges: max }, members: members.map((m) => aMember(m.email, { role: "manager" })) });
    expect(computePlan(desired(2), liveState({ members })).violations).toEqual([
      { rule: "max-role-changes", message: "The plan changes the org role of 3 members; policy.maxRoleChanges is 2. Raise it in the roster to allow this." },
    ]);
    expect(computePlan(desired(3), liveState({ members })).violations).toEqual([]);
  });
});

describe("computePlan: who is who", () => {
  it("matches a roster address the members search found under another email: no invite, not unlisted, one warning", () => {
    const bob = aLiveMember("bob@example.com");
    const desired = desiredState({ policy: { unlisted: "remove" }, members: [aMember("bob.jones@example.com")] });
    expect(addressesToLookUp(desired, liveState({ members: [bob] }))).toEqual(["bob.jones@example.com"]);
    const plan = computePlan(desired, liveState({ members: [bob], accountEmails: { "bob.jones@example.com": bob.id } }));
    expect(plan.changes).toEqual([]);
    expect(plan.drift).toEqual([]);
    expect(plan.warnings.map((w) => w.message)).toEqual([
      'bob.jones@example.com is another email of the Sentry member bob@example.com (Sentry shows their account\'s primary email): add "aliases: [bob@example.com]" to their roster entry, so the next plan needs no search.',
    ]);
  });

  it("looks up nothing when every roster address matches", () => {
    const bob = aLiveMember("bob@example.com");
    expect(addressesToLookUp(desiredState({ members: [aMember("BOB@example.com")] }), liveState({ members: [bob] }))).toEqual([]);
  });

  it("leaves a member without an email alone, with a warning, even under unlisted: remove", () => {
    const ghost = aLiveMember("", { id: "77", name: "Ghost" });
    const plan = computePlan(desiredState({ policy: { unlisted: "remove" } }), liveState({ members: [ghost] }));
    expect(plan.changes).toEqual([]);
    expect(plan.drift).toEqual([]);
    expect(plan.warnings[0]?.message).toBe("Sentry member 77 (Ghost) has no email address: the roster cannot name them, so they are left alone.");
  });
});

describe("computePlan: invites deleted by a removal", () => {
  it("warns and invites again, after the removal, a roster member whose pending invite the removed member sent", () => {
    const sam = aLiveMember("sam@example.com", { name: "Sam Sender" });
    const carol = aLiveMember("carol@example.com", { pending: true, inviterName: "Sam Sender", teams: { backend: null } });
    const olga = aLiveMember("olga@example.com", { pending: true, inviterName: "sam@example.com" });
    const plan = computePlan(
      desiredState({ policy: { unlisted: "remove" }, teams: ["backend"], members: [aMember("carol@example.com", { teams: { backend: "admin" } })] }),
      liveState({ members: [sam, carol, olga], teams: ["backend"] }),
    );
    expect(summary(plan).map((change) => [change.action, "email" in change ? change.email : ""])).toEqual([
      ["set-team-role", "carol@example.com"],
      ["remove-member", "olga@example.com"],
      ["remove-member", "sam@example.com"],
      ["invite", "carol@example.com"],
    ]);
    expect(summary(plan).at(-1)).toEqual({ action: "invite", email: "carol@example.com", role: "member", teams: { backend: "admin" }, afterRemovalOf: "sam@example.com" });
    expect(plan.warnings.map((w) => w.message)).toEqual([
      "Removing sam@example.com also deletes the pending invite of carol@example.com, which sam@example.com sent: the plan invites carol@example.com again after the removal.",
    ]);
  });

  it("plans nothing more for an invite the removed member sent to someone the roster does not list", () => {
    const sam = aLiveMember("sam@example.com", { name: "Sam Sender" });
    const olga = aLiveMember("olga@example.com", { pending: true, inviterName: "Sam Sender" });
    const plan = computePlan(desiredState({ policy: { unlisted: "remove" } }), liveState({ members: [sam, olga] }));
    expect(summary(plan).map((change) => change.action)).toEqual(["remove-member", "remove-member"]);
    expect(plan.warnings).toEqual([]);
  });

  it("warns, and plans nothing, when the removal deletes an invite the roster ignores", () => {
    const sam = aLiveMember("sam@example.com", { name: "Sam Sender" });
    const ivan = aLiveMember("ivan@example.com", { pending: true, inviterName: "Sam Sender" });
    const plan = computePlan(desiredState({ policy: { unlisted: "remove" }, ignore: ["IVAN@example.com"] }), liveState({ members: [sam, ivan] }));
    expect(summary(plan).map((change) => [change.action, "email" in change ? change.email : ""])).toEqual([["remove-member", "sam@example.com"]]);
    expect(plan.warnings.map((w) => w.message)).toEqual([
      "Removing sam@example.com also deletes the pending invite of ivan@example.com, which sam@example.com sent: the roster ignores ivan@example.com, so the plan does not invite them again; re-send the invite in Sentry or list them in the roster.",
    ]);
  });

  it("gives no warning for an ignored invite someone who stays sent", () => {
    const sam = aLiveMember("sam@example.com", { name: "Sam Sender" });
    const ivan = aLiveMember("ivan@example.com", { pending: true, inviterName: "Sam Sender" });
    const plan = computePlan(desiredState({ members: [aMember("sam@example.com")], ignore: ["ivan@example.com"], policy: { unlisted: "remove" } }), liveState({ members: [sam, ivan] }));
    expect(plan.warnings).toEqual([]);
  });
});

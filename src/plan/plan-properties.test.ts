import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aLiveMember, aMember, aTeam, desiredState, liveState, TOKEN_MEMBER_ID } from "../../test/support/builders.js";
import { applyToModel } from "../../test/support/live-model.js";
import type { DesiredMember, DesiredState, LiveMember, LiveState, OrgRole, TeamRole } from "../domain/types.js";
import { groupByPhase, orderChanges as executorOrder } from "../apply/order-changes.js";
import { computePlan } from "./compute-plan.js";
import { parsePlanJson, toPlanJson } from "./plan-json.js";

// Seeded so a failure reproduces; fast-check prints the seed and path of a failing run.
const SEED = Number(process.env["PLAN_PROPERTY_SEED"] ?? 20261123);
const RUNS = 400;

const EMAILS = ["ann", "ben", "cat", "dov", "eve", "fay", "gus", "hal"].map((name) => `${name}@example.com`);
const TEAMS = ["backend", "data", "frontend", "ops"];
const LIVE_ROLES: OrgRole[] = ["member", "member", "manager", "owner", "admin", "billing"];
const WANTED_ROLES: OrgRole[] = ["member", "member", "manager", "owner", "billing"];

const teamMap = <V>(teams: readonly string[], role: fc.Arbitrary<V>) =>
  fc.subarray([...teams]).chain((chosen) => fc.tuple(...chosen.map((team) => role.map((value) => [team, value] as const))).map((pairs) => Object.fromEntries(pairs)));

const liveMemberArb = (liveTeams: readonly string[]) =>
  fc
    .record({
      role: fc.constantFrom(...LIVE_ROLES),
      pending: fc.boolean(),
      expired: fc.boolean(),
      upper: fc.boolean(),
      idp: fc.boolean(),
      idpRole: fc.boolean(),
      teams: teamMap(liveTeams, fc.constantFrom<TeamRole | null>(null, null, "admin", "contributor")),
    })
    .map((facts) => ({ ...facts, expired: facts.pending && facts.expired }));

const scenario = fc
  .record({
    liveTeams: fc.subarray(TEAMS),
    managed: fc.subarray(TEAMS),
    liveEmails: fc.subarray(EMAILS),
    wantedEmails: fc.subarray(EMAILS),
    teamRolesEnabled: fc.boolean(),
    billingOffered: fc.boolean(),
    openMembership: fc.boolean(),
    unlisted: fc.constantFrom<"report" | "remove">("report", "remove"),
    owners: fc.constantFrom<"protect" | "manage">("protect", "manage"),
    minOwners: fc.integer({ min: 0, max: 2 }),
    maxRemovals: fc.integer({ min: 0, max: 6 }),
    tokenRole: fc.constantFrom<OrgRole>("owner", "owner", "manager", "member"),
    tokenIsMember: fc.boolean(),
    ignored: fc.subarray(EMAILS, { maxLength: 2 }),
  })
  .chain((base) =>
    fc.record({
      base: fc.constant(base),
      live: fc.tuple(...base.liveEmails.map(() => liveMemberArb(base.liveTeams))),
      wanted: fc.tuple(
        ...base.wantedEmails.map(() =>
          fc.record({ role: fc.constantFrom(...WANTED_ROLES), teams: teamMap(base.managed, fc.constantFrom<TeamRole>("contributor", "admin")), alias: fc.option(fc.constantFrom(...EMAILS), { nil: undefined }) }),
        ),
      ),
    }),
  )
  .map(({ base, live, wanted }): { desired: DesiredState; live: LiveState } => {
    const members: LiveMember[] = base.liveEmails.map((email, index) => {
      const facts = live[index]!;
      return aLiveMember(facts.upper ? email.toUpperCase() : email, {
        id: String(index + 1),
        role: facts.role,
        pending: facts.pending,
        expired: facts.expired,
        flags: { idpProvisioned: facts.idp, idpRoleRestricted: facts.idpRole && facts.idp },
        teams: facts.role === "billing" ? {} : facts.teams,
      });
    });
    const ignored = base.ignored.filter((email) => !base.wantedEmails.includes(email));
    const desiredMembers: DesiredMember[] = base.wantedEmails.map((email, index) => {
      const facts = wanted[index]!;
      return aMember(email, {
        role: facts.role,
        teams: facts.role === "billing" ? {} : facts.teams,
        aliases: facts.alias && facts.alias !== email ? [facts.alias] : [],
      });
    });
    const tokenId = base.tokenIsMember && members.length > 0 ? members[0]!.id : TOKEN_MEMBER_ID;
    return {
      desired: desiredState({
        members: desiredMembers,
        teams: base.managed,
        ignore: ignored,
        policy: { unlisted: base.unlisted, owners: base.owners, minOwners: base.minOwners, maxRemovals: base.maxRemovals },
      }),
      live: liveState({
        members,
        teams: base.liveTeams.map((slug) => aTeam(slug)),
        teamRolesEnabled: base.teamRolesEnabled,
        openMembership: base.openMembership,
        orgRoles: base.billingOffered ? ["billing", "member", "admin", "manager", "owner"] : ["member", "admin", "manager", "owner"],
        token: { memberId: tokenId, role: base.tokenRole },
      }),
    };
  });

const activeOwners = (live: LiveState) => live.members.filter((member) => member.role === "owner" && !member.pending).length;

describe("computePlan properties", () => {
  it("reaches a state whose plan has no changes once its changes are applied", () => {
    fc.assert(
      fc.property(scenario, ({ desired, live }) => {
        const plan = computePlan(desired, live);
        const after = applyToModel(live, plan.changes);
        expect(computePlan(desired, after).changes).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("lists changes in the order the executor runs them (one apply order, src/plan/apply-order.ts)", () => {
    fc.assert(
      fc.property(scenario, ({ desired, live }) => {
        const plan = computePlan(desired, live);
        expect(executorOrder(plan.changes)).toEqual(plan.changes);
        expect(groupByPhase(plan.changes).flatMap((group) => group.changes)).toEqual(plan.changes);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("never touches an owner's role or membership under owners: protect", () => {
    fc.assert(
      fc.property(scenario, ({ desired, live }) => {
        const protectedDesired: DesiredState = { ...desired, policy: { ...desired.policy, owners: "protect" } };
        const owners = new Set(live.members.filter((member) => member.role === "owner").map((member) => member.id));
        for (const change of computePlan(protectedDesired, live).changes) {
          if (change.action === "invite") expect(change.role).not.toBe("owner");
          if (change.action === "set-role") expect([change.from, change.to]).not.toContain("owner");
          if (change.action === "remove-member") expect(owners.has(change.memberId)).toBe(false);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("leaves at least minOwners active owners, or as many as there were", () => {
    fc.assert(
      fc.property(scenario, ({ desired, live }) => {
        const after = applyToModel(live, computePlan(desired, live).changes);
        expect(activeOwners(after)).toBeGreaterThanOrEqual(Math.min(desired.policy.minOwners, activeOwners(live)));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("reads back every computed plan from its JSON", () => {
    fc.assert(
      fc.property(scenario, ({ desired, live }) => {
        const plan = computePlan(desired, live);
        expect(parsePlanJson(toPlanJson(plan))).toEqual(plan);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("gives the same digest and plan whatever the order of the live lists", () => {
    fc.assert(
      fc.property(scenario, fc.integer(), ({ desired, live }, shuffleSeed) => {
        const shuffled: LiveState = { ...live, members: shuffle(live.members, shuffleSeed), teams: shuffle(live.teams, shuffleSeed + 1), teamsRead: shuffle(live.teamsRead, shuffleSeed + 2) };
        const one = computePlan(desired, live);
        const two = computePlan(desired, shuffled);
        expect(two.digest).toBe(one.digest);
        expect(two).toEqual(one);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

/** A deterministic Fisher-Yates shuffle driven by a small LCG. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = Math.abs(seed) % 2_147_483_647 || 1;
  for (let index = result.length - 1; index > 0; index -= 1) {
    state = (state * 48_271) % 2_147_483_647;
    const other = state % (index + 1);
    [result[index], result[other]] = [result[other]!, result[index]!];
  }
  return result;
}

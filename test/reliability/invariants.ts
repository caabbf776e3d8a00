/**
 * The safety invariants every apply must keep, checked on the fake's state
 * before and after and on its request log: owners protected, minOwners
 * kept, removals within maxRemovals, ignore and unmanaged teams untouched,
 * SCIM members kept, no duplicate invite.
 */
import type { LoggedRequest, OrgSeed, SeedMember } from "../fakes/fake-sentry.js";
import type { Scenario } from "./random-org.js";

const lower = (email: string) => email.toLowerCase();
const activeOwners = (org: OrgSeed) => org.members.filter((m) => m.role === "owner" && !m.pending && !m.inactive).length;
const teamsOf = (member: SeedMember | undefined) => member?.teams ?? {};
/** The team role Sentry keeps for `role` on a member with org role `orgRole`: admin is implied (null) for owner, manager and admin. */
const storedUnder = (orgRole: string, role: "contributor" | "admin" | null) => (role === "admin" && ["owner", "manager", "admin"].includes(orgRole) ? null : role);

/**
 * Invites that took effect more than once for one person, or were sent for
 * someone Sentry already had: new member rows sharing a lower-cased email
 * with each other or with an existing member, and invite POSTs Sentry
 * refused with 400 ("already a member", "already been invited"). A POST
 * that failed before doing anything (429, 5xx before commit) and was sent
 * again is not a duplicate: only one invite exists afterwards.
 */
export function duplicateInvites(before: OrgSeed, after: OrgSeed, log: readonly LoggedRequest[]): string[] {
  const existing = new Set(before.members.map((m) => lower(m.email)));
  const beforeIds = new Set(before.members.map((m) => m.id));
  const created = new Map<string, number>();
  const found: string[] = [];
  for (const m of after.members) {
    if (beforeIds.has(m.id)) continue;
    if (existing.has(lower(m.email))) found.push(`${m.email} invited although already in Sentry`);
    created.set(lower(m.email), (created.get(lower(m.email)) ?? 0) + 1);
  }
  for (const [email, n] of created) if (n > 1) found.push(`${email} invited ${n} times`);
  for (const request of log) {
    if (request.method === "POST" && /^\/api\/0\/organizations\/[^/]+\/members\/$/.test(request.path) && request.status === 400) {
      found.push(`invite of ${String((request.body as { email?: unknown } | undefined)?.email)} refused by Sentry as a duplicate`);
    }
  }
  return found;
}

/** Every invariant broken between `before` and `after`; empty when all hold. */
export function brokenInvariants(scenario: Scenario, before: OrgSeed, after: OrgSeed, log: readonly LoggedRequest[]): string[] {
  const broken: string[] = [];
  const afterById = new Map(after.members.map((m) => [m.id, m]));
  const beforeById = new Map(before.members.map((m) => [m.id, m]));
  const { policy } = scenario;

  if (policy.owners === "protect") {
    for (const m of before.members) {
      if (m.role === "owner" && !m.pending && afterById.get(m.id)?.role !== "owner") broken.push(`owner ${m.email} lost the Owner role under owners: protect`);
    }
    for (const m of after.members) {
      if (m.role === "owner" && beforeById.get(m.id)?.role !== "owner") broken.push(`${m.email} became Owner under owners: protect`);
    }
  }
  const minimum = Math.min(policy.minOwners, activeOwners(before));
  if (activeOwners(after) < minimum) broken.push(`${activeOwners(after)} active owners left, minOwners ${policy.minOwners} (had ${activeOwners(before)})`);

  const removed = before.members.filter((m) => !afterById.has(m.id));
  if (policy.unlisted === "report" && removed.length > 0) broken.push(`removed ${removed.map((m) => m.email).join(", ")} under unlisted: report`);
  if (removed.length > policy.maxRemovals) broken.push(`removed ${removed.length} members, maxRemovals ${policy.maxRemovals}`);
  for (const m of removed) {
    if (m.flags?.["idp:provisioned"]) broken.push(`removed SCIM-managed ${m.email}`);
    if (m.id === scenario.tokenMemberId) broken.push("removed the token's own member");
  }

  const ignored = new Set(scenario.ignore.map(lower));
  const managed = new Set(scenario.managedTeams);
  for (const m of before.members) {
    const now = afterById.get(m.id);
    if (ignored.has(lower(m.email)) && JSON.stringify({ ...m, invitedAt: undefined }) !== JSON.stringify({ ...now, invitedAt: undefined })) {
      broken.push(`ignored ${m.email} changed: ${JSON.stringify(m)} → ${JSON.stringify(now)}`);
    }
    if (!now) continue;
    // Demoting to billing drops every team, unmanaged ones included (docs/roster.md#how-a-plan-is-decided: the plan lists each).
    if (now.role === "billing" && m.role !== "billing") continue;
    // Compared as Sentry stores them under the new org role: "admin" at or below its minimum is kept as null (docs/sentry-behaviour.md S4).
    const unmanaged = (member: SeedMember) => Object.entries(teamsOf(member)).filter(([slug]) => !managed.has(slug)).map(([slug, role]) => [slug, storedUnder(now.role, role)]);
    const unmanagedBefore = unmanaged(m);
    const unmanagedAfter = unmanaged(now);
    if (JSON.stringify(unmanagedBefore) !== JSON.stringify(unmanagedAfter)) {
      broken.push(`unmanaged teams of ${m.email} changed: ${JSON.stringify(unmanagedBefore)} → ${JSON.stringify(unmanagedAfter)}`);
    }
  }
  // New members only join managed teams (Sentry adds the token user to a team it creates; apply removes it again).
  for (const m of after.members) {
    if (beforeById.has(m.id)) continue;
    for (const slug of Object.keys(teamsOf(m))) if (!managed.has(slug)) broken.push(`new member ${m.email} is on unmanaged team ${slug}`);
  }

  for (const duplicate of duplicateInvites(before, after, log)) broken.push(`duplicate invite: ${duplicate}`);
  const seen = new Map<string, string>();
  for (const m of after.members) {
    const other = seen.get(lower(m.email));
    if (other) broken.push(`two members for ${m.email}: ids ${other} and ${m.id}`);
    seen.set(lower(m.email), m.id);
  }
  return broken;
}

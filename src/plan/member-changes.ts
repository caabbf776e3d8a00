import { normalizeEmail, sameEmail } from "../domain/identity.js";
import type { DesiredMember, DesiredState, LiveMember, LiveState, OrgRole, TeamRole } from "../domain/types.js";
import type { RosterMatch } from "./match-members.js";
import type { ChangeWithoutId, Drift } from "./plan.js";
import { compareText, quotedList, record, sortedRecord, type Candidate, type PlanDraft } from "./plan-draft.js";
import { holdFor, holdForLastOwner, type Hold, type OwnerReduction, type SafetyContext } from "./safety.js";

/** What the member-level part of the plan decided. */
export interface MemberChanges {
  /** Member id → the org role the member ends the plan with, for members whose role changes. */
  readonly finalRoles: ReadonlyMap<string, string>;
}

/**
 * Member-level changes (invite, re-send, role, removal) and the drift of
 * unlisted members; then the invites Sentry deletes along with a removed
 * member, planned again. `uncreatable` holds the roster teams this plan cannot
 * create: invites leave them out, since Sentry refuses an invite naming a team
 * that does not exist.
 */
export function planMemberChanges(
  match: RosterMatch,
  desired: DesiredState,
  live: LiveState,
  context: SafetyContext,
  uncreatable: ReadonlyMap<string, Hold>,
  draft: PlanDraft,
  drift: Drift[],
): MemberChanges {
  const candidates: Candidate[] = [];
  for (const { desired: member, live: current } of match.pairings) {
    if (!current) {
      candidates.push({ change: inviteOf(member, uncreatable, draft), target: undefined });
      continue;
    }
    if (current.pending && current.expired) {
      candidates.push({ change: { action: "reinvite", email: current.email, memberId: current.id }, target: current });
    }
    if (current.role !== member.role) {
      candidates.push({
        change: { action: "set-role", email: current.email, memberId: current.id, from: current.role as OrgRole, to: member.role },
        target: current,
      });
    }
  }
  const removals = new Map<LiveMember, ChangeWithoutId>();
  for (const member of match.unlisted) {
    if (desired.policy.unlisted === "remove") {
      const change: ChangeWithoutId = { action: "remove-member", email: member.email, memberId: member.id };
      removals.set(member, change);
      candidates.push({ change, target: member });
    }
  }
  const holds = judgeMemberChanges(candidates, live, context);
  // A planned removal is not drift as well (docs/roster.md): only members who stay unlisted are.
  for (const member of match.unlisted) {
    const removal = removals.get(member);
    if (removal === undefined || holds.has(removal)) {
      drift.push({ kind: "unlisted-member", email: member.email, memberId: member.id, role: member.role, pending: member.pending });
    }
  }
  for (const candidate of candidates) record(draft, candidate.change, holds.get(candidate.change));
  const removed = candidates.filter(({ change, target }) => change.action === "remove-member" && !holds.has(change) && target && !target.pending);
  planInvitesLostByRemoval(
    removed.flatMap((candidate) => (candidate.target ? [candidate.target] : [])),
    match,
    context,
    uncreatable,
    draft,
  );
  const finalRoles = new Map<string, string>();
  for (const { change, target } of candidates) {
    if (change.action === "set-role" && target && !holds.has(change)) finalRoles.set(target.id, change.to);
  }
  return { finalRoles };
}

/** The invite of a roster member without a live row, minus the teams this plan cannot create. */
function inviteOf(member: DesiredMember, uncreatable: ReadonlyMap<string, Hold>, draft: PlanDraft): ChangeWithoutId {
  return { action: "invite", email: member.email, role: member.role, teams: inviteTeams(member, uncreatable, draft) };
}

function inviteTeams(member: DesiredMember, uncreatable: ReadonlyMap<string, Hold>, draft: PlanDraft): Record<string, TeamRole> {
  const teams = sortedRecord(member.teams);
  const missing = Object.keys(teams).filter((team) => uncreatable.has(team));
  for (const team of missing) delete teams[team];
  if (missing.length > 0) {
    draft.warnings.push({
      message: `${member.email} is invited without ${quotedList(missing)}: the team is not created (see skipped); a later run adds them.`,
      email: normalizeEmail(member.email),
    });
  }
  return teams;
}

/** Judges the member-level changes one by one, then the last-owner rule over all of them. */
function judgeMemberChanges(candidates: readonly Candidate[], live: LiveState, context: SafetyContext): Map<ChangeWithoutId, Hold> {
  const holds = new Map<ChangeWithoutId, Hold>();
  for (const candidate of candidates) {
    const hold = holdFor(candidate.change, candidate.target, context);
    if (hold) holds.set(candidate.change, hold);
  }
  let owners = live.members.filter((member) => member.role === "owner" && !member.pending).length;
  const reductions: OwnerReduction[] = [];
  for (const { change, target } of candidates) {
    if (holds.has(change) || !target || target.pending) continue;
    if (change.action === "set-role" && change.to === "owner" && change.from !== "owner") owners += 1;
    const demotes = change.action === "set-role" && change.from === "owner" && change.to !== "owner";
    if (demotes || (change.action === "remove-member" && target.role === "owner")) reductions.push({ change, target });
  }
  reductions.sort((a, b) => compareText(normalizeEmail(a.target.email), normalizeEmail(b.target.email)) || compareText(a.change.action, b.change.action));
  for (const [change, hold] of holdForLastOwner(owners, reductions, context.policy.minOwners)) holds.set(change, hold);
  return holds;
}

/**
 * Sentry deletes the pending invites a removed member sent (docs/sentry-behaviour.md T16).
 * The members list links an invite to its sender only by `inviterName`, the
 * sender's display name (their name, or their email without one): an invite
 * counts as sent by a removed member when that name equals the member's name
 * or email. A roster member whose invite goes that way is invited again after
 * the removal (reviewed with the rest). The link
 * is a name, not an id: two people with one name, or a sender renamed since,
 * can make it wrong either way. A needless re-invite finds the invite still
 * there and changes nothing; a missed one shows in apply's convergence re-check.
 * An invite the roster ignores is not the plan's to send again, but losing it
 * is a side effect the reviewer must see, so it gets a warning (docs/roster.md#invites-deleted-by-a-removal).
 */
function planInvitesLostByRemoval(
  removed: readonly LiveMember[],
  match: RosterMatch,
  context: SafetyContext,
  uncreatable: ReadonlyMap<string, Hold>,
  draft: PlanDraft,
): void {
  if (removed.length === 0) return;
  const rosterByInvite = new Map(match.pairings.flatMap((pairing) => (pairing.live?.pending ? [[pairing.live.id, pairing.desired] as const] : [])));
  const invites = [...rosterByInvite.keys(), ...[...match.unlisted, ...match.ignored].filter((member) => member.pending).map((member) => member.id)];
  const rows = new Map(
    [...match.pairings.flatMap((pairing) => (pairing.live ? [pairing.live] : [])), ...match.unlisted, ...match.ignored].map((member) => [member.id, member]),
  );
  const ignoredIds = new Set(match.ignored.map((member) => member.id));
  for (const sender of [...removed].sort((a, b) => compareText(normalizeEmail(a.email), normalizeEmail(b.email)))) {
    const sent = invites
      .map((id) => rows.get(id))
      .filter((invite): invite is LiveMember => invite !== undefined && sentBy(invite, sender))
      .sort((a, b) => compareText(normalizeEmail(a.email), normalizeEmail(b.email)));
    for (const invite of sent) {
      if (ignoredIds.has(invite.id)) {
        draft.warnings.push({
          message: `Removing ${sender.email} also deletes the pending invite of ${invite.email}, which ${sender.email} sent: the roster ignores ${invite.email}, so the plan does not invite them again; re-send the invite in Sentry or list them in the roster.`,
          email: normalizeEmail(invite.email),
        });
        continue;
      }
      const member = rosterByInvite.get(invite.id);
      // An unlisted invite is removed by the same plan (removals happen only under unlisted: remove).
      if (!member) continue;
      draft.warnings.push({
        message: `Removing ${sender.email} also deletes the pending invite of ${invite.email}, which ${sender.email} sent: the plan invites ${member.email} again after the removal.`,
        email: normalizeEmail(member.email),
      });
      const change: ChangeWithoutId = { ...inviteOf(member, uncreatable, draft), afterRemovalOf: sender.email } as ChangeWithoutId;
      record(draft, change, holdFor(change, undefined, context));
    }
  }
}

function sentBy(invite: LiveMember, sender: LiveMember): boolean {
  const inviter = invite.inviterName;
  if (!inviter) return false;
  return inviter === sender.name || sameEmail(inviter, sender.email);
}

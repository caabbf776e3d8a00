import type { DesiredMember } from "../domain/types.js";
import { normalizeEmail } from "../domain/identity.js";
import { SHORT_ID_LENGTH, changeId } from "./change-id.js";
import type { Change, ChangeWithoutId, Plan } from "./plan.js";

/** What a reviewer approved: change ids (full or 16-hex short ids) or, when they did not fit, the digest alone. */
export type Reviewed = { readonly ids: readonly string[] } | { readonly digest: string };

/**
 * What the split needs to know to recognise the rest of a reviewed change: the
 * token's own member, and the names the roster gives its teams (a reviewed
 * `create-team` carries the name in its id).
 */
export interface ReviewContext {
  readonly tokenMemberId: string | null;
  readonly teamNames: Readonly<Record<string, string>>;
  /** The roster's members: a reviewed invite carries their role and teams in its id. */
  readonly members?: readonly DesiredMember[];
}

/** A recomputed plan split into what may run and what nobody reviewed. */
export interface ReviewedSplit {
  readonly run: Change[];
  readonly notReviewed: Change[];
}

/**
 * Splits a recomputed plan by what was reviewed (docs/action.md#how-the-review-is-enforced-trust). With
 * ids, a change runs when a reviewed id equals its id or is a short id (16
 * hex) it starts with; anything shorter matches nothing. A change that
 * finishes a reviewed change an earlier apply half-did counts as reviewed
 * (reviewedOrigin). With a digest, every change runs if the digest is exactly
 * the plan's, else none does.
 */
export function splitReviewed(plan: Plan, reviewed: Reviewed, context?: ReviewContext): ReviewedSplit {
  if ("digest" in reviewed) {
    const matches = reviewed.digest.trim().toLowerCase() === plan.digest;
    return matches ? { run: [...plan.changes], notReviewed: [] } : { run: [], notReviewed: [...plan.changes] };
  }
  const full = new Set<string>();
  const short = new Set<string>();
  for (const raw of reviewed.ids) {
    const id = raw.trim().toLowerCase();
    if (!/^[0-9a-f]+$/.test(id)) continue;
    if (id.length === SHORT_ID_LENGTH) short.add(id);
    else if (id.length > SHORT_ID_LENGTH) full.add(id);
  }
  const run: Change[] = [];
  const notReviewed: Change[] = [];
  const approved = (id: string) => full.has(id) || short.has(id.slice(0, SHORT_ID_LENGTH));
  for (const change of plan.changes) {
    const ok = approved(change.id) || reviewedOrigins(change, context).some(approved);
    (ok ? run : notReviewed).push(change);
  }
  return { run, notReviewed };
}

/**
 * The ids of the reviewed changes that `change` may be the rest of:
 * - adding a member to a team as admin is two writes (add, then set the team
 *   role); when the second one fails, the next plan wants `set-team-role
 *   contributor → admin` for that member and team: still the reviewed `add-to-team`;
 * - inviting with team admin is two writes too (invite, then set the team role
 *   on the invitee); when the second fails, the same `set-team-role` is still
 *   the reviewed `invite` of that roster member (its id carries role and teams,
 *   read from the roster);
 * - Sentry adds the token's user to a team it creates (docs/sentry-behaviour.md T28);
 *   when apply's removal of them fails, the next plan wants `remove-from-team`
 *   of the token's own member from that team: still the reviewed `create-team`.
 */
export function reviewedOrigins(change: Change, context?: ReviewContext): string[] {
  if (change.action === "set-team-role" && change.from === "contributor") {
    const added = changeId({ action: "add-to-team", email: change.email, memberId: change.memberId, team: change.team, teamRole: change.to });
    const member = context?.members?.find((candidate) => normalizeEmail(candidate.email) === normalizeEmail(change.email));
    if (!member || member.teams[change.team] !== change.to) return [added];
    // Key order does not change an id (canonicalJson sorts keys).
    const invite: ChangeWithoutId = { action: "invite", email: member.email, role: member.role, teams: member.teams };
    return [added, changeId(invite)];
  }
  const name = context?.teamNames[change.action === "remove-from-team" ? change.team : ""];
  if (change.action === "remove-from-team" && name !== undefined && change.memberId === context?.tokenMemberId) {
    return [changeId({ action: "create-team", team: change.team, name })];
  }
  return [];
}

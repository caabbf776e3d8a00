import type { DesiredMember } from "../domain/types.js";
import { normalizeEmail } from "../domain/identity.js";
import { changeId } from "./change-id.js";
import type { Change, ChangeWithoutId } from "./plan.js";

/**
 * What the review gate (review-gate.ts) needs to know to recognise the rest of a reviewed change: the
 * token's own member, and the names the roster gives its teams (a reviewed
 * `create-team` carries the name in its id).
 */
export interface ReviewContext {
  readonly tokenMemberId: string | null;
  readonly teamNames: Readonly<Record<string, string>>;
  /** The roster's members: a reviewed invite carries their role and teams in its id. */
  readonly members?: readonly DesiredMember[];
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

import { SHORT_ID_LENGTH, changeId } from "./change-id.js";
import type { Change, Plan } from "./plan.js";

/** What a reviewer approved: change ids (full or 16-hex short ids) or, when they did not fit, the digest alone. */
export type Reviewed = { readonly ids: readonly string[] } | { readonly digest: string };

/** A recomputed plan split into what may run and what nobody reviewed. */
export interface ReviewedSplit {
  readonly run: Change[];
  readonly notReviewed: Change[];
}

/**
 * Splits a recomputed plan by what was reviewed (architecture.md §4). With
 * ids, a change runs when a reviewed id equals its id or is a short id (16
 * hex) it starts with; anything shorter matches nothing. A change that
 * finishes a reviewed change an earlier apply half-did counts as reviewed
 * (reviewedOrigin). With a digest, every change runs if the digest is exactly
 * the plan's, else none does.
 */
export function splitReviewed(plan: Plan, reviewed: Reviewed): ReviewedSplit {
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
    const origin = reviewedOrigin(change);
    const ok = approved(change.id) || (origin !== undefined && approved(origin));
    (ok ? run : notReviewed).push(change);
  }
  return { run, notReviewed };
}

/**
 * The id of the reviewed change that `change` is the rest of, if any. Adding a
 * member to a team as admin is two writes (add, then set the team role); when
 * the second one fails, the next plan wants `set-team-role contributor → admin`
 * for that member and team, which is still the reviewed `add-to-team`.
 */
export function reviewedOrigin(change: Change): string | undefined {
  if (change.action !== "set-team-role" || change.from !== "contributor") return undefined;
  return changeId({ action: "add-to-team", email: change.email, memberId: change.memberId, team: change.team, teamRole: change.to });
}

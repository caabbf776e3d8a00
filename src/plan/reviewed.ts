import { SHORT_ID_LENGTH } from "./change-id.js";
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
 * hex) it starts with; anything shorter matches nothing. With a digest, every
 * change runs if the digest is exactly the plan's, else none does.
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
  for (const change of plan.changes) {
    const ok = full.has(change.id) || short.has(change.id.slice(0, SHORT_ID_LENGTH));
    (ok ? run : notReviewed).push(change);
  }
  return { run, notReviewed };
}

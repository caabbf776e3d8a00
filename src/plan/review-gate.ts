import { SHORT_ID_LENGTH } from "./change-id.js";
import type { Change, Plan } from "./plan.js";
import { type ReviewContext, reviewedOrigins } from "./reviewed.js";

/**
 * What a reviewer saw, in the three forms it reaches apply: the change ids of
 * the Action's plan comment (full or 16-hex short ids), the digest alone (a
 * comment whose ids did not fit), or a plan saved with `plan --out FILE`
 * (`apply --plan FILE`).
 */
export type ReviewEvidence =
  | { readonly ids: readonly string[] }
  | { readonly digest: string }
  | { readonly savedPlan: { readonly organization: string; readonly changes: readonly { readonly id: string }[] }; readonly source: string };

/** The recomputed plan split by the evidence, or why nothing may run at all. */
export interface ReviewGate {
  /** Changes that may run. */
  readonly run: Change[];
  /** Changes nobody reviewed: listed, never applied, and the run fails. */
  readonly notReviewed: Change[];
  /** Set when the evidence itself cannot be used (another organization's saved plan): nothing runs. */
  readonly refusal: string | undefined;
}

/**
 * The one review gate of the CLI and the Action
 * (docs/action.md#how-the-review-is-enforced-trust):
 * - ids (and a saved plan's ids): a change runs when a reviewed id equals its
 *   id or is a 16-hex short id it starts with; anything shorter matches
 *   nothing. A follow-up that finishes a reviewed change an earlier apply
 *   half-did counts as that change (reviewed.ts, reviewedOrigins). Everything
 *   else is not reviewed.
 * - digest: every change runs when it is exactly the plan's digest, else none.
 * - a saved plan for another organization refuses everything.
 */
export function reviewGate(plan: Plan, evidence: ReviewEvidence, context?: ReviewContext): ReviewGate {
  if ("digest" in evidence) {
    const matches = evidence.digest.trim().toLowerCase() === plan.digest;
    return matches ? { run: [...plan.changes], notReviewed: [], refusal: undefined } : { run: [], notReviewed: [...plan.changes], refusal: undefined };
  }
  if ("savedPlan" in evidence && evidence.savedPlan.organization !== plan.organization) {
    return { run: [], notReviewed: [], refusal: `the saved plan ${evidence.source} is for organization "${evidence.savedPlan.organization}", not "${plan.organization}"` };
  }
  const ids = "savedPlan" in evidence ? evidence.savedPlan.changes.map((change) => change.id) : evidence.ids;
  const full = new Set<string>();
  const short = new Set<string>();
  for (const raw of ids) {
    const id = raw.trim().toLowerCase();
    if (!/^[0-9a-f]+$/.test(id)) continue;
    if (id.length === SHORT_ID_LENGTH) short.add(id);
    else if (id.length > SHORT_ID_LENGTH) full.add(id);
  }
  const approved = (id: string) => full.has(id) || short.has(id.slice(0, SHORT_ID_LENGTH));
  const run: Change[] = [];
  const notReviewed: Change[] = [];
  for (const change of plan.changes) {
    const ok = approved(change.id) || reviewedOrigins(change, context).some(approved);
    (ok ? run : notReviewed).push(change);
  }
  return { run, notReviewed, refusal: undefined };
}

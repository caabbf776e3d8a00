import type { LiveMember } from "../domain/types.js";
import type { ChangeWithoutId, PlanWarning, SkippedChange } from "./plan.js";
import { holdFor, type Hold, type SafetyContext } from "./safety.js";

/**
 * The plan while computePlan builds it, shared by its parts (matching, member
 * changes, team changes, rules): changes and skips as the rules decide them,
 * and the warnings in the order a reader meets them.
 */
export interface PlanDraft {
  readonly changes: ChangeWithoutId[];
  readonly skipped: SkippedChange[];
  readonly warnings: PlanWarning[];
}

/** A change the roster wants, before the safety rules judged it. */
export interface Candidate {
  readonly change: ChangeWithoutId;
  /** The live member it acts on; none for invites and team creation. */
  readonly target: LiveMember | undefined;
}

export function emptyDraft(): PlanDraft {
  return { changes: [], skipped: [], warnings: [] };
}

/** Lists the change, or its skip when a rule holds it back. */
export function record(draft: PlanDraft, change: ChangeWithoutId, hold: Hold | undefined): void {
  if (hold) draft.skipped.push({ ...change, reason: hold.reason, detail: hold.detail });
  else draft.changes.push(change);
}

/** Judges one candidate by the safety rules and records the result. */
export function judge(draft: PlanDraft, candidate: Candidate, context: SafetyContext): void {
  record(draft, candidate.change, holdFor(candidate.change, candidate.target, context));
}

/** Locale-independent comparison, so plans are the same bytes on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sentry ids are integers sent as strings: compare them as numbers when they are. */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || compareText(a, b);
}

/** Sorts by a text key computed once per item (stable). */
export function sortBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, key: key(item) }))
    .sort((a, b) => compareText(a.key, b.key))
    .map((entry) => entry.item);
}

/** A copy with keys in sorted order, so the JSON and the change id do not depend on the roster's order. */
export function sortedRecord<V>(record: Readonly<Record<string, V>>): Record<string, V> {
  const sorted: Record<string, V> = {};
  for (const key of Object.keys(record).sort(compareText)) sorted[key] = record[key] as V;
  return sorted;
}

/** `"a", "b"`: team slugs as the plan quotes them. */
export function quotedList(items: readonly string[]): string {
  return items.map((item) => `"${item}"`).join(", ");
}

export function article(word: string): string {
  return /^[aeiou]/.test(word) ? "an" : "a";
}

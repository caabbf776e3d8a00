import { createHash } from "node:crypto";
import type { Change, ChangeWithoutId } from "./plan.js";

/** Length of a short change id in the PR comment: 64 bits, too long to forge a collision (docs/roster.md#change-ids-and-the-digest). */
export const SHORT_ID_LENGTH = 16;

/**
 * The canonical form of a value: keys sorted recursively, values of `email`
 * lower-cased, no whitespace. Built as a key-sorted object and serialized by
 * JSON.stringify, never by string concatenation, so no field can forge another.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalValue(value, undefined));
}

function canonicalValue(value: unknown, key: string | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => canonicalValue(item, undefined));
  if (value !== null && typeof value === "object") {
    const sorted: Record<string, unknown> = {};
    for (const name of Object.keys(value).sort()) {
      const field = (value as Record<string, unknown>)[name];
      if (field !== undefined) sorted[name] = canonicalValue(field, name);
    }
    return sorted;
  }
  if (key === "email" && typeof value === "string") return value.toLowerCase();
  return value;
}

function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** The change without its id, whatever the input carries. */
function withoutId(change: ChangeWithoutId | Change): ChangeWithoutId {
  if (!("id" in change)) return change;
  const { id: _id, ...rest } = change;
  return rest as ChangeWithoutId;
}

/** sha256 hex of the change's canonical form (without `id`): its content, never its position. */
export function changeId(change: ChangeWithoutId | Change): string {
  return sha256Hex(canonicalJson(withoutId(change)));
}

/** The change with its id as the first key. */
export function withId(change: ChangeWithoutId): Change {
  return { id: changeId(change), ...change } as Change;
}

/**
 * sha256 of the canonical forms of all changes, sorted by id, as one JSON
 * array: independent of the order the changes are listed in. Skipped
 * changes, drift, warnings and violations are not part of it.
 */
export function planDigest(changes: readonly Change[]): string {
  // Ids are trusted here: computePlan just made them, and parsePlanJson checks them before the digest.
  const forms = changes
    .map((change) => ({ id: change.id, form: canonicalValue(withoutId(change), undefined) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((entry) => entry.form);
  return sha256Hex(JSON.stringify(forms));
}

/** The first 16 hex characters of an id, as the PR comment shows it. */
export function shortId(id: string): string {
  return id.slice(0, SHORT_ID_LENGTH);
}

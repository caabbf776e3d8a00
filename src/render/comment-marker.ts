/**
 * The hidden marker that makes a PR comment "ours": it opens the comment and
 * carries what apply needs to check the review, as JSON:
 * `<!-- sentry-roster:plan {"v":1,"org":"acme","digest":"…","ids64":"wfCis9Tl9gc…","sha":"…"} -->`.
 * `ids64` is the short (16 hex, 8 byte) change ids, back to back, in base64url
 * (with "." for "-"):
 * 10.7 characters an id instead of 19 as a JSON list, so a 3,000-change plan
 * keeps its ids and still shows hundreds of changes (docs/action.md#big-plans).
 * Readers also accept the older `"ids":["…"]` list.
 */

/** The fixed text every marker starts with; also how comments are searched. */
export const MARKER_PREFIX = "<!-- sentry-roster:plan ";
const MARKER_SUFFIX = " -->";
/** Version of the marker's JSON; readers refuse others. */
export const MARKER_VERSION = 1;
const SHORT_ID = /^[0-9a-f]{16}$/;
const DIGEST = /^[0-9a-f]{16,64}$/;

/** What a sticky comment records about the plan it shows. */
export interface CommentMarker {
  /** Organization slug the plan was computed for. */
  readonly org: string;
  /** Digest of the plan's changes (full sha256 hex). */
  readonly digest: string;
  /** Short (16 hex) ids of the changes shown; absent when they did not fit, then the digest alone counts. */
  readonly ids?: readonly string[];
  /** Head commit the plan was computed for. */
  readonly sha?: string;
  /** Set once apply has reported its outcome into the comment. */
  readonly applied?: string;
}

/** Writes the marker line. `<` and `>` are JSON-escaped so no value can close the HTML comment. */
export function writeMarker(marker: CommentMarker): string {
  const json = JSON.stringify({
    v: MARKER_VERSION,
    org: marker.org,
    digest: marker.digest,
    ...(marker.ids ? { ids64: encodeIds(marker.ids) } : {}),
    ...(marker.sha ? { sha: marker.sha } : {}),
    ...(marker.applied ? { applied: marker.applied } : {}),
  }).replace(/[<>&-]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `${MARKER_PREFIX}${json}${MARKER_SUFFIX}`;
}

/**
 * Reads the marker from the first line of a comment body; undefined when the
 * body does not start with a well-formed marker. Only the first line counts,
 * so a marker quoted further down (a spoof) is never read.
 */
export function parseMarker(body: string): CommentMarker | undefined {
  if (!body.startsWith(MARKER_PREFIX)) return undefined;
  const end = body.indexOf(MARKER_SUFFIX, MARKER_PREFIX.length);
  const newline = body.indexOf("\n");
  if (end < 0 || (newline >= 0 && newline < end)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body.slice(MARKER_PREFIX.length, end));
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (record["v"] !== MARKER_VERSION || typeof record["org"] !== "string") return undefined;
  const digest = record["digest"];
  if (typeof digest !== "string" || !DIGEST.test(digest)) return undefined;
  const ids = record["ids64"] !== undefined ? (typeof record["ids64"] === "string" ? (decodeIds(record["ids64"]) ?? null) : null) : record["ids"];
  if (ids !== undefined && !(Array.isArray(ids) && ids.every((id) => typeof id === "string" && SHORT_ID.test(id)))) {
    return undefined;
  }
  const sha = typeof record["sha"] === "string" ? record["sha"] : undefined;
  const applied = typeof record["applied"] === "string" ? record["applied"] : undefined;
  return {
    org: record["org"],
    digest,
    ...(ids ? { ids: ids as string[] } : {}),
    ...(sha ? { sha } : {}),
    ...(applied ? { applied } : {}),
  };
}

/**
 * Whether two renderings of a plan comment say the same: equal once the
 * workflow-run links are set aside (every run has its own). A plan run that
 * would only change the link leaves the comment alone, so re-running the plan
 * does not move the comment past its approval (docs/action.md#how-the-review-is-enforced-trust).
 */
export function samePlanComment(current: string, next: string): boolean {
  const withoutRunLinks = (text: string) => text.replace(/\/actions\/runs\/\d+(?:\/attempts\/\d+)?/g, "/actions/runs/…");
  return withoutRunLinks(current) === withoutRunLinks(next);
}

// base64url with "." for "-": the marker escapes every "-" (so nothing reads as "-->"), which would cost six characters each.
const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
const BYTES_PER_ID = 8;

/** Short ids (16 hex) → their bytes back to back, in base64url without padding. */
export function encodeIds(ids: readonly string[]): string {
  const hex = ids.map((id) => id.toLowerCase()).join("");
  let out = "";
  // Three bytes (six hex digits) make four characters; the tail makes two or three.
  for (let index = 0; index < hex.length; index += 6) {
    const chunk = hex.slice(index, index + 6);
    const value = parseInt(chunk.padEnd(6, "0"), 16);
    const chars = chunk.length === 6 ? 4 : chunk.length === 4 ? 3 : 2;
    for (let shift = 18, written = 0; written < chars; shift -= 6, written += 1) out += BASE64URL[(value >> shift) & 63];
  }
  return out;
}

/** The inverse of encodeIds; undefined when the text is not a whole number of ids. */
export function decodeIds(text: string): string[] | undefined {
  if (!/^[A-Za-z0-9._]*$/.test(text)) return undefined;
  let hex = "";
  for (let index = 0; index < text.length; index += 4) {
    const chunk = text.slice(index, index + 4);
    if (chunk.length === 1) return undefined;
    let value = 0;
    for (const char of chunk.padEnd(4, "A")) value = value * 64 + BASE64URL.indexOf(char);
    const bytes = chunk.length - 1;
    hex += value.toString(16).padStart(6, "0").slice(0, bytes * 2);
  }
  if (hex.length % (BYTES_PER_ID * 2) !== 0) return undefined;
  return hex.match(/.{16}/g) ?? [];
}

/**
 * The hidden marker that makes a PR comment "ours": it opens the comment and
 * carries what apply needs to check the review, as JSON:
 * `<!-- sentry-roster:plan {"v":1,"org":"acme","digest":"…","ids":["c1f0a2b3d4e5f607"],"sha":"…"} -->`.
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
    ...(marker.ids ? { ids: marker.ids } : {}),
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
  const ids = record["ids"];
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

/** One link of a `Link` header, as Sentry sends it (docs/sentry-behaviour.md S2). */
export interface LinkTarget {
  readonly url: string;
  /** The `cursor` attribute: what we send back, to our own base URL. */
  readonly cursor: string | undefined;
  /** The `results` attribute: whether rows exist there; undefined when absent. */
  readonly results: boolean | undefined;
}

/** The links Sentry's offset pagination uses. */
export interface PageLinks {
  readonly previous?: LinkTarget;
  readonly next?: LinkTarget;
}

// Sentry sends two links; anything past this is noise and is not read.
const MAX_LINKS = 16;
// Attribute values longer than this are not cursors: the link is dropped.
const MAX_VALUE_CHARS = 2_048;

/**
 * Parses a `Link` header in one left-to-right pass (no regular expressions,
 * so a huge or hostile header costs linear time). Malformed parts are skipped.
 */
export function parseLinkHeader(header: string | null | undefined): PageLinks {
  const links: { previous?: LinkTarget; next?: LinkTarget } = {};
  if (!header) return links;
  let i = 0;
  let seen = 0;
  const n = header.length;
  while (i < n && seen < MAX_LINKS) {
    const open = header.indexOf("<", i);
    if (open < 0) break;
    const close = header.indexOf(">", open + 1);
    if (close < 0) break;
    const url = header.slice(open + 1, close);
    i = close + 1;
    seen += 1;
    const read = readAttributes(header, i);
    i = read.end;
    const attributes = read.attributes;
    const valid = url.length <= MAX_VALUE_CHARS && read.valid;
    const rel = attributes.get("rel");
    if (!valid || (rel !== "next" && rel !== "previous") || links[rel]) continue;
    const results = attributes.get("results");
    links[rel] = {
      url,
      cursor: attributes.get("cursor"),
      results: results === "true" ? true : results === "false" ? false : undefined,
    };
  }
  return links;
}

/**
 * The attributes after one link's `<url>`, from `start`: `; name="value"` or
 * `; name=value`, until the next top-level comma (where `end` points after it).
 * `valid` is false after an unclosed quote or an over-long value.
 */
function readAttributes(header: string, start: number): { attributes: Map<string, string>; end: number; valid: boolean } {
  const attributes = new Map<string, string>();
  const n = header.length;
  let i = start;
  let valid = true;
  while (i < n) {
    while (i < n && (header[i] === " " || header[i] === "\t")) i += 1;
    if (header[i] === ",") {
      i += 1;
      break;
    }
    if (header[i] !== ";") {
      // Garbage between links: skip to the next comma.
      const comma = header.indexOf(",", i);
      i = comma < 0 ? n : comma + 1;
      break;
    }
    i += 1;
    while (i < n && header[i] === " ") i += 1;
    const nameStart = i;
    while (i < n && header[i] !== "=" && header[i] !== ";" && header[i] !== ",") i += 1;
    const name = header.slice(nameStart, i).trim().toLowerCase();
    if (header[i] !== "=") continue;
    i += 1;
    let value: string;
    if (header[i] === '"') {
      const end = header.indexOf('"', i + 1);
      if (end < 0) return { attributes, end: n, valid: false };
      value = header.slice(i + 1, end);
      i = end + 1;
    } else {
      const valueStart = i;
      while (i < n && header[i] !== ";" && header[i] !== ",") i += 1;
      value = header.slice(valueStart, i).trim();
    }
    if (value.length > MAX_VALUE_CHARS) valid = false;
    else if (!attributes.has(name)) attributes.set(name, value);
  }
  return { attributes, end: i, valid };
}

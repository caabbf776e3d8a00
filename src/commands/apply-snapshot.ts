// The snapshot apply saves before its first write (docs/cli.md): the live org
// as read, so a bad apply can be undone by hand. It is written in pieces as it
// is serialized, never as one string: at 10,000 members the indented text is
// about 5 MB, and building it whole while the reading and the plan were alive
// was the peak of apply's memory (docs/benchmarks.md).
import type { LiveState } from "../domain/types.js";
import type { Deps } from "./deps.js";

/** The snapshot file: the live org as read before apply wrote anything. */
export interface LiveSnapshot {
  readonly formatVersion: 1;
  readonly kind: "sentry-roster-snapshot";
  readonly organization: string;
  /** ISO time of the reading. */
  readonly takenAt: string;
  readonly live: LiveState;
}

/** Levels opened one entry at a time: the snapshot, its reading, the reading's lists; each member is serialized alone. */
const STREAMED_LEVELS = 3;

/** Size of each piece handed to the file (the pieces of the serializer are one member or smaller). */
const WRITE_PIECE_CHARS = 64 * 1024;

/** Saves `live` to `path` (0600, as every file deps.writeFile writes) with the same text as JSON.stringify(snapshot, null, 2). */
export async function saveSnapshot(path: string, live: LiveState, deps: Deps): Promise<void> {
  const snapshot: LiveSnapshot = {
    formatVersion: 1,
    kind: "sentry-roster-snapshot",
    organization: live.organization,
    takenAt: new Date(deps.now()).toISOString(),
    live,
  };
  await deps.writeFile(path, joinedInPieces(indentedJson(snapshot, STREAMED_LEVELS), WRITE_PIECE_CHARS));
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

/**
 * The text of JSON.stringify(value, null, 2) followed by a newline, in
 * pieces: objects and arrays down to `levels` deep are opened one entry at a
 * time, deeper values are stringified whole and indented to their place.
 * Plain JSON data only (no toJSON below `levels`, as LiveState has none).
 */
export function* indentedJson(value: unknown, levels: number): Generator<string> {
  yield* indentedValue(value, levels, "");
  yield "\n";
}

function* indentedValue(value: unknown, levels: number, indent: string): Generator<string> {
  if (levels === 0 || value === null || typeof value !== "object" || "toJSON" in value) {
    // JSON text has no raw line breaks inside strings, so every "\n" starts a line to indent.
    yield (JSON.stringify(value, null, 2) ?? "null").replaceAll("\n", `\n${indent}`);
    return;
  }
  const inner = `${indent}  `;
  const entries: [string | undefined, unknown][] = Array.isArray(value)
    ? Array.from(value as unknown[], (element) => [undefined, isOmitted(element) ? null : element])
    : Object.entries(value).filter(([, entry]) => !isOmitted(entry));
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) {
    yield `${open}${close}`;
    return;
  }
  yield open;
  for (const [index, [key, entry]] of entries.entries()) {
    yield `${index === 0 ? "" : ","}\n${inner}${key === undefined ? "" : `${JSON.stringify(key)}: `}`;
    yield* indentedValue(entry, levels - 1, inner);
  }
  yield `\n${indent}${close}`;
}

/** The pieces joined into strings of at least `size` characters (the last may be shorter), so the file gets few large writes. */
export function* joinedInPieces(pieces: Iterable<string>, size: number): Generator<string> {
  let pending: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    pending.push(piece);
    length += piece.length;
    if (length >= size) {
      yield pending.join("");
      pending = [];
      length = 0;
    }
  }
  if (length > 0) yield pending.join("");
}

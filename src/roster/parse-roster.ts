import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { Document } from "yaml";
import type { RosterIssue } from "../domain/roster-issue.js";
import type { SourcePosition } from "../domain/types.js";
import { readPlainRoster } from "./plain-roster-reader.js";
import { parseIssue, structureIssues, syntaxIssues } from "./refused-yaml.js";
import { brokenSpans } from "./yaml-recovery.js";

/** A roster is a hand-edited list of people; 1 MB holds well over 10,000 members. */
export const MAX_ROSTER_BYTES = 1_000_000;
/** Anchors and aliases are refused outright, so no alias may ever be expanded (billion-laughs guard). */
export const MAX_ALIAS_COUNT = 0;
/**
 * A roster nests four levels deep (members → item → teams → role); past this
 * the YAML parser's recursion would take seconds or exhaust the stack.
 */
export const MAX_FLOW_NESTING = 32;

/** A path into the roster value: keys and list indexes, e.g. ["members", 3, "role"]. */
export type RosterPath = readonly (string | number)[];

/**
 * A roster that parsed as one plain YAML document. Positions of members and
 * teams are kept as offsets; any other position comes from the YAML library's
 * document, parsed only when a message needs it (docs/benchmarks.md).
 */
export interface ParsedRoster {
  /** Path as the user gave it, e.g. "roster.yaml". */
  readonly file: string;
  /** The document as plain data (maps → objects, sequences → arrays). */
  readonly value: unknown;
  /** Offset of each `members` item (undefined where it has none). */
  readonly memberOffsets: readonly (number | undefined)[];
  /** Offset of each key of the top-level `teams` map. */
  readonly teamKeyOffsets: ReadonlyMap<string, number>;
  /** 1-based line and column of an offset into the text. */
  readonly at: (offset: number) => SourcePosition;
  /** The YAML library's document of the same text (parsed on first use). */
  readonly document: () => Document.Parsed;
}

/** A roster whose YAML problems did not stop the library: its value can still be checked outside the broken parts. */
export interface RecoveredRoster {
  readonly roster: ParsedRoster;
  /** Whether a position lies in a part that a syntax error broke (its checks would only echo the error). */
  readonly isBroken: (position: SourcePosition) => boolean;
}

/** Either a parsed roster, or the problems found while parsing (syntax, anchors, duplicate keys, …). */
export type ParseRosterResult =
  | { readonly ok: true; readonly roster: ParsedRoster }
  | { readonly ok: false; readonly issues: readonly RosterIssue[]; readonly recovered?: RecoveredRoster };

/**
 * Parses roster text into one YAML document, refusing what a roster has no
 * use for and what hides mistakes: several documents, anchors, aliases, merge
 * keys, duplicate keys and tab indentation. Every problem comes back at once.
 * The plain subset most rosters use is read without the YAML library's nodes
 * (plain-roster-reader.ts); anything else goes through the library.
 */
export function parseRoster(file: string, text: string): ParseRosterResult {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const refused = sizeOrNestingIssue(file, text, source);
  if (refused) return { ok: false, issues: [refused] };
  const plain = readPlainRoster(source);
  if (plain) {
    let document: Document.Parsed | undefined;
    return {
      ok: true,
      roster: {
        file,
        ...plain,
        at: lineIndex(source),
        document: () => (document ??= parseYaml(source).document),
      },
    };
  }
  return parseWithLibrary(file, source);
}

/**
 * Refusals before parsing: a file over MAX_ROSTER_BYTES, or brackets nested
 * past MAX_FLOW_NESTING (the parser would recurse for seconds).
 */
function sizeOrNestingIssue(file: string, text: string, source: string): RosterIssue | undefined {
  const size = byteLength(text);
  if (size > MAX_ROSTER_BYTES) {
    return parseIssue(
      file,
      { line: 1, col: 1 },
      `${file} is ${formatMegabytes(size)}; the limit is ${formatMegabytes(MAX_ROSTER_BYTES)}`,
      "a roster lists people; split out generated data or check that this is the right file",
    );
  }
  const tooDeep = flowNestingOffset(source);
  if (tooDeep === undefined) return undefined;
  return parseIssue(
    file,
    lineIndex(source)(tooDeep),
    `brackets are nested more than ${MAX_FLOW_NESTING} levels deep here`,
    "a roster needs at most four levels: check for unclosed [ or {",
  );
}

function parseYaml(source: string): { document: Document.Parsed; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: false, // duplicates are reported by structureIssues, naming both lines
    merge: false,
    strict: true,
  });
  return { document, lineCounter };
}

/**
 * The YAML library's path: syntax errors (each once), refused constructs and
 * duplicate keys. Where the library recovers, the roster is handed back too,
 * so the rest of it is still checked.
 */
function parseWithLibrary(file: string, source: string): ParseRosterResult {
  const { document, lineCounter } = parseYaml(source);
  const at = (offset: number): SourcePosition => lineCounter.linePos(offset);
  const spans = brokenSpans(document, source);
  const isBroken = (position: SourcePosition): boolean => {
    const offset = (lineCounter.lineStarts[position.line - 1] ?? 0) + position.col - 1;
    return spans.some(([from, to]) => offset >= from && offset < to);
  };
  const structure = structureIssues(file, document, at, source);
  const issues = [
    ...syntaxIssues(file, document.errors, spans, at, source),
    ...structure.issues.filter((issue) => !isBroken(issue)),
  ];
  if (issues.length === 0 && document.contents === null) {
    issues.push(
      parseIssue(
        file,
        { line: 1, col: 1 },
        `${file} is empty`,
        'start with "version: 1" and a "members:" list (see roster.example.yaml)',
      ),
    );
  }
  if (!structure.readable || document.contents === null) return { ok: false, issues };
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (issues.length === 0) throw error;
    return { ok: false, issues }; // what the library recovered cannot be read as data: the syntax errors say why
  }
  const roster: ParsedRoster = {
    file,
    value,
    ...nodeOffsets(document),
    at,
    document: () => document,
  };
  return issues.length === 0 ? { ok: true, roster } : { ok: false, issues, recovered: { roster, isBroken } };
}

/** Offsets of the members and of the team keys, from the library's nodes. */
function nodeOffsets(document: Document.Parsed): Pick<ParsedRoster, "memberOffsets" | "teamKeyOffsets"> {
  const root = document.contents;
  const membersNode: unknown = isMap(root) ? root.get("members", true) : undefined;
  const memberOffsets = isSeq(membersNode)
    ? membersNode.items.map((item) => (item as { range?: readonly number[] } | null)?.range?.[0])
    : [];
  const teamsNode = isMap(root) ? root.get("teams", true) : undefined;
  const teamKeyOffsets = new Map<string, number>();
  if (isMap(teamsNode)) {
    for (const pair of teamsNode.items) {
      if (isScalar(pair.key) && pair.key.range) teamKeyOffsets.set(String(pair.key.value), pair.key.range[0]);
    }
  }
  return { memberOffsets, teamKeyOffsets };
}

/**
 * Where `path` stands in the roster: the value's node, or with `key: true`
 * the key naming it (for unknown keys). Falls back to the deepest node that
 * exists, so every issue gets a position.
 */
export function positionOf(roster: ParsedRoster, path: RosterPath, options: { key?: boolean } = {}): SourcePosition {
  let node: unknown = roster.document().contents;
  let keyNode: unknown;
  let found: unknown = node;
  for (const segment of path) {
    keyNode = undefined;
    if (isMap(node)) {
      const pair = node.items.findLast((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      keyNode = pair.key;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof segment === "number") {
      node = node.items[segment];
      if (node === undefined) break;
    } else {
      break;
    }
    found = options.key && keyNode ? keyNode : node;
  }
  const start = (found as { range?: readonly number[] } | null | undefined)?.range?.[0];
  return start === undefined ? { line: 1, col: 1 } : roster.at(start);
}

/** Line and column of an offset, as the YAML library counts them (1-based). */
function lineIndex(source: string): (offset: number) => SourcePosition {
  const starts = [0];
  for (let at = source.indexOf("\n"); at >= 0; at = source.indexOf("\n", at + 1)) starts.push(at + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    if (starts[low] === offset) return { line: low + 1, col: 1 };
    return { line: low, col: offset - starts[low - 1]! + 1 };
  };
}

/**
 * The offset of the first bracket that opens more than MAX_FLOW_NESTING
 * levels of flow collections, or undefined. A linear scan that skips
 * comments and quoted text, run before the (recursive) parser.
 */
export function flowNestingOffset(source: string): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  let comment = false;
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i]!;
    if (char === "\n") {
      comment = false;
      continue;
    }
    if (comment) continue;
    if (quote) {
      if (quote === '"' && char === "\\") i += 1;
      else if (char === quote) quote = undefined;
      continue;
    }
    const before = i === 0 ? "\n" : source[i - 1]!;
    if (char === "#" && /\s/.test(before)) comment = true;
    else if ((char === '"' || char === "'") && /[\s:[{,]/.test(before)) quote = char;
    else if (char === "[" || char === "{") {
      depth += 1;
      if (depth > MAX_FLOW_NESTING) return i;
    } else if ((char === "]" || char === "}") && depth > 0) depth -= 1;
  }
  return undefined;
}

function byteLength(text: string): number {
  // UTF-8 is at most 3 bytes per UTF-16 unit: skip the count when it cannot matter.
  return text.length * 3 <= MAX_ROSTER_BYTES ? text.length : new TextEncoder().encode(text).length;
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1).replace(/\.0$/, "")} MB`;
}

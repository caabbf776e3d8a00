import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { Document } from "yaml";
import type { RosterIssue } from "../domain/roster-issue.js";
import { issue, structureIssues, syntaxIssue } from "./refused-yaml.js";
import type { SourcePosition } from "../domain/types.js";

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

/** A roster that parsed as one plain YAML document, with what is needed to point at its lines. */
export interface ParsedRoster {
  /** Path as the user gave it, e.g. "roster.yaml". */
  readonly file: string;
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
  /** The document as plain data (maps → objects, sequences → arrays). */
  readonly value: unknown;
}

/** Either a parsed roster, or the problems that stopped parsing (syntax, anchors, duplicate keys, …). */
export type ParseRosterResult =
  | { readonly ok: true; readonly roster: ParsedRoster }
  | { readonly ok: false; readonly issues: readonly RosterIssue[] };

/**
 * Parses roster text into one YAML document, refusing what a roster has no
 * use for and what hides mistakes: several documents, anchors, aliases, merge
 * keys, duplicate keys and tab indentation. Every problem comes back at once.
 */
export function parseRoster(file: string, text: string): ParseRosterResult {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const refused = sizeOrNestingIssue(file, text, source);
  if (refused) return { ok: false, issues: [refused] };
  const lineCounter = new LineCounter();
  const document = parseDocument(source, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: false, // duplicates are reported below, naming both lines
    merge: false,
    strict: true,
  });
  const at = (offset: number): SourcePosition => toPosition(lineCounter, offset);
  // The first syntax error only: the parser's later ones are mostly echoes of it.
  const issues = document.errors.slice(0, 1).map((error) => syntaxIssue(file, error, at, source));
  if (issues.length === 0) issues.push(...structureIssues(file, document, at, source));
  if (issues.length === 0 && document.contents === null) {
    issues.push(
      issue(
        file,
        { line: 1, col: 1 },
        `${file} is empty`,
        'start with "version: 1" and a "members:" list (see roster.example.yaml)',
      ),
    );
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    roster: { file, document, lineCounter, value: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) },
  };
}

/**
 * Refusals before parsing: a file over MAX_ROSTER_BYTES, or brackets nested
 * past MAX_FLOW_NESTING (the parser would recurse for seconds).
 */
function sizeOrNestingIssue(file: string, text: string, source: string): RosterIssue | undefined {
  const size = byteLength(text);
  if (size > MAX_ROSTER_BYTES) {
    return issue(
      file,
      { line: 1, col: 1 },
      `${file} is ${formatMegabytes(size)}; the limit is ${formatMegabytes(MAX_ROSTER_BYTES)}`,
      "a roster lists people; split out generated data or check that this is the right file",
    );
  }
  const tooDeep = flowNestingOffset(source);
  if (tooDeep === undefined) return undefined;
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let at = source.indexOf("\n"); at >= 0 && at < tooDeep; at = source.indexOf("\n", at + 1)) lines.addNewLine(at + 1);
  return issue(
    file,
    lines.linePos(tooDeep),
    `brackets are nested more than ${MAX_FLOW_NESTING} levels deep here`,
    "a roster needs at most four levels: check for unclosed [ or {",
  );
}

/**
 * Where `path` stands in the roster: the value's node, or with `key: true`
 * the key naming it (for unknown keys). Falls back to the deepest node that
 * exists, so every issue gets a position.
 */
export function positionOf(roster: ParsedRoster, path: RosterPath, options: { key?: boolean } = {}): SourcePosition {
  let node: unknown = roster.document.contents;
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
  return nodePosition(roster, found);
}

/** The start of a YAML node (1-based line and column); 1:1 when it has no range. */
export function nodePosition(roster: ParsedRoster, node: unknown): SourcePosition {
  const range = (node as { range?: readonly number[] } | null | undefined)?.range;
  return range?.[0] === undefined ? { line: 1, col: 1 } : toPosition(roster.lineCounter, range[0]);
}

function toPosition(lineCounter: LineCounter, offset: number): SourcePosition {
  return lineCounter.linePos(offset);
}

/**
 * The offset of the first bracket that opens more than MAX_FLOW_NESTING
 * levels of flow collections, or undefined. A linear scan that skips
 * comments and quoted text, run before the (recursive) parser.
 */
function flowNestingOffset(source: string): number | undefined {
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

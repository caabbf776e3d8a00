import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from "yaml";
import type { Document, Node as YamlNode, YAMLError } from "yaml";
import { ISSUE_SEVERITY, type RosterIssue } from "../domain/roster-issue.js";
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
  const size = byteLength(text);
  if (size > MAX_ROSTER_BYTES) {
    return {
      ok: false,
      issues: [
        issue(
          file,
          { line: 1, col: 1 },
          `${file} is ${formatMegabytes(size)}; the limit is ${formatMegabytes(MAX_ROSTER_BYTES)}`,
          "a roster lists people; split out generated data or check that this is the right file",
        ),
      ],
    };
  }
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const tooDeep = flowNestingOffset(source);
  if (tooDeep !== undefined) {
    const lines = new LineCounter();
    lines.addNewLine(0);
    for (let at = source.indexOf("\n"); at >= 0 && at < tooDeep; at = source.indexOf("\n", at + 1))
      lines.addNewLine(at + 1);
    return {
      ok: false,
      issues: [
        issue(
          file,
          toPosition(lines, tooDeep),
          `brackets are nested more than ${MAX_FLOW_NESTING} levels deep here`,
          "a roster needs at most four levels: check for unclosed [ or {",
        ),
      ],
    };
  }
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

function structureIssues(
  file: string,
  document: Document.Parsed,
  at: (offset: number) => SourcePosition,
  source: string,
): RosterIssue[] {
  const issues: RosterIssue[] = [];
  const start = (node: { range?: readonly number[] | null } | null | undefined) => at(node?.range?.[0] ?? 0);
  visit(document, {
    Alias(_, node) {
      issues.push(
        issue(
          file,
          start(node),
          `aliases are not allowed in a roster ("*${node.source}")`,
          "write the value out in full: each entry should read on its own",
        ),
      );
    },
    Node(_, node) {
      if (isAlias(node)) return;
      if (node.tag) {
        // Explicit tags (!!binary, !!set, !custom) turn values into buffers, sets or strings the schema never sees.
        let tagAt = source.lastIndexOf("!", node.range?.[0] ?? 0);
        while (tagAt > 0 && source[tagAt - 1] === "!") tagAt -= 1;
        issues.push(
          issue(
            file,
            tagAt >= 0 ? at(tagAt) : start(node),
            `YAML tags are not allowed in a roster ("${shortTag(node.tag)}")`,
            "remove the tag and write the plain value",
          ),
        );
      }
      if (node.anchor) {
        // The node's range starts after its anchor: point at the "&" the user wrote.
        const anchorAt = source.lastIndexOf(`&${node.anchor}`, node.range?.[0] ?? 0);
        issues.push(
          issue(
            file,
            anchorAt >= 0 ? at(anchorAt) : start(node),
            `anchors are not allowed in a roster ("&${node.anchor}")`,
            "remove the anchor and write repeated values out in full",
          ),
        );
      }
      if (!isMap(node)) return;
      const map = node;
      const seen = new Map<string, YamlNode>();
      for (const pair of map.items) {
        if (isPair(pair) && pair.key !== null && !isScalar(pair.key) && !isAlias(pair.key)) {
          // A list or map used as a key ("? [a, b]: x"): toJS would stringify it with a process warning.
          issues.push(issue(file, start(pair.key as { range?: readonly number[] | null }), "a key must be a plain name, not a list or a map", 'remove the "?" or the brackets around the key'));
          continue;
        }
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (key === "<<") {
          issues.push(
            issue(
              file,
              start(pair.key),
              "merge keys (<<) are not allowed in a roster",
              "write the merged keys out in full",
            ),
          );
          continue;
        }
        const first = seen.get(key);
        if (first) {
          issues.push(
            issue(
              file,
              start(pair.key),
              `duplicate key "${key}" (first on line ${start(first).line})`,
              "keep one of them: YAML silently uses the last",
            ),
          );
        } else {
          seen.set(key, pair.key);
        }
      }
    },
  });
  return issues;
}

function syntaxIssue(
  file: string,
  error: YAMLError,
  at: (offset: number) => SourcePosition,
  source: string,
): RosterIssue {
  const detail = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
  // An unclosed quote is found at the end of the file; point at the quote that opened it.
  const quote = /missing closing (["'])quote/i.exec(detail)?.[1];
  const opening = quote ? source.lastIndexOf(quote, error.pos[0] - 1) : -1;
  const position = at(opening >= 0 ? opening : error.pos[0]);
  if (quote && opening >= 0) {
    return issue(
      file,
      position,
      "YAML syntax error: the quote opened here is never closed",
      `add the closing ${quote} at the end of the value`,
    );
  }
  switch (error.code) {
    case "TAB_AS_INDENT":
      return issue(
        file,
        position,
        "a tab is used for indentation; YAML indents with spaces only",
        "replace the tab with spaces",
      );
    case "MULTIPLE_DOCS":
      return issue(
        file,
        position,
        "a roster is one YAML document, but this file has another one here",
        'remove the second "---" and merge the two parts',
      );
    case "RESOURCE_EXHAUSTION":
      return issue(
        file,
        position,
        "the roster is nested too deeply to read",
        "a roster needs at most four levels: check for unclosed [ or {",
      );
    case "BAD_ALIAS":
    case "ALIAS_PROPS":
      return issue(
        file,
        position,
        `aliases are not allowed in a roster (${lowerFirst(detail)})`,
        "write the value out in full",
      );
    default:
      return issue(file, position, `YAML syntax error: ${lowerFirst(detail)}`, syntaxHint(error.code, detail));
  }
}

function syntaxHint(code: YAMLError["code"], detail: string): string | undefined {
  if (/quote|[\]}]/.test(detail)) return "a quote or bracket is not closed";
  switch (code) {
    case "BAD_INDENT":
    case "MULTILINE_IMPLICIT_KEY":
      return "check the indentation of this line against the lines above it";
    case "BLOCK_AS_IMPLICIT_KEY":
    case "UNEXPECTED_TOKEN":
      return 'check for a missing ":" or space, or quote values that contain ": " or start with a special character';
    case "MISSING_CHAR":
      return 'check the indentation and the "- " of each list item';
    default:
      return undefined;
  }
}

function issue(file: string, position: SourcePosition, message: string, hint?: string): RosterIssue {
  return {
    severity: ISSUE_SEVERITY.Error,
    file,
    line: position.line,
    col: position.col,
    message,
    ...(hint ? { hint } : {}),
  };
}

function toPosition(lineCounter: LineCounter, offset: number): SourcePosition {
  return lineCounter.linePos(offset);
}

/** The tag as written: "!!binary" for YAML's own, else the tag itself. */
function shortTag(tag: string): string {
  const text = tag.replace(/^tag:yaml\.org,2002:/, "!!");
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
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

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function byteLength(text: string): number {
  // UTF-8 is at most 3 bytes per UTF-16 unit: skip the count when it cannot matter.
  return text.length * 3 <= MAX_ROSTER_BYTES ? text.length : new TextEncoder().encode(text).length;
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1).replace(/\.0$/, "")} MB`;
}

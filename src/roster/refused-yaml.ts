/**
 * What the YAML library's document of a roster says is wrong with it: syntax
 * errors, and what a roster refuses although YAML allows it (aliases,
 * anchors, tags, merge keys, duplicate keys, keys that are lists or maps).
 * Only rosters outside the plain subset (plain-roster-reader.ts) get here.
 */
import { isAlias, isMap, isPair, isScalar, visit } from "yaml";
import type { Document, Node as YamlNode, YAMLError } from "yaml";
import { ISSUE_SEVERITY, type RosterIssue } from "../domain/roster-issue.js";
import type { SourcePosition } from "../domain/types.js";

type Locate = (offset: number) => SourcePosition;

/**
 * The YAML library's syntax errors as issues. `spans` are the parts each
 * error broke (brokenSpans): a later error inside an earlier one's part, or on
 * a line already reported, is the parser's echo of it and is dropped.
 */
export function syntaxIssues(
  file: string,
  errors: readonly YAMLError[],
  spans: readonly (readonly [number, number])[],
  at: Locate,
  source: string,
): RosterIssue[] {
  const issues: RosterIssue[] = [];
  const reportedLines = new Set<number>();
  errors.forEach((error, index) => {
    const made = syntaxIssue(file, error, at, source);
    const offset = blameOffset(error, source);
    const echo =
      reportedLines.has(made.line) || spans.slice(0, index).some(([from, to]) => offset >= from && offset < to);
    reportedLines.add(made.line);
    if (!echo) issues.push(made);
  });
  return issues;
}

/**
 * Aliases, anchors, tags, merge keys, keys that are collections, and duplicate
 * keys (naming the first occurrence's line). Every one is reported.
 * `readable` is false when the document's plain value would be wrong or
 * unsafe to check (anything but duplicate keys, where YAML keeps the last).
 */
export function structureIssues(
  file: string,
  document: Document.Parsed,
  at: Locate,
  source: string,
): { issues: RosterIssue[]; readable: boolean } {
  const issues: RosterIssue[] = [];
  let readable = true;
  const start = (node: { range?: readonly number[] | null } | null | undefined) => at(node?.range?.[0] ?? 0);
  visit(document, {
    Alias(_, node) {
      readable = false;
      issues.push(
        parseIssue(
          file,
          start(node),
          `aliases are not allowed in a roster ("*${node.source}")`,
          "write the value out in full: each entry should read on its own",
        ),
      );
    },
    Node(_, node) {
      if (isAlias(node)) return;
      const properties = nodePropertyIssues(file, node, at, source);
      const keys = isMap(node) ? keyIssues(file, node.items, start) : { issues: [], readable: true };
      if (properties.length > 0 || !keys.readable) readable = false;
      issues.push(...properties, ...keys.issues);
    },
  });
  return { issues, readable };
}

function nodePropertyIssues(file: string, node: YamlNode, at: Locate, source: string): RosterIssue[] {
  const issues: RosterIssue[] = [];
  const nodeStart = node.range?.[0] ?? 0;
  if (node.tag) {
    // Explicit tags (!!binary, !!set, !custom) turn values into buffers, sets or strings the schema never sees.
    let tagAt = source.lastIndexOf("!", nodeStart);
    while (tagAt > 0 && source[tagAt - 1] === "!") tagAt -= 1;
    issues.push(
      parseIssue(
        file,
        at(tagAt >= 0 ? tagAt : nodeStart),
        `YAML tags are not allowed in a roster ("${shortTag(node.tag)}")`,
        "remove the tag and write the plain value",
      ),
    );
  }
  if (node.anchor) {
    // The node's range starts after its anchor: point at the "&" the user wrote.
    const anchorAt = source.lastIndexOf(`&${node.anchor}`, nodeStart);
    issues.push(
      parseIssue(
        file,
        at(anchorAt >= 0 ? anchorAt : nodeStart),
        `anchors are not allowed in a roster ("&${node.anchor}")`,
        "remove the anchor and write repeated values out in full",
      ),
    );
  }
  return issues;
}

function keyIssues(
  file: string,
  pairs: readonly unknown[],
  start: (node: { range?: readonly number[] | null } | null | undefined) => SourcePosition,
): { issues: RosterIssue[]; readable: boolean } {
  const issues: RosterIssue[] = [];
  let readable = true;
  const seen = new Map<string, YamlNode>();
  for (const pair of pairs) {
    if (isPair(pair) && pair.key !== null && !isScalar(pair.key) && !isAlias(pair.key)) {
      // A list or map used as a key ("? [a, b]: x"): toJS would stringify it with a process warning.
      readable = false;
      issues.push(
        parseIssue(
          file,
          start(pair.key as { range?: readonly number[] | null }),
          "a key must be a plain name, not a list or a map",
          'remove the "?" or the brackets around the key',
        ),
      );
      continue;
    }
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (key === "<<") {
      readable = false;
      issues.push(
        parseIssue(
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
        parseIssue(
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
  return { issues, readable };
}

/**
 * An unclosed quote is found at the end of the file, an unclosed bracket where
 * the next entry starts: what the error names, to point at its opening instead.
 */
function unclosed(error: YAMLError): { quote?: string; bracket?: string } {
  const detail = error.message.split("\n")[0]!;
  const quote = /missing closing (["'])quote/i.exec(detail)?.[1];
  if (quote) return { quote };
  const closing = /must be sufficiently indented and end with an? ([\]}])/.exec(detail)?.[1];
  return closing ? { bracket: closing === "]" ? "[" : "{" } : {};
}

/** Where the mistake behind an error is: the opening quote or bracket it names, else where the parser noticed. */
export function blameOffset(error: YAMLError, source: string): number {
  const { quote, bracket } = unclosed(error);
  const opener = quote ?? bracket;
  const opening = opener ? source.lastIndexOf(opener, error.pos[0] - 1) : -1;
  return opening >= 0 ? opening : error.pos[0];
}

function syntaxIssue(file: string, error: YAMLError, at: Locate, source: string): RosterIssue {
  const detail = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
  const { quote, bracket } = unclosed(error);
  const opening = quote || bracket ? blameOffset(error, source) : -1;
  // An indentation error is found at the start of the line: point at the text that is misplaced.
  let offset = error.pos[0];
  if (error.code !== "TAB_AS_INDENT") while (source[offset] === " ") offset += 1;
  const position = at(opening >= 0 ? opening : offset);
  if (bracket && opening >= 0) {
    return parseIssue(
      file,
      position,
      `YAML syntax error: the ${bracket} opened here is never closed`,
      `add the closing ${bracket === "[" ? "]" : "}"} on the same line`,
    );
  }
  if (quote && opening >= 0) {
    return parseIssue(
      file,
      position,
      "YAML syntax error: the quote opened here is never closed",
      `add the closing ${quote} at the end of the value`,
    );
  }
  switch (error.code) {
    case "TAB_AS_INDENT":
      return parseIssue(
        file,
        position,
        "a tab is used for indentation; YAML indents with spaces only",
        "replace the tab with spaces",
      );
    case "MULTIPLE_DOCS":
      return parseIssue(
        file,
        position,
        "a roster is one YAML document, but this file has another one here",
        'remove the second "---" and merge the two parts',
      );
    case "RESOURCE_EXHAUSTION":
      return parseIssue(
        file,
        position,
        "the roster is nested too deeply to read",
        "a roster needs at most four levels: check for unclosed [ or {",
      );
    case "BAD_ALIAS":
    case "ALIAS_PROPS":
      return parseIssue(
        file,
        position,
        `aliases are not allowed in a roster (${lowerFirst(detail)})`,
        "write the value out in full",
      );
    default:
      return parseIssue(file, position, `YAML syntax error: ${lowerFirst(detail)}`, syntaxHint(error.code, detail));
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

export function parseIssue(file: string, position: SourcePosition, message: string, hint?: string): RosterIssue {
  return {
    severity: ISSUE_SEVERITY.Error,
    file,
    line: position.line,
    col: position.col,
    message,
    ...(hint ? { hint } : {}),
  };
}

/** The tag as written: "!!binary" for YAML's own, else the tag itself. */
function shortTag(tag: string): string {
  const text = tag.replace(/^tag:yaml\.org,2002:/, "!!");
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

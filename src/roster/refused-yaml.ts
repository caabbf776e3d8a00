import { isAlias, isMap, isPair, isScalar, visit } from "yaml";
import type { Document, Node as YamlNode, YAMLError } from "yaml";
import { ISSUE_SEVERITY, type RosterIssue } from "../domain/roster-issue.js";
import type { SourcePosition } from "../domain/types.js";

/**
 * The constructs a roster refuses although YAML allows them: aliases, tags,
 * anchors, merge keys, duplicate keys and non-scalar keys. They hide mistakes
 * in a file people review line by line.
 */
export function structureIssues(
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
      issues.push(...tagAndAnchorIssues(file, node, at, source));
      if (isMap(node)) issues.push(...mapKeyIssues(file, node.items, start));
    },
  });
  return issues;
}

/** An explicit tag or an anchor on a node, pointed at where the user wrote it. */
function tagAndAnchorIssues(
  file: string,
  node: { tag?: string | undefined; anchor?: string | undefined; range?: readonly number[] | null | undefined },
  at: (offset: number) => SourcePosition,
  source: string,
): RosterIssue[] {
  const issues: RosterIssue[] = [];
  const nodeStart = at(node.range?.[0] ?? 0);
  if (node.tag) {
    // Explicit tags (!!binary, !!set, !custom) turn values into buffers, sets or strings the schema never sees.
    let tagAt = source.lastIndexOf("!", node.range?.[0] ?? 0);
    while (tagAt > 0 && source[tagAt - 1] === "!") tagAt -= 1;
    issues.push(
      issue(
        file,
        tagAt >= 0 ? at(tagAt) : nodeStart,
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
        anchorAt >= 0 ? at(anchorAt) : nodeStart,
        `anchors are not allowed in a roster ("&${node.anchor}")`,
        "remove the anchor and write repeated values out in full",
      ),
    );
  }
  return issues;
}

/** Keys of one map: non-scalar keys, merge keys and duplicates (naming the first one's line). */
function mapKeyIssues(
  file: string,
  items: readonly unknown[],
  start: (node: { range?: readonly number[] | null } | null | undefined) => SourcePosition,
): RosterIssue[] {
  const issues: RosterIssue[] = [];
  const seen = new Map<string, YamlNode>();
  for (const pair of items) {
    if (isPair(pair) && pair.key !== null && !isScalar(pair.key) && !isAlias(pair.key)) {
      // A list or map used as a key ("? [a, b]: x"): toJS would stringify it with a process warning.
      issues.push(issue(file, start(pair.key as { range?: readonly number[] | null }), "a key must be a plain name, not a list or a map", 'remove the "?" or the brackets around the key'));
      continue;
    }
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (key === "<<") {
      issues.push(issue(file, start(pair.key), "merge keys (<<) are not allowed in a roster", "write the merged keys out in full"));
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
  return issues;
}

/** A YAML syntax error as one roster issue, in words a roster author can act on. */
export function syntaxIssue(
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

/** An error-level roster issue at `position`. */
export function issue(file: string, position: SourcePosition, message: string, hint?: string): RosterIssue {
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

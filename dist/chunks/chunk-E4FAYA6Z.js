import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);
import {
  ORG_ROLES,
  TEAM_ROLES,
  hasTeamAccess,
  minimumTeamRole,
  normalizeEmail,
  plural,
  printable,
  require_dist,
  toDesiredState
} from "./chunk-BAPJ6LOJ.js";
import {
  __commonJS,
  __toESM
} from "./chunk-BE7JI7H6.js";

// node_modules/ajv/dist/runtime/ucs2length.js
var require_ucs2length = __commonJS({
  "node_modules/ajv/dist/runtime/ucs2length.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    function ucs2length(str) {
      const len = str.length;
      let length = 0;
      let pos = 0;
      let value;
      while (pos < len) {
        length++;
        value = str.charCodeAt(pos++);
        if (value >= 55296 && value <= 56319 && pos < len) {
          value = str.charCodeAt(pos);
          if ((value & 64512) === 56320)
            pos++;
        }
      }
      return length;
    }
    exports.default = ucs2length;
    ucs2length.code = 'require("ajv/dist/runtime/ucs2length").default';
  }
});

// src/domain/roster-issue.ts
var ISSUE_SEVERITY = { Error: "error", Warning: "warning" };
function compareIssues(a, b) {
  return a.line - b.line || a.col - b.col || a.message.localeCompare(b.message);
}

// src/render/roster-issues.ts
function formatRosterIssues(issues) {
  return issues.map((issue) => {
    const head = `${printable(issue.file)}:${issue.line}:${issue.col}: ${issue.severity === ISSUE_SEVERITY.Warning ? "warning: " : ""}${printable(issue.message)}`;
    return issue.hint ? `${head}
  hint: ${printable(issue.hint)}
` : `${head}
`;
  }).join("");
}
function summarizeRosterIssues(file, issues) {
  const errors = issues.filter((issue) => issue.severity === ISSUE_SEVERITY.Error).length;
  const warnings = issues.length - errors;
  const parts = [errors > 0 ? plural(errors, "error") : "", warnings > 0 ? plural(warnings, "warning") : ""].filter(
    Boolean
  );
  return `${parts.join(" and ") || "no problems"} in ${printable(file)}`;
}
function rosterIssuesJson(file, issues, counts) {
  const errors = issues.filter((issue) => issue.severity === ISSUE_SEVERITY.Error).length;
  const json = {
    file,
    valid: errors === 0 && counts !== void 0,
    errors,
    warnings: issues.length - errors,
    ...counts ?? {},
    issues: issues.map(({ file: issueFile, line, col, severity, message, hint }) => ({
      file: issueFile,
      line,
      col,
      severity,
      message,
      ...hint === void 0 ? {} : { hint }
    }))
  };
  return `${JSON.stringify(json, null, 2)}
`;
}

// src/roster/errors.ts
var RosterFileError = class extends Error {
  name = "RosterFileError";
  /** The path as the user gave it. */
  file;
  constructor(file, reason, options) {
    super(`cannot read ${file}: ${reason}`, options);
    this.file = file;
  }
};

// src/roster/parse-roster.ts
var import_yaml3 = __toESM(require_dist(), 1);

// src/roster/plain-roster-reader.ts
var OutsideSubset = class extends Error {
};
var KEY = /^([A-Za-z_][A-Za-z0-9_.@+-]*):(?: +(.*))?$/;
var INTEGER = /^(?:0|[1-9][0-9]{0,14})$/;
var WORD = /^[A-Za-z_][A-Za-z0-9_.@+'()/ \u00c0-\u167f\u1681-\u1fff\u3040-\u9fff-]*$/;
var DIGIT_EMAIL = /^[0-9][A-Za-z0-9_.+-]*@[A-Za-z0-9_.@+-]*$/;
var CORE_WORDS = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;
var DOUBLE_QUOTED = /^"([^"\\#]*)"$/;
var SINGLE_QUOTED = /^'([^'#]*)'$/;
function readPlainRoster(source) {
  if (source.includes("	") || source.includes("\r")) return void 0;
  const lines = contentLines(source);
  if (lines === void 0 || lines.length === 0 || lines[0].indent !== 0) return void 0;
  const reader = new BlockReader(lines);
  try {
    const value = reader.readRoot();
    return { value, memberOffsets: reader.memberOffsets, teamKeyOffsets: reader.teamKeyOffsets };
  } catch (error) {
    if (error instanceof OutsideSubset) return void 0;
    throw error;
  }
}
function contentLines(source) {
  const lines = [];
  for (let start = 0; start < source.length; ) {
    const end = source.indexOf("\n", start);
    const stop = end < 0 ? source.length : end;
    let indent = 0;
    while (source.charCodeAt(start + indent) === 32) indent += 1;
    const text = withoutComment(source.slice(start + indent, stop)).replace(/ +$/, "");
    if (text !== "") {
      if (indent === 0 && /^(?:---|\.\.\.|%)/.test(text)) return void 0;
      lines.push({ indent, text, offset: start + indent });
    }
    start = stop + 1;
  }
  return lines;
}
function withoutComment(line) {
  let quote = "";
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quote) {
      if (char === quote) quote = "";
    } else if (char === "#" && (i === 0 || line[i - 1] === " ")) {
      return line.slice(0, i);
    } else if ((char === '"' || char === "'") && (i === 0 || /[ :[{,-]/.test(line[i - 1]))) {
      quote = char;
    }
  }
  return line;
}
var BlockReader = class {
  memberOffsets = [];
  teamKeyOffsets = /* @__PURE__ */ new Map();
  next = 0;
  recordItems;
  recordKeys;
  lines;
  constructor(lines) {
    this.lines = lines;
  }
  readRoot() {
    if (isListItem(this.lines[0].text)) throw new OutsideSubset();
    const root = this.readMap(0, true);
    if (this.next !== this.lines.length) throw new OutsideSubset();
    return root;
  }
  readBlock(indent) {
    return isListItem(this.lines[this.next].text) ? this.readList(indent) : this.readMap(indent, false);
  }
  readMap(indent, isRoot) {
    const map = {};
    const keys = this.recordKeys;
    this.recordKeys = void 0;
    this.recordItems = void 0;
    for (let line = this.lines[this.next]; line?.indent === indent && !isListItem(line.text); line = this.lines[this.next]) {
      const match = KEY.exec(line.text);
      const key = match?.[1];
      if (key === void 0 || !isPlainString(key) || key === "__proto__" || Object.hasOwn(map, key))
        throw new OutsideSubset();
      keys?.set(key, line.offset);
      this.next += 1;
      if (isRoot && key === "members") this.recordItems = this.memberOffsets;
      if (isRoot && key === "teams") this.recordKeys = this.teamKeyOffsets;
      const rest = match[2];
      map[key] = rest === void 0 || rest === "" ? this.readNested(indent) : this.readInlineValue(rest);
      this.recordItems = void 0;
      this.recordKeys = void 0;
      if (rest && this.isDeeper(indent)) throw new OutsideSubset();
    }
    if (this.isDeeper(indent)) throw new OutsideSubset();
    return map;
  }
  /** The value of "key:" with nothing after it: a deeper block, a list at the same indent, or null. */
  readNested(indent) {
    const line = this.lines[this.next];
    if (line === void 0) return null;
    if (line.indent > indent) return this.readBlock(line.indent);
    if (line.indent === indent && isListItem(line.text)) return this.readList(indent);
    return null;
  }
  readList(indent) {
    const list = [];
    const offsets = this.recordItems;
    this.recordItems = void 0;
    this.recordKeys = void 0;
    for (let line = this.lines[this.next]; line?.indent === indent && isListItem(line.text); line = this.lines[this.next]) {
      const rest = line.text.slice(1);
      const content = rest.replace(/^ +/, "");
      const spaces = rest.length - content.length;
      if (content === "" || content.startsWith("-")) throw new OutsideSubset();
      offsets?.push(line.offset + 1 + spaces);
      if (KEY.test(content)) {
        line.indent = indent + 1 + spaces;
        line.offset += 1 + spaces;
        line.text = content;
        list.push(this.readMap(line.indent, false));
      } else {
        this.next += 1;
        list.push(readInline(content));
        if (this.isDeeper(indent)) throw new OutsideSubset();
      }
    }
    return list;
  }
  /** A value on the key's line; one-line `members: [...]` or `teams: {...}` with entries would need their positions. */
  readInlineValue(text) {
    const value = readInline(text);
    const hasEntries = typeof value === "object" && value !== null && Object.keys(value).length > 0;
    if (hasEntries && (this.recordItems || this.recordKeys)) throw new OutsideSubset();
    return value;
  }
  isDeeper(indent) {
    const line = this.lines[this.next];
    return line !== void 0 && line.indent > indent;
  }
};
function isListItem(text) {
  return text === "-" || text.startsWith("- ");
}
function readInline(text) {
  if (text.startsWith("{")) {
    if (!text.endsWith("}")) throw new OutsideSubset();
    const map = {};
    for (const entry of flowEntries(text.slice(1, -1))) {
      const match = /^([^:]+): +(.+)$/.exec(entry);
      const key = match?.[1];
      if (key === void 0 || !isPlainString(key) || key === "__proto__" || Object.hasOwn(map, key))
        throw new OutsideSubset();
      map[key] = readScalar(match[2]);
    }
    return map;
  }
  if (text.startsWith("[")) {
    if (!text.endsWith("]")) throw new OutsideSubset();
    return flowEntries(text.slice(1, -1)).map(readScalar);
  }
  return readScalar(text);
}
function flowEntries(inner) {
  if (/[[\]{}]/.test(inner)) throw new OutsideSubset();
  const trim = (text) => text.replace(/^ +| +$/g, "");
  if (trim(inner) === "") return [];
  const entries = inner.split(",").map(trim);
  if (entries.some((entry) => entry === "")) throw new OutsideSubset();
  return entries;
}
function readScalar(text) {
  if (INTEGER.test(text)) return Number(text);
  const quoted = DOUBLE_QUOTED.exec(text) ?? SINGLE_QUOTED.exec(text);
  if (quoted) return quoted[1];
  if (isPlainString(text)) return text;
  throw new OutsideSubset();
}
function isPlainString(text) {
  return WORD.test(text) && !CORE_WORDS.test(text) || DIGIT_EMAIL.test(text);
}

// src/roster/refused-yaml.ts
var import_yaml = __toESM(require_dist(), 1);
function syntaxIssues(file, errors, spans, at, source) {
  const issues = [];
  const reportedLines = /* @__PURE__ */ new Set();
  errors.forEach((error, index) => {
    const made = syntaxIssue(file, error, at, source);
    const offset = blameOffset(error, source);
    const echo = reportedLines.has(made.line) || spans.slice(0, index).some(([from, to]) => offset >= from && offset < to);
    reportedLines.add(made.line);
    if (!echo) issues.push(made);
  });
  return issues;
}
function structureIssues(file, document, at, source) {
  const issues = [];
  let readable = true;
  const start = (node) => at(node?.range?.[0] ?? 0);
  (0, import_yaml.visit)(document, {
    Alias(_, node) {
      readable = false;
      issues.push(
        parseIssue(
          file,
          start(node),
          `aliases are not allowed in a roster ("*${node.source}")`,
          "write the value out in full: each entry should read on its own"
        )
      );
    },
    Node(_, node) {
      if ((0, import_yaml.isAlias)(node)) return;
      const properties = nodePropertyIssues(file, node, at, source);
      const keys = (0, import_yaml.isMap)(node) ? keyIssues(file, node.items, start) : { issues: [], readable: true };
      if (properties.length > 0 || !keys.readable) readable = false;
      issues.push(...properties, ...keys.issues);
    }
  });
  return { issues, readable };
}
function nodePropertyIssues(file, node, at, source) {
  const issues = [];
  const nodeStart = node.range?.[0] ?? 0;
  if (node.tag) {
    let tagAt = source.lastIndexOf("!", nodeStart);
    while (tagAt > 0 && source[tagAt - 1] === "!") tagAt -= 1;
    issues.push(
      parseIssue(
        file,
        at(tagAt >= 0 ? tagAt : nodeStart),
        `YAML tags are not allowed in a roster ("${shortTag(node.tag)}")`,
        "remove the tag and write the plain value"
      )
    );
  }
  if (node.anchor) {
    const anchorAt = source.lastIndexOf(`&${node.anchor}`, nodeStart);
    issues.push(
      parseIssue(
        file,
        at(anchorAt >= 0 ? anchorAt : nodeStart),
        `anchors are not allowed in a roster ("&${node.anchor}")`,
        "remove the anchor and write repeated values out in full"
      )
    );
  }
  return issues;
}
function keyIssues(file, pairs, start) {
  const issues = [];
  let readable = true;
  const seen = /* @__PURE__ */ new Map();
  for (const pair of pairs) {
    if ((0, import_yaml.isPair)(pair) && pair.key !== null && !(0, import_yaml.isScalar)(pair.key) && !(0, import_yaml.isAlias)(pair.key)) {
      readable = false;
      issues.push(
        parseIssue(
          file,
          start(pair.key),
          "a key must be a plain name, not a list or a map",
          'remove the "?" or the brackets around the key'
        )
      );
      continue;
    }
    if (!(0, import_yaml.isPair)(pair) || !(0, import_yaml.isScalar)(pair.key)) continue;
    const key = String(pair.key.value);
    if (key === "<<") {
      readable = false;
      issues.push(
        parseIssue(
          file,
          start(pair.key),
          "merge keys (<<) are not allowed in a roster",
          "write the merged keys out in full"
        )
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
          "keep one of them: YAML silently uses the last"
        )
      );
    } else {
      seen.set(key, pair.key);
    }
  }
  return { issues, readable };
}
function unclosed(error) {
  const detail = error.message.split("\n")[0];
  const quote = /missing closing (["'])quote/i.exec(detail)?.[1];
  if (quote) return { quote };
  const closing = /must be sufficiently indented and end with an? ([\]}])/.exec(detail)?.[1];
  return closing ? { bracket: closing === "]" ? "[" : "{" } : {};
}
function blameOffset(error, source) {
  const { quote, bracket } = unclosed(error);
  const opener = quote ?? bracket;
  const opening = opener ? source.lastIndexOf(opener, error.pos[0] - 1) : -1;
  return opening >= 0 ? opening : error.pos[0];
}
function syntaxIssue(file, error, at, source) {
  const detail = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  const { quote, bracket } = unclosed(error);
  const opening = quote || bracket ? blameOffset(error, source) : -1;
  let offset = error.pos[0];
  if (error.code !== "TAB_AS_INDENT") while (source[offset] === " ") offset += 1;
  const position = at(opening >= 0 ? opening : offset);
  if (bracket && opening >= 0) {
    return parseIssue(
      file,
      position,
      `YAML syntax error: the ${bracket} opened here is never closed`,
      `add the closing ${bracket === "[" ? "]" : "}"} on the same line`
    );
  }
  if (quote && opening >= 0) {
    return parseIssue(
      file,
      position,
      "YAML syntax error: the quote opened here is never closed",
      `add the closing ${quote} at the end of the value`
    );
  }
  switch (error.code) {
    case "TAB_AS_INDENT":
      return parseIssue(
        file,
        position,
        "a tab is used for indentation; YAML indents with spaces only",
        "replace the tab with spaces"
      );
    case "MULTIPLE_DOCS":
      return parseIssue(
        file,
        position,
        "a roster is one YAML document, but this file has another one here",
        'remove the second "---" and merge the two parts'
      );
    case "RESOURCE_EXHAUSTION":
      return parseIssue(
        file,
        position,
        "the roster is nested too deeply to read",
        "a roster needs at most four levels: check for unclosed [ or {"
      );
    case "BAD_ALIAS":
    case "ALIAS_PROPS":
      return parseIssue(
        file,
        position,
        `aliases are not allowed in a roster (${lowerFirst(detail)})`,
        "write the value out in full"
      );
    default:
      return parseIssue(file, position, `YAML syntax error: ${lowerFirst(detail)}`, syntaxHint(error.code, detail));
  }
}
function syntaxHint(code, detail) {
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
      return void 0;
  }
}
function parseIssue(file, position, message, hint) {
  return {
    severity: ISSUE_SEVERITY.Error,
    file,
    line: position.line,
    col: position.col,
    message,
    ...hint ? { hint } : {}
  };
}
function shortTag(tag) {
  const text = tag.replace(/^tag:yaml\.org,2002:/, "!!");
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
function lowerFirst(text) {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

// src/roster/yaml-recovery.ts
var import_yaml2 = __toESM(require_dist(), 1);
function brokenSpans(document, source) {
  const root = document.contents;
  if (!(0, import_yaml2.isMap)(root)) return document.errors.map(() => [0, Number.POSITIVE_INFINITY]);
  const entries = siblingSpans(root.items.map(pairExtent));
  if (entries[0]) entries[0].from = 0;
  const spanAt = (offset) => {
    const index = entries.findIndex(({ from, to }) => offset >= from && offset < to);
    if (index < 0) return [0, Number.POSITIVE_INFINITY];
    const entry = entries[index];
    const value = root.items[index].value;
    if (value?.flow) return [entry.from, entry.to];
    const items = (0, import_yaml2.isSeq)(value) ? siblingSpans(
      value.items.map((item2) => nodeExtent(item2)),
      entry.to
    ) : (0, import_yaml2.isMap)(value) ? siblingSpans(value.items.map(pairExtent), entry.to) : [];
    const at = items.findIndex(({ from, to }) => offset >= from && offset < to);
    if (at < 0) return [entry.from, entry.to];
    const item = items[at];
    return [item.from, offset >= item.end ? items[at + 1]?.to ?? item.to : item.to];
  };
  return document.errors.map((error) => {
    const [blameFrom, blameTo] = spanAt(blameOffset(error, source));
    const [noticedFrom, noticedTo] = spanAt(error.pos[0]);
    return [Math.min(blameFrom, noticedFrom), Math.max(blameTo, noticedTo)];
  });
}
function nodeExtent(node) {
  const range = node?.range;
  return range ? { from: range[0], end: range[2] } : void 0;
}
function pairExtent(pair) {
  const key = nodeExtent(pair.key);
  if (!key) return void 0;
  return { from: key.from, end: nodeExtent(pair.value)?.end ?? key.end };
}
function siblingSpans(extents, end = Number.POSITIVE_INFINITY) {
  const known = extents.filter((extent) => extent !== void 0);
  return known.map((extent, index) => ({ ...extent, to: known[index + 1]?.from ?? end }));
}

// src/roster/parse-roster.ts
var MAX_ROSTER_BYTES = 1e6;
var MAX_ALIAS_COUNT = 0;
var MAX_FLOW_NESTING = 32;
function parseRoster(file, text) {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const refused = sizeOrNestingIssue(file, text, source);
  if (refused) return { ok: false, issues: [refused] };
  const plain = readPlainRoster(source);
  if (plain) {
    let document;
    return {
      ok: true,
      roster: {
        file,
        ...plain,
        at: lineIndex(source),
        document: () => document ??= parseYaml(source).document
      }
    };
  }
  return parseWithLibrary(file, source);
}
function sizeOrNestingIssue(file, text, source) {
  const size = byteLength(text);
  if (size > MAX_ROSTER_BYTES) {
    return parseIssue(
      file,
      { line: 1, col: 1 },
      `${file} is ${formatMegabytes(size)}; the limit is ${formatMegabytes(MAX_ROSTER_BYTES)}`,
      "a roster lists people; split out generated data or check that this is the right file"
    );
  }
  const tooDeep = flowNestingOffset(source);
  if (tooDeep === void 0) return void 0;
  return parseIssue(
    file,
    lineIndex(source)(tooDeep),
    `brackets are nested more than ${MAX_FLOW_NESTING} levels deep here`,
    "a roster needs at most four levels: check for unclosed [ or {"
  );
}
function parseYaml(source) {
  const lineCounter = new import_yaml3.LineCounter();
  const document = (0, import_yaml3.parseDocument)(source, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: false,
    // duplicates are reported by structureIssues, naming both lines
    merge: false,
    strict: true
  });
  return { document, lineCounter };
}
function parseWithLibrary(file, source) {
  const { document, lineCounter } = parseYaml(source);
  const at = (offset) => lineCounter.linePos(offset);
  const spans = brokenSpans(document, source);
  const isBroken = (position) => {
    const offset = (lineCounter.lineStarts[position.line - 1] ?? 0) + position.col - 1;
    return spans.some(([from, to]) => offset >= from && offset < to);
  };
  const structure = structureIssues(file, document, at, source);
  const issues = [
    ...syntaxIssues(file, document.errors, spans, at, source),
    ...structure.issues.filter((issue) => !isBroken(issue))
  ];
  if (issues.length === 0 && document.contents === null) {
    issues.push(
      parseIssue(
        file,
        { line: 1, col: 1 },
        `${file} is empty`,
        'start with "version: 1" and a "members:" list (see roster.example.yaml)'
      )
    );
  }
  if (!structure.readable || document.contents === null) return { ok: false, issues };
  let value;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (issues.length === 0) throw error;
    return { ok: false, issues };
  }
  const roster = {
    file,
    value,
    ...nodeOffsets(document),
    at,
    document: () => document
  };
  return issues.length === 0 ? { ok: true, roster } : { ok: false, issues, recovered: { roster, isBroken } };
}
function nodeOffsets(document) {
  const root = document.contents;
  const membersNode = (0, import_yaml3.isMap)(root) ? root.get("members", true) : void 0;
  const memberOffsets = (0, import_yaml3.isSeq)(membersNode) ? membersNode.items.map((item) => item?.range?.[0]) : [];
  const teamsNode = (0, import_yaml3.isMap)(root) ? root.get("teams", true) : void 0;
  const teamKeyOffsets = /* @__PURE__ */ new Map();
  if ((0, import_yaml3.isMap)(teamsNode)) {
    for (const pair of teamsNode.items) {
      if ((0, import_yaml3.isScalar)(pair.key) && pair.key.range) teamKeyOffsets.set(String(pair.key.value), pair.key.range[0]);
    }
  }
  return { memberOffsets, teamKeyOffsets };
}
function positionOf(roster, path, options = {}) {
  let node = roster.document().contents;
  let keyNode;
  let found = node;
  for (const segment of path) {
    keyNode = void 0;
    if ((0, import_yaml3.isMap)(node)) {
      const pair = node.items.findLast((item) => (0, import_yaml3.isScalar)(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      keyNode = pair.key;
      node = pair.value ?? pair.key;
    } else if ((0, import_yaml3.isSeq)(node) && typeof segment === "number") {
      node = node.items[segment];
      if (node === void 0) break;
    } else {
      break;
    }
    found = options.key && keyNode ? keyNode : node;
  }
  const start = found?.range?.[0];
  return start === void 0 ? { line: 1, col: 1 } : roster.at(start);
}
function lineIndex(source) {
  const starts = [0];
  for (let at = source.indexOf("\n"); at >= 0; at = source.indexOf("\n", at + 1)) starts.push(at + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = low + high >> 1;
      if (starts[mid] < offset) low = mid + 1;
      else high = mid;
    }
    if (starts[low] === offset) return { line: low + 1, col: 1 };
    return { line: low, col: offset - starts[low - 1] + 1 };
  };
}
function flowNestingOffset(source) {
  let depth = 0;
  let quote;
  let comment = false;
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i];
    if (char === "\n") {
      comment = false;
      continue;
    }
    if (comment) continue;
    if (quote) {
      if (quote === '"' && char === "\\") i += 1;
      else if (char === quote) quote = void 0;
      continue;
    }
    const before = i === 0 ? "\n" : source[i - 1];
    if (char === "#" && /\s/.test(before)) comment = true;
    else if ((char === '"' || char === "'") && /[\s:[{,]/.test(before)) quote = char;
    else if (char === "[" || char === "{") {
      depth += 1;
      if (depth > MAX_FLOW_NESTING) return i;
    } else if ((char === "]" || char === "}") && depth > 0) depth -= 1;
  }
  return void 0;
}
function byteLength(text) {
  return text.length * 3 <= MAX_ROSTER_BYTES ? text.length : new TextEncoder().encode(text).length;
}
function formatMegabytes(bytes) {
  return `${(bytes / 1e6).toFixed(1).replace(/\.0$/, "")} MB`;
}

// src/roster/did-you-mean.ts
var CHARS_PER_ALLOWED_EDIT = 3;
function closestMatch(typed, candidates) {
  const word = typed.toLowerCase();
  const allowed = Math.max(1, Math.floor(word.length / CHARS_PER_ALLOWED_EDIT));
  let best;
  let bestDistance = allowed + 1;
  for (const candidate of candidates) {
    if (candidate === typed) continue;
    const distance = editDistance(word, candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
function didYouMean(typed, candidates) {
  const match = closestMatch(typed, candidates);
  return match === void 0 ? void 0 : `did you mean "${match}"?`;
}
function editDistance(a, b, limit) {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let before = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin >= limit) return limit;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

// src/roster/roster-schema-validator.ts
var validate = validate0;
var schema0 = { "$schema": "http://json-schema.org/draft-07/schema#", "$id": "urn:sentry-roster:roster:1", "title": "sentry-roster roster (format version 1)", "description": "The members, org roles and team memberships a Sentry organization should have. sentry-roster plans and applies the difference.", "type": "object", "additionalProperties": false, "required": ["version", "members"], "properties": { "version": { "description": "Format version of this file. This sentry-roster understands version 1.", "const": 1 }, "organization": { "description": "Slug of the Sentry organization, as in https://sentry.io/organizations/SLUG/. Optional: --org or SENTRY_ORG may give it instead.", "type": "string", "pattern": "^(?![0-9]+$)[a-z0-9_-]{1,50}$" }, "policy": { "description": "Safety rails. Every field is optional; the defaults refuse anything risky.", "type": "object", "additionalProperties": false, "properties": { "unlisted": { "description": "What to do with live members missing from the roster: report them as drift (default) or remove them.", "enum": ["report", "remove"], "default": "report" }, "maxRemovals": { "description": "A plan that removes more members than this is refused: it guards against a truncated roster. Default 5.", "type": "integer", "minimum": 0, "maximum": 1e4, "default": 5 }, "maxRoleChanges": { "description": "A plan that changes the org role of more members than this is refused: it guards against a bulk edit gone wrong. Default 10.", "type": "integer", "minimum": 0, "maximum": 1e5, "default": 10 }, "owners": { "description": "protect (default): never grant, change or remove the Owner role. manage: the roster also manages owners.", "enum": ["protect", "manage"], "default": "protect" }, "minOwners": { "description": "Active owners that must remain after the whole plan; pending invites do not count. At least 1, default 1.", "type": "integer", "minimum": 1, "maximum": 1e3, "default": 1 } } }, "teams": { "description": "The teams the roster manages, by slug. A listed team missing in Sentry is created; teams not listed are never touched.", "type": "object", "propertyNames": { "pattern": "^(?![0-9]+$)[a-z0-9_-]{1,50}$" }, "additionalProperties": { "description": "A managed team. Leave it empty ({}) or give the display name used when the team is created.", "type": ["object", "null"], "additionalProperties": false, "properties": { "name": { "description": "Display name used when sentry-roster creates the team. Defaults to the slug.", "type": "string", "minLength": 1, "maxLength": 64 } } } }, "ignore": { "description": "Emails of live members the roster never touches or reports, such as bots or break-glass accounts.", "type": "array", "items": { "description": "Email of a live member to leave alone.", "type": "string", "format": "email" } }, "members": { "description": "Everyone who should be in the organization. Matched to Sentry by email, case-insensitively.", "type": "array", "items": { "description": "One person.", "type": "object", "additionalProperties": false, "required": ["email", "role"], "properties": { "email": { "description": "The address Sentry shows for this person: their account's primary email once they accepted, the invited address before.", "type": "string", "format": "email", "maxLength": 75 }, "aliases": { "description": "Other emails of the same person. An accepted member shown under one of them matches this entry instead of getting a new invite.", "type": "array", "items": { "type": "string", "format": "email", "maxLength": 75 } }, "role": { "description": "Org role: member, admin, manager, owner or billing. billing has no team access. The role must be one the org offers.", "enum": ["member", "admin", "manager", "owner", "billing"] }, "teams": { "description": "Teams this person is on. A list of slugs (contributor in each) or a map of slug to team role (contributor or admin). Every team must be listed under the top-level teams.", "type": ["array", "object"], "items": { "description": "Slug of a team listed under the top-level teams.", "type": "string" }, "additionalProperties": { "description": "Team role: contributor (default) or admin. Owners, managers and admins are always team admins.", "enum": ["contributor", "admin"] } } } } } } };
var pattern0 = new RegExp("^(?![0-9]+$)[a-z0-9_-]{1,50}$", "u");
var func0 = require_ucs2length().default;
function validate0(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  ;
  let vErrors = null;
  let errors = 0;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.version === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "version" }, message: "must have required property 'version'", schema: schema0.required, parentSchema: schema0, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.members === void 0) {
      const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "members" }, message: "must have required property 'members'", schema: schema0.required, parentSchema: schema0, data };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "version" || key0 === "organization" || key0 === "policy" || key0 === "teams" || key0 === "ignore" || key0 === "members")) {
        const err2 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema0, data };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.version !== void 0) {
      let data0 = data.version;
      if (1 !== data0) {
        const err3 = { instancePath: instancePath + "/version", schemaPath: "#/properties/version/const", keyword: "const", params: { allowedValue: 1 }, message: "must be equal to constant", schema: 1, parentSchema: schema0.properties.version, data: data0 };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (data.organization !== void 0) {
      let data1 = data.organization;
      if (typeof data1 === "string") {
        if (!pattern0.test(data1)) {
          const err4 = { instancePath: instancePath + "/organization", schemaPath: "#/properties/organization/pattern", keyword: "pattern", params: { pattern: "^(?![0-9]+$)[a-z0-9_-]{1,50}$" }, message: 'must match pattern "^(?![0-9]+$)[a-z0-9_-]{1,50}$"', schema: "^(?![0-9]+$)[a-z0-9_-]{1,50}$", parentSchema: schema0.properties.organization, data: data1 };
          if (vErrors === null) {
            vErrors = [err4];
          } else {
            vErrors.push(err4);
          }
          errors++;
        }
      } else {
        const err5 = { instancePath: instancePath + "/organization", schemaPath: "#/properties/organization/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema0.properties.organization.type, parentSchema: schema0.properties.organization, data: data1 };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.policy !== void 0) {
      let data2 = data.policy;
      if (data2 && typeof data2 == "object" && !Array.isArray(data2)) {
        for (const key1 in data2) {
          if (!(key1 === "unlisted" || key1 === "maxRemovals" || key1 === "maxRoleChanges" || key1 === "owners" || key1 === "minOwners")) {
            const err6 = { instancePath: instancePath + "/policy", schemaPath: "#/properties/policy/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties", schema: false, parentSchema: schema0.properties.policy, data: data2 };
            if (vErrors === null) {
              vErrors = [err6];
            } else {
              vErrors.push(err6);
            }
            errors++;
          }
        }
        if (data2.unlisted !== void 0) {
          let data3 = data2.unlisted;
          if (!(data3 === "report" || data3 === "remove")) {
            const err7 = { instancePath: instancePath + "/policy/unlisted", schemaPath: "#/properties/policy/properties/unlisted/enum", keyword: "enum", params: { allowedValues: schema0.properties.policy.properties.unlisted.enum }, message: "must be equal to one of the allowed values", schema: schema0.properties.policy.properties.unlisted.enum, parentSchema: schema0.properties.policy.properties.unlisted, data: data3 };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          }
        }
        if (data2.maxRemovals !== void 0) {
          let data4 = data2.maxRemovals;
          if (!(typeof data4 == "number" && (!(data4 % 1) && !isNaN(data4)) && isFinite(data4))) {
            const err8 = { instancePath: instancePath + "/policy/maxRemovals", schemaPath: "#/properties/policy/properties/maxRemovals/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema0.properties.policy.properties.maxRemovals.type, parentSchema: schema0.properties.policy.properties.maxRemovals, data: data4 };
            if (vErrors === null) {
              vErrors = [err8];
            } else {
              vErrors.push(err8);
            }
            errors++;
          }
          if (typeof data4 == "number" && isFinite(data4)) {
            if (data4 > 1e4 || isNaN(data4)) {
              const err9 = { instancePath: instancePath + "/policy/maxRemovals", schemaPath: "#/properties/policy/properties/maxRemovals/maximum", keyword: "maximum", params: { comparison: "<=", limit: 1e4 }, message: "must be <= 10000", schema: 1e4, parentSchema: schema0.properties.policy.properties.maxRemovals, data: data4 };
              if (vErrors === null) {
                vErrors = [err9];
              } else {
                vErrors.push(err9);
              }
              errors++;
            }
            if (data4 < 0 || isNaN(data4)) {
              const err10 = { instancePath: instancePath + "/policy/maxRemovals", schemaPath: "#/properties/policy/properties/maxRemovals/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema0.properties.policy.properties.maxRemovals, data: data4 };
              if (vErrors === null) {
                vErrors = [err10];
              } else {
                vErrors.push(err10);
              }
              errors++;
            }
          }
        }
        if (data2.maxRoleChanges !== void 0) {
          let data5 = data2.maxRoleChanges;
          if (!(typeof data5 == "number" && (!(data5 % 1) && !isNaN(data5)) && isFinite(data5))) {
            const err11 = { instancePath: instancePath + "/policy/maxRoleChanges", schemaPath: "#/properties/policy/properties/maxRoleChanges/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema0.properties.policy.properties.maxRoleChanges.type, parentSchema: schema0.properties.policy.properties.maxRoleChanges, data: data5 };
            if (vErrors === null) {
              vErrors = [err11];
            } else {
              vErrors.push(err11);
            }
            errors++;
          }
          if (typeof data5 == "number" && isFinite(data5)) {
            if (data5 > 1e5 || isNaN(data5)) {
              const err12 = { instancePath: instancePath + "/policy/maxRoleChanges", schemaPath: "#/properties/policy/properties/maxRoleChanges/maximum", keyword: "maximum", params: { comparison: "<=", limit: 1e5 }, message: "must be <= 100000", schema: 1e5, parentSchema: schema0.properties.policy.properties.maxRoleChanges, data: data5 };
              if (vErrors === null) {
                vErrors = [err12];
              } else {
                vErrors.push(err12);
              }
              errors++;
            }
            if (data5 < 0 || isNaN(data5)) {
              const err13 = { instancePath: instancePath + "/policy/maxRoleChanges", schemaPath: "#/properties/policy/properties/maxRoleChanges/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema0.properties.policy.properties.maxRoleChanges, data: data5 };
              if (vErrors === null) {
                vErrors = [err13];
              } else {
                vErrors.push(err13);
              }
              errors++;
            }
          }
        }
        if (data2.owners !== void 0) {
          let data6 = data2.owners;
          if (!(data6 === "protect" || data6 === "manage")) {
            const err14 = { instancePath: instancePath + "/policy/owners", schemaPath: "#/properties/policy/properties/owners/enum", keyword: "enum", params: { allowedValues: schema0.properties.policy.properties.owners.enum }, message: "must be equal to one of the allowed values", schema: schema0.properties.policy.properties.owners.enum, parentSchema: schema0.properties.policy.properties.owners, data: data6 };
            if (vErrors === null) {
              vErrors = [err14];
            } else {
              vErrors.push(err14);
            }
            errors++;
          }
        }
        if (data2.minOwners !== void 0) {
          let data7 = data2.minOwners;
          if (!(typeof data7 == "number" && (!(data7 % 1) && !isNaN(data7)) && isFinite(data7))) {
            const err15 = { instancePath: instancePath + "/policy/minOwners", schemaPath: "#/properties/policy/properties/minOwners/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema0.properties.policy.properties.minOwners.type, parentSchema: schema0.properties.policy.properties.minOwners, data: data7 };
            if (vErrors === null) {
              vErrors = [err15];
            } else {
              vErrors.push(err15);
            }
            errors++;
          }
          if (typeof data7 == "number" && isFinite(data7)) {
            if (data7 > 1e3 || isNaN(data7)) {
              const err16 = { instancePath: instancePath + "/policy/minOwners", schemaPath: "#/properties/policy/properties/minOwners/maximum", keyword: "maximum", params: { comparison: "<=", limit: 1e3 }, message: "must be <= 1000", schema: 1e3, parentSchema: schema0.properties.policy.properties.minOwners, data: data7 };
              if (vErrors === null) {
                vErrors = [err16];
              } else {
                vErrors.push(err16);
              }
              errors++;
            }
            if (data7 < 1 || isNaN(data7)) {
              const err17 = { instancePath: instancePath + "/policy/minOwners", schemaPath: "#/properties/policy/properties/minOwners/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema0.properties.policy.properties.minOwners, data: data7 };
              if (vErrors === null) {
                vErrors = [err17];
              } else {
                vErrors.push(err17);
              }
              errors++;
            }
          }
        }
      } else {
        const err18 = { instancePath: instancePath + "/policy", schemaPath: "#/properties/policy/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema0.properties.policy.type, parentSchema: schema0.properties.policy, data: data2 };
        if (vErrors === null) {
          vErrors = [err18];
        } else {
          vErrors.push(err18);
        }
        errors++;
      }
    }
    if (data.teams !== void 0) {
      let data8 = data.teams;
      if (data8 && typeof data8 == "object" && !Array.isArray(data8)) {
        for (const key2 in data8) {
          const _errs18 = errors;
          if (typeof key2 === "string") {
            if (!pattern0.test(key2)) {
              const err19 = { instancePath: instancePath + "/teams", schemaPath: "#/properties/teams/propertyNames/pattern", keyword: "pattern", params: { pattern: "^(?![0-9]+$)[a-z0-9_-]{1,50}$" }, message: 'must match pattern "^(?![0-9]+$)[a-z0-9_-]{1,50}$"', schema: "^(?![0-9]+$)[a-z0-9_-]{1,50}$", parentSchema: schema0.properties.teams.propertyNames, data: key2, propertyName: key2 };
              if (vErrors === null) {
                vErrors = [err19];
              } else {
                vErrors.push(err19);
              }
              errors++;
            }
          }
          var valid2 = _errs18 === errors;
          if (!valid2) {
            const err20 = { instancePath: instancePath + "/teams", schemaPath: "#/properties/teams/propertyNames", keyword: "propertyNames", params: { propertyName: key2 }, message: "property name must be valid", schema: schema0.properties.teams.propertyNames, parentSchema: schema0.properties.teams, data: data8 };
            if (vErrors === null) {
              vErrors = [err20];
            } else {
              vErrors.push(err20);
            }
            errors++;
          }
        }
        for (const key3 in data8) {
          let data9 = data8[key3];
          if (!(data9 && typeof data9 == "object" && !Array.isArray(data9)) && data9 !== null) {
            const err21 = { instancePath: instancePath + "/teams/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/teams/additionalProperties/type", keyword: "type", params: { type: schema0.properties.teams.additionalProperties.type }, message: "must be object,null", schema: schema0.properties.teams.additionalProperties.type, parentSchema: schema0.properties.teams.additionalProperties, data: data9 };
            if (vErrors === null) {
              vErrors = [err21];
            } else {
              vErrors.push(err21);
            }
            errors++;
          }
          if (data9 && typeof data9 == "object" && !Array.isArray(data9)) {
            for (const key4 in data9) {
              if (!(key4 === "name")) {
                const err22 = { instancePath: instancePath + "/teams/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/teams/additionalProperties/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key4 }, message: "must NOT have additional properties", schema: false, parentSchema: schema0.properties.teams.additionalProperties, data: data9 };
                if (vErrors === null) {
                  vErrors = [err22];
                } else {
                  vErrors.push(err22);
                }
                errors++;
              }
            }
            if (data9.name !== void 0) {
              let data10 = data9.name;
              if (typeof data10 === "string") {
                if (func0(data10) > 64) {
                  const err23 = { instancePath: instancePath + "/teams/" + key3.replace(/~/g, "~0").replace(/\//g, "~1") + "/name", schemaPath: "#/properties/teams/additionalProperties/properties/name/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters", schema: 64, parentSchema: schema0.properties.teams.additionalProperties.properties.name, data: data10 };
                  if (vErrors === null) {
                    vErrors = [err23];
                  } else {
                    vErrors.push(err23);
                  }
                  errors++;
                }
                if (func0(data10) < 1) {
                  const err24 = { instancePath: instancePath + "/teams/" + key3.replace(/~/g, "~0").replace(/\//g, "~1") + "/name", schemaPath: "#/properties/teams/additionalProperties/properties/name/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema0.properties.teams.additionalProperties.properties.name, data: data10 };
                  if (vErrors === null) {
                    vErrors = [err24];
                  } else {
                    vErrors.push(err24);
                  }
                  errors++;
                }
              } else {
                const err25 = { instancePath: instancePath + "/teams/" + key3.replace(/~/g, "~0").replace(/\//g, "~1") + "/name", schemaPath: "#/properties/teams/additionalProperties/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema0.properties.teams.additionalProperties.properties.name.type, parentSchema: schema0.properties.teams.additionalProperties.properties.name, data: data10 };
                if (vErrors === null) {
                  vErrors = [err25];
                } else {
                  vErrors.push(err25);
                }
                errors++;
              }
            }
          }
        }
      } else {
        const err26 = { instancePath: instancePath + "/teams", schemaPath: "#/properties/teams/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema0.properties.teams.type, parentSchema: schema0.properties.teams, data: data8 };
        if (vErrors === null) {
          vErrors = [err26];
        } else {
          vErrors.push(err26);
        }
        errors++;
      }
    }
    if (data.ignore !== void 0) {
      let data11 = data.ignore;
      if (Array.isArray(data11)) {
        const len0 = data11.length;
        for (let i0 = 0; i0 < len0; i0++) {
          let data12 = data11[i0];
          if (!(typeof data12 === "string")) {
            const err27 = { instancePath: instancePath + "/ignore/" + i0, schemaPath: "#/properties/ignore/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema0.properties.ignore.items.type, parentSchema: schema0.properties.ignore.items, data: data12 };
            if (vErrors === null) {
              vErrors = [err27];
            } else {
              vErrors.push(err27);
            }
            errors++;
          }
        }
      } else {
        const err28 = { instancePath: instancePath + "/ignore", schemaPath: "#/properties/ignore/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema0.properties.ignore.type, parentSchema: schema0.properties.ignore, data: data11 };
        if (vErrors === null) {
          vErrors = [err28];
        } else {
          vErrors.push(err28);
        }
        errors++;
      }
    }
    if (data.members !== void 0) {
      let data13 = data.members;
      if (Array.isArray(data13)) {
        const len1 = data13.length;
        for (let i1 = 0; i1 < len1; i1++) {
          let data14 = data13[i1];
          if (data14 && typeof data14 == "object" && !Array.isArray(data14)) {
            if (data14.email === void 0) {
              const err29 = { instancePath: instancePath + "/members/" + i1, schemaPath: "#/properties/members/items/required", keyword: "required", params: { missingProperty: "email" }, message: "must have required property 'email'", schema: schema0.properties.members.items.required, parentSchema: schema0.properties.members.items, data: data14 };
              if (vErrors === null) {
                vErrors = [err29];
              } else {
                vErrors.push(err29);
              }
              errors++;
            }
            if (data14.role === void 0) {
              const err30 = { instancePath: instancePath + "/members/" + i1, schemaPath: "#/properties/members/items/required", keyword: "required", params: { missingProperty: "role" }, message: "must have required property 'role'", schema: schema0.properties.members.items.required, parentSchema: schema0.properties.members.items, data: data14 };
              if (vErrors === null) {
                vErrors = [err30];
              } else {
                vErrors.push(err30);
              }
              errors++;
            }
            for (const key5 in data14) {
              if (!(key5 === "email" || key5 === "aliases" || key5 === "role" || key5 === "teams")) {
                const err31 = { instancePath: instancePath + "/members/" + i1, schemaPath: "#/properties/members/items/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key5 }, message: "must NOT have additional properties", schema: false, parentSchema: schema0.properties.members.items, data: data14 };
                if (vErrors === null) {
                  vErrors = [err31];
                } else {
                  vErrors.push(err31);
                }
                errors++;
              }
            }
            if (data14.email !== void 0) {
              let data15 = data14.email;
              if (typeof data15 === "string") {
                if (func0(data15) > 75) {
                  const err32 = { instancePath: instancePath + "/members/" + i1 + "/email", schemaPath: "#/properties/members/items/properties/email/maxLength", keyword: "maxLength", params: { limit: 75 }, message: "must NOT have more than 75 characters", schema: 75, parentSchema: schema0.properties.members.items.properties.email, data: data15 };
                  if (vErrors === null) {
                    vErrors = [err32];
                  } else {
                    vErrors.push(err32);
                  }
                  errors++;
                }
              } else {
                const err33 = { instancePath: instancePath + "/members/" + i1 + "/email", schemaPath: "#/properties/members/items/properties/email/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema0.properties.members.items.properties.email.type, parentSchema: schema0.properties.members.items.properties.email, data: data15 };
                if (vErrors === null) {
                  vErrors = [err33];
                } else {
                  vErrors.push(err33);
                }
                errors++;
              }
            }
            if (data14.aliases !== void 0) {
              let data16 = data14.aliases;
              if (Array.isArray(data16)) {
                const len2 = data16.length;
                for (let i2 = 0; i2 < len2; i2++) {
                  let data17 = data16[i2];
                  if (typeof data17 === "string") {
                    if (func0(data17) > 75) {
                      const err34 = { instancePath: instancePath + "/members/" + i1 + "/aliases/" + i2, schemaPath: "#/properties/members/items/properties/aliases/items/maxLength", keyword: "maxLength", params: { limit: 75 }, message: "must NOT have more than 75 characters", schema: 75, parentSchema: schema0.properties.members.items.properties.aliases.items, data: data17 };
                      if (vErrors === null) {
                        vErrors = [err34];
                      } else {
                        vErrors.push(err34);
                      }
                      errors++;
                    }
                  } else {
                    const err35 = { instancePath: instancePath + "/members/" + i1 + "/aliases/" + i2, schemaPath: "#/properties/members/items/properties/aliases/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema0.properties.members.items.properties.aliases.items.type, parentSchema: schema0.properties.members.items.properties.aliases.items, data: data17 };
                    if (vErrors === null) {
                      vErrors = [err35];
                    } else {
                      vErrors.push(err35);
                    }
                    errors++;
                  }
                }
              } else {
                const err36 = { instancePath: instancePath + "/members/" + i1 + "/aliases", schemaPath: "#/properties/members/items/properties/aliases/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema0.properties.members.items.properties.aliases.type, parentSchema: schema0.properties.members.items.properties.aliases, data: data16 };
                if (vErrors === null) {
                  vErrors = [err36];
                } else {
                  vErrors.push(err36);
                }
                errors++;
              }
            }
            if (data14.role !== void 0) {
              let data18 = data14.role;
              if (!(data18 === "member" || data18 === "admin" || data18 === "manager" || data18 === "owner" || data18 === "billing")) {
                const err37 = { instancePath: instancePath + "/members/" + i1 + "/role", schemaPath: "#/properties/members/items/properties/role/enum", keyword: "enum", params: { allowedValues: schema0.properties.members.items.properties.role.enum }, message: "must be equal to one of the allowed values", schema: schema0.properties.members.items.properties.role.enum, parentSchema: schema0.properties.members.items.properties.role, data: data18 };
                if (vErrors === null) {
                  vErrors = [err37];
                } else {
                  vErrors.push(err37);
                }
                errors++;
              }
            }
            if (data14.teams !== void 0) {
              let data19 = data14.teams;
              if (!data19 || typeof data19 != "object") {
                const err38 = { instancePath: instancePath + "/members/" + i1 + "/teams", schemaPath: "#/properties/members/items/properties/teams/type", keyword: "type", params: { type: schema0.properties.members.items.properties.teams.type }, message: "must be array,object", schema: schema0.properties.members.items.properties.teams.type, parentSchema: schema0.properties.members.items.properties.teams, data: data19 };
                if (vErrors === null) {
                  vErrors = [err38];
                } else {
                  vErrors.push(err38);
                }
                errors++;
              }
              if (Array.isArray(data19)) {
                const len3 = data19.length;
                for (let i3 = 0; i3 < len3; i3++) {
                  let data20 = data19[i3];
                  if (typeof data20 !== "string") {
                    const err39 = { instancePath: instancePath + "/members/" + i1 + "/teams/" + i3, schemaPath: "#/properties/members/items/properties/teams/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema0.properties.members.items.properties.teams.items.type, parentSchema: schema0.properties.members.items.properties.teams.items, data: data20 };
                    if (vErrors === null) {
                      vErrors = [err39];
                    } else {
                      vErrors.push(err39);
                    }
                    errors++;
                  }
                }
              }
              if (data19 && typeof data19 == "object" && !Array.isArray(data19)) {
                for (const key6 in data19) {
                  let data21 = data19[key6];
                  if (!(data21 === "contributor" || data21 === "admin")) {
                    const err40 = { instancePath: instancePath + "/members/" + i1 + "/teams/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/members/items/properties/teams/additionalProperties/enum", keyword: "enum", params: { allowedValues: schema0.properties.members.items.properties.teams.additionalProperties.enum }, message: "must be equal to one of the allowed values", schema: schema0.properties.members.items.properties.teams.additionalProperties.enum, parentSchema: schema0.properties.members.items.properties.teams.additionalProperties, data: data21 };
                    if (vErrors === null) {
                      vErrors = [err40];
                    } else {
                      vErrors.push(err40);
                    }
                    errors++;
                  }
                }
              }
            }
          } else {
            const err41 = { instancePath: instancePath + "/members/" + i1, schemaPath: "#/properties/members/items/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema0.properties.members.items.type, parentSchema: schema0.properties.members.items, data: data14 };
            if (vErrors === null) {
              vErrors = [err41];
            } else {
              vErrors.push(err41);
            }
            errors++;
          }
        }
      } else {
        const err42 = { instancePath: instancePath + "/members", schemaPath: "#/properties/members/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema0.properties.members.type, parentSchema: schema0.properties.members, data: data13 };
        if (vErrors === null) {
          vErrors = [err42];
        } else {
          vErrors.push(err42);
        }
        errors++;
      }
    }
  } else {
    const err43 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema0.type, parentSchema: schema0, data };
    if (vErrors === null) {
      vErrors = [err43];
    } else {
      vErrors.push(err43);
    }
    errors++;
  }
  validate0.errors = vErrors;
  return errors === 0;
}
function rosterValidator() {
  return validate;
}

// src/roster/schema-issues.ts
var KEYWORDS_CHECKED_ELSEWHERE = /* @__PURE__ */ new Set(["pattern", "format", "propertyNames", "if", "anyOf", "oneOf"]);
var POLICY_CHOICES = {
  unlisted: '"report" lists live members missing from the roster as drift; "remove" removes them (at most maxRemovals)',
  owners: '"protect" never grants, changes or removes the Owner role; "manage" lets the roster do so'
};
var ROLE_LIST = ["member", "admin", "manager", "owner", "billing"];
function schemaIssues(roster) {
  const validate2 = rosterValidator();
  if (validate2(roster.value)) return [];
  const errors = validate2.errors ?? [];
  const issues = [];
  for (const error of errors) {
    if (isExplainedByTypo(error, errors)) continue;
    const issue = describeSchemaError(roster, error);
    if (issue) issues.push(issue);
  }
  return issues;
}
function isExplainedByTypo(error, errors) {
  if (error.keyword !== "required") return false;
  const missing = String(error.params.missingProperty);
  return errors.some(
    (other) => other.keyword === "additionalProperties" && other.instancePath === error.instancePath && didYouMean(String(other.params.additionalProperty), [missing]) !== void 0
  );
}
function issueMaker(roster, path) {
  return (message, hint, at = path, key = false) => {
    const position = positionOf(roster, at, { key });
    return {
      severity: ISSUE_SEVERITY.Error,
      file: roster.file,
      line: position.line,
      col: position.col,
      message,
      ...hint ? { hint } : {}
    };
  };
}
function describeSchemaError(roster, error) {
  if (KEYWORDS_CHECKED_ELSEWHERE.has(error.keyword) || error.schemaPath.includes("/propertyNames/")) return void 0;
  const path = parsePointer(error.instancePath);
  const where = formatPath(path);
  const make = issueMaker(roster, path);
  const params = error.params;
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(params["additionalProperty"]);
      const allowed = Object.keys(error.parentSchema?.properties ?? {});
      const hint = didYouMean(key, allowed) ?? (allowed.length ? `allowed here: ${allowed.join(", ")}` : void 0);
      return make(`${path.length ? `${where}: ` : ""}unknown key "${key}"`, hint, [...path, key], true);
    }
    case "required":
      return make(
        `${path.length ? `${where}: ` : "the roster: "}missing "${String(params["missingProperty"])}"`,
        requiredHint(String(params["missingProperty"]))
      );
    case "const":
      if (path.length === 1 && path[0] === "version") {
        return make(
          `version ${describeValue(error.data)} is not supported: this sentry-roster understands version 1`,
          'write "version: 1" (a newer format needs a newer sentry-roster)'
        );
      }
      return make(`${where}: expected ${JSON.stringify(params["allowedValue"])}, found ${describeValue(error.data)}`);
    case "enum":
      return enumIssue(path, where, error, make);
    case "type":
      return make(
        `${path.length ? `${where}: expected` : "the roster must be"} ${expectedType(path, String(params["type"]))}, found ${describeValue(error.data)}`,
        typeHint(path, error.data)
      );
    case "minimum":
    case "maximum": {
      const below = error.keyword === "minimum";
      return make(
        `${where}: ${describeValue(error.data)} is ${below ? "below the minimum" : "above the maximum"} ${String(params["limit"])}`,
        rangeHint(path)
      );
    }
    case "minLength":
      return make(`${where}: must not be empty`);
    case "maxLength":
      return make(
        `${where}: ${describeValue(error.data)} is longer than ${String(params["limit"])} characters`,
        path.includes("email") || path.includes("aliases") ? "Sentry stores at most 75 characters of an email" : void 0
      );
    default:
      return make(`${where}: this value is not allowed here`);
  }
}
function enumIssue(path, where, error, make) {
  const allowed = (error.params.allowedValues ?? []).map(String);
  const last = path[path.length - 1];
  const isTeamRole = path.length === 4 && path[0] === "members" && path[2] === "teams";
  const list = isTeamRole ? [...TEAM_ROLES] : last === "role" ? [...ROLE_LIST] : allowed;
  const noun = isTeamRole ? "a team role" : last === "role" ? "a role" : "one of";
  const found = describeValue(error.data);
  const message = noun === "one of" ? `${where}: ${found} is not one of ${list.join(", ")}` : `${where}: ${found} is not ${noun} (${list.join(", ")})`;
  const hint = typeof error.data === "string" ? didYouMean(error.data, list) : void 0;
  const fallback = isTeamRole && typeof error.data === "string" && isKnownOrgRole(error.data) ? `"${error.data}" is an org role; team roles are ${TEAM_ROLES.join(" and ")}` : path[0] === "policy" ? POLICY_CHOICES[String(last)] : void 0;
  return make(message, hint ?? fallback);
}
function isKnownOrgRole(value) {
  return ORG_ROLES.includes(value);
}
function requiredHint(key) {
  switch (key) {
    case "version":
      return 'add "version: 1" at the top of the file';
    case "members":
      return 'add a "members:" list of the people in the organization';
    case "email":
      return "each member needs the email Sentry shows for them";
    case "role":
      return `add a role: ${ROLE_LIST.join(", ")}`;
    default:
      return void 0;
  }
}
function expectedType(path, type) {
  if (path.length === 0) return "a map of version, organization, policy, teams, ignore and members";
  if (path.length === 3 && path[0] === "members" && path[2] === "teams")
    return "a list of team slugs or a map of team slug → team role";
  if (path.length === 2 && path[0] === "teams") return "a map such as { name: Backend } or {}";
  if (path.length === 2 && path[0] === "members") return "a map with email, role and teams";
  const words = {
    array: "a list",
    object: "a map",
    string: "text",
    integer: "a whole number",
    number: "a number",
    boolean: "true or false",
    null: "nothing"
  };
  return type.split(",").map((name) => words[name] ?? name).join(" or ");
}
function typeHint(path, data) {
  if (path.length === 3 && path[0] === "members" && path[2] === "teams" && typeof data === "string")
    return `write "teams: [${data}]"`;
  if (path.length === 1 && path[0] === "members" && data === null)
    return 'list the members under "members:", each starting with "- email:"';
  if (path.length === 2 && path[0] === "members" && typeof data === "string")
    return `write "- email: ${data}" and its role on the next line`;
  if (path.length === 1 && path[0] === "teams" && Array.isArray(data))
    return 'list each team on its own line under "teams:" as "slug: {}" (or "slug: { name: Display Name }")';
  if (path.length === 2 && path[0] === "teams" && typeof data === "string")
    return `the value is the team's settings: write "${String(path[1])}: { name: ${data} }"`;
  return void 0;
}
function rangeHint(path) {
  if (path[0] !== "policy") return void 0;
  if (path[1] === "minOwners") return "the org must keep at least one active owner";
  if (path[1] === "maxRemovals") return "0 refuses every removal; raise it only as far as you mean to remove";
  if (path[1] === "maxRoleChanges") return "0 refuses every role change; raise it only as far as you mean to change roles";
  return void 0;
}
function describeValue(value) {
  if (value === null || value === void 0) return "nothing";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  return String(value);
}
function formatPath(path) {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(segment)) text += text ? `.${segment}` : segment;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text || "the roster";
}
function parsePointer(pointer) {
  if (!pointer) return [];
  return pointer.slice(1).split("/").map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~")).map((part) => /^(0|[1-9]\d*)$/.test(part) ? Number(part) : part);
}

// src/roster/sentry-syntax.ts
var SLUG_PATTERN = /^(?![0-9]+$)[a-z0-9_-]{1,50}$/;
var MAX_SLUG_LENGTH = 50;
var MAX_EMAIL_LENGTH = 75;
var EMAIL_PATTERN = /^(?!\.)(?!.*\.\.)[^\s@"(),:;<>[\]\\]+(?<!\.)@(?:(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]|localhost)$/i;
function checkEmail(path, email, report) {
  if (email.length > MAX_EMAIL_LENGTH) return;
  if (EMAIL_PATTERN.test(email)) return;
  report(path, `${formatPath(path)}: ${JSON.stringify(email)} is not a valid email address`, emailHint(email));
}
function emailHint(email) {
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(email);
  if (angle) return `write the address alone: "${angle[1]}"`;
  if (/^mailto:/i.test(email)) return `remove "mailto:": "${email.slice(7)}"`;
  if (/\s/.test(email.trim())) return "an email cannot contain spaces";
  if (email !== email.trim()) return "remove the spaces around the address";
  if (!email.includes("@")) return 'an email needs an "@" and a domain, e.g. alice@example.com';
  if ((email.match(/@/g) ?? []).length > 1) return 'an email has exactly one "@"';
  const domain = email.slice(email.indexOf("@") + 1);
  if (!domain.includes(".")) return `the domain "${domain}" needs a dot, e.g. ${domain || "example"}.com`;
  if (/,|;/.test(email)) return "one address per entry: split lists into separate entries";
  return void 0;
}
function slugHint(slug, what) {
  if (slug.length > MAX_SLUG_LENGTH) return `slugs are at most ${MAX_SLUG_LENGTH} characters`;
  if (/^[0-9]+$/.test(slug)) return "a slug cannot be only digits";
  const suggestion = slug.toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "");
  if (suggestion && SLUG_PATTERN.test(suggestion)) {
    return slug.toLowerCase() === slug ? `use ${what}: lowercase letters, digits, "-" and "_", e.g. "${suggestion}"` : `slugs are lowercase: "${suggestion}"`;
  }
  return `use ${what}: lowercase letters, digits, "-" and "_"`;
}

// src/roster/semantic-issues.ts
function semanticIssues(roster) {
  const value = asRecord(roster.value);
  if (!value) return [];
  const issues = [];
  const report = (path, message, hint, options = {}) => {
    const at = positionOf(roster, path, { key: options.key ?? false });
    issues.push({
      severity: options.severity ?? ISSUE_SEVERITY.Error,
      file: roster.file,
      line: at.line,
      col: at.col,
      message,
      ...hint ? { hint } : {}
    });
  };
  const lineOf = (path) => positionOf(roster, path).line;
  checkSlugs(value, report);
  const teams = asRecord(value["teams"]);
  const members = Array.isArray(value["members"]) ? value["members"] : [];
  const owners = checkMemberEmails(members, report, lineOf);
  members.forEach((entry, index) => {
    const member = asRecord(entry);
    if (member) checkMemberTeams(member, index, teams !== void 0, Object.keys(teams ?? {}), report);
  });
  members.forEach((entry, index) => {
    const member = asRecord(entry);
    if (member) checkAliases(member, index, member["email"], owners, report, lineOf);
  });
  checkOwnerCount(value, members, report);
  checkIgnore(value, owners, report, lineOf);
  return issues;
}
function checkSlugs(value, report) {
  if (typeof value["organization"] === "string" && !SLUG_PATTERN.test(value["organization"])) {
    report(
      ["organization"],
      `organization: ${JSON.stringify(value["organization"])} is not a Sentry organization slug`,
      slugHint(value["organization"], "the slug from the org's URL")
    );
  }
  for (const slug of Object.keys(asRecord(value["teams"]) ?? {})) {
    if (!SLUG_PATTERN.test(slug))
      report(
        ["teams", slug],
        `teams: ${JSON.stringify(slug)} is not a Sentry team slug`,
        slugHint(slug, "the team's slug"),
        { key: true }
      );
  }
}
function checkMemberEmails(members, report, lineOf) {
  const owners = /* @__PURE__ */ new Map();
  members.forEach((entry, index) => {
    const email = asRecord(entry)?.["email"];
    if (typeof email !== "string") return;
    checkEmail(["members", index, "email"], email, report);
    const key = normalizeEmail(email);
    const first = owners.get(key);
    if (first) {
      report(
        ["members", index, "email"],
        `member ${JSON.stringify(email)} is listed twice (lines ${lineOf(first.path)} and ${lineOf(["members", index, "email"])})`,
        first.what === "email" ? "emails match case-insensitively: merge the two entries into one" : `it is already ${first.what}; one person is one entry`
      );
    } else {
      owners.set(key, { path: ["members", index, "email"], what: "email" });
    }
  });
  return owners;
}
function checkIgnore(value, owners, report, lineOf) {
  const ignore = Array.isArray(value["ignore"]) ? value["ignore"] : [];
  const ignored = /* @__PURE__ */ new Map();
  ignore.forEach((entry, index) => {
    if (typeof entry !== "string") return;
    const path = ["ignore", index];
    checkEmail(path, entry, report);
    const key = normalizeEmail(entry);
    const member = owners.get(key);
    if (member) {
      report(
        path,
        `ignore: ${JSON.stringify(entry)} is also a member (line ${lineOf(member.path)})`,
        "a person is either managed under members or ignored, not both: remove one"
      );
    }
    const first = ignored.get(key);
    if (first !== void 0) {
      report(
        path,
        `ignore: ${JSON.stringify(entry)} is listed twice (first on line ${lineOf(["ignore", first])})`,
        "remove one of them",
        { severity: ISSUE_SEVERITY.Warning }
      );
    } else {
      ignored.set(key, index);
    }
  });
}
function checkOwnerCount(value, members, report) {
  const policy = asRecord(value["policy"]);
  const minOwners = policy?.["minOwners"] ?? 1;
  if (policy?.["owners"] !== "manage" || typeof minOwners !== "number") return;
  const owners = members.filter((member) => asRecord(member)?.["role"] === "owner").length;
  if (owners >= minOwners) return;
  report(
    ["policy", "owners"],
    `policy.owners is "manage" but the roster lists ${owners} owner${owners === 1 ? "" : "s"}, fewer than policy.minOwners (${minOwners})`,
    "give enough members role: owner, or the plan will refuse to demote the owners Sentry has",
    { severity: ISSUE_SEVERITY.Warning }
  );
}
function checkAliases(member, index, email, owners, report, lineOf) {
  if (!Array.isArray(member["aliases"])) return;
  const self = typeof email === "string" ? normalizeEmail(email) : void 0;
  member["aliases"].forEach((alias, position) => {
    if (typeof alias !== "string") return;
    const path = ["members", index, "aliases", position];
    checkEmail(path, alias, report);
    const key = normalizeEmail(alias);
    if (key === self) {
      report(
        path,
        `alias ${JSON.stringify(alias)} is this member's own email`,
        "remove it: aliases are the person's other addresses",
        { severity: ISSUE_SEVERITY.Warning }
      );
      return;
    }
    const first = owners.get(key);
    if (first) {
      const whose = first.what === "email" ? "the email of another member" : first.what;
      report(
        path,
        `alias ${JSON.stringify(alias)} is ${whose} (line ${lineOf(first.path)})`,
        "an address can belong to one member only: merge the entries or remove the alias"
      );
    } else {
      owners.set(key, {
        path,
        what: `an alias of ${typeof email === "string" ? JSON.stringify(email) : `members[${index}]`}`
      });
    }
  });
}
function checkMemberTeams(member, index, teamsListed, teamSlugs, report) {
  const email = typeof member["email"] === "string" ? JSON.stringify(member["email"]) : `members[${index}]`;
  const entries = memberTeamEntries(member, index, email, report);
  const role = member["role"];
  if (role === "billing" && entries.length > 0) {
    report(
      ["members", index, "teams"],
      `member ${email} has role billing, which has no team access, but is in ${entries.length === 1 ? `team ${JSON.stringify(entries[0].slug)}` : `${entries.length} teams`}`,
      'remove "teams" or give the member another role',
      { key: true }
    );
  }
  for (const entry of entries) {
    if (!teamSlugs.includes(entry.slug)) {
      const suggestion = didYouMean(entry.slug, teamSlugs);
      report(
        entry.path,
        `member ${email} is in team ${JSON.stringify(entry.slug)}, which the roster does not list`,
        suggestion ?? `add "${entry.slug}: {}" under ${teamsListed ? '"teams:"' : 'a top-level "teams:" map'}`,
        { key: entry.key }
      );
    }
    if (entry.role === "contributor" && typeof role === "string" && hasTeamAccess(role) && minimumTeamRole(role) === "admin") {
      report(
        entry.path,
        `${formatPath(entry.path)}: "contributor" has no effect: ${articled(role)} is always a team admin`,
        'remove the team role or write "admin"',
        { key: true, severity: ISSUE_SEVERITY.Warning }
      );
    }
  }
}
function memberTeamEntries(member, index, email, report) {
  const teams = member["teams"];
  const entries = [];
  if (Array.isArray(teams)) {
    const seen = /* @__PURE__ */ new Set();
    teams.forEach((slug, position) => {
      if (typeof slug !== "string") return;
      const path = ["members", index, "teams", position];
      if (seen.has(slug)) {
        report(path, `member ${email} lists team ${JSON.stringify(slug)} twice`, "remove one of them", {
          severity: ISSUE_SEVERITY.Warning
        });
        return;
      }
      seen.add(slug);
      entries.push({ slug, path, key: false });
    });
  } else {
    for (const [slug, role] of Object.entries(asRecord(teams) ?? {}))
      entries.push({ slug, path: ["members", index, "teams", slug], key: true, role });
  }
  return entries;
}
function articled(role) {
  return `${/^[aeiou]/.test(role) ? "an" : "a"} ${role}`;
}
function asRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : void 0;
}

// src/roster/validate-roster.ts
var MAX_QUOTED_CHARS = 80;
var MAX_ISSUE_TEXT_CHARS = 400;
function parseRosterText(file, text) {
  const parsed = parseRoster(file, text);
  if (!parsed.ok) {
    const recovered = parsed.recovered;
    const rest = recovered ? [...schemaIssues(recovered.roster), ...semanticIssues(recovered.roster)].filter(
      (issue) => !recovered.isBroken(issue)
    ) : [];
    return { issues: uniqueIssues([...parsed.issues, ...rest].map(clipIssue)).sort(compareIssues), desired: void 0 };
  }
  const issues = uniqueIssues([...schemaIssues(parsed.roster), ...semanticIssues(parsed.roster)].map(clipIssue)).sort(
    compareIssues
  );
  const hasError = issues.some((issue) => issue.severity === ISSUE_SEVERITY.Error);
  return { issues, desired: hasError ? void 0 : toDesiredState(parsed.roster) };
}
function clipIssue(issue) {
  const clip = (text) => {
    const shortened = text.replace(
      /"((?:[^"\\]|\\.)*)"/g,
      (whole, inner) => inner.length <= MAX_QUOTED_CHARS ? whole : `"${inner.slice(0, MAX_QUOTED_CHARS - 20).replace(/\\[^"]{0,5}$/, "")}…" (${inner.length} characters)`
    ).replace(/[\r\n]+/g, " ");
    return shortened.length <= MAX_ISSUE_TEXT_CHARS ? shortened : `${shortened.slice(0, MAX_ISSUE_TEXT_CHARS - 1)}…`;
  };
  return { ...issue, message: clip(issue.message), ...issue.hint === void 0 ? {} : { hint: clip(issue.hint) } };
}
function uniqueIssues(issues) {
  const seen = /* @__PURE__ */ new Set();
  return issues.filter((issue) => {
    const key = `${issue.line}:${issue.col}:${issue.message}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

// src/roster/load-roster.ts
async function loadRoster(file, readFile) {
  let text;
  try {
    text = await readFile(file);
  } catch (error) {
    throw new RosterFileError(file, readFailureReason(error), { cause: error });
  }
  return parseRosterText(file, text);
}
function readFailureReason(error) {
  const code = error?.code;
  switch (code) {
    case "ENOENT":
      return "no such file (give the roster's path, or run where roster.yaml is)";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a directory, not a file";
    case "ENOTDIR":
      return "a part of the path is not a directory";
    default:
      return error instanceof Error ? error.message.split("\n")[0] : String(error);
  }
}

export {
  ISSUE_SEVERITY,
  loadRoster,
  formatRosterIssues,
  summarizeRosterIssues,
  rosterIssuesJson
};

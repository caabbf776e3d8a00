/**
 * The fast path of roster loading (docs/benchmarks.md): a line-based reader
 * for the plain YAML subset that `export` writes and most people keep — block
 * maps and lists, one-line `{}`/`[]` of plain values, simple quotes and
 * comments. It builds plain values and the few positions a valid roster needs
 * (each member, each team key), without the YAML library's document of nodes.
 *
 * Anything outside the subset (anchors, tags, escapes, multi-line values,
 * duplicate keys, odd indentation, unusual scalars) returns undefined and the
 * caller parses with the YAML library, which also reports every problem.
 * Whenever this returns a value, it equals the library's (a property test
 * compares the two).
 */

/** Plain values of a roster, and where its members and team keys start (offsets into the text). */
export interface PlainRoster {
  readonly value: Record<string, unknown>;
  /** Offset of each `members` item's content (its first key, or its "{"). */
  readonly memberOffsets: readonly number[];
  /** Offset of each key under the top-level `teams` map. */
  readonly teamKeyOffsets: ReadonlyMap<string, number>;
}

/** One line with content: its indentation, its text without the comment, the offset of that text. */
interface ContentLine {
  indent: number;
  text: string;
  offset: number;
}

/** Thrown inside the reader when the text leaves the subset; never escapes it. */
class OutsideSubset extends Error {}

const KEY = /^([A-Za-z_][A-Za-z0-9_.@+-]*):(?: +(.*))?$/;
const INTEGER = /^(?:0|[1-9][0-9]{0,14})$/;
// Letters beyond ASCII, but none of the spaces JavaScript's \s matches (U+1680, U+2000 on), which YAML keeps.
const WORD = /^[A-Za-z_][A-Za-z0-9_.@+'()/ \u00c0-\u167f\u1681-\u1fff\u3040-\u9fff-]*$/;
const DIGIT_EMAIL = /^[0-9][A-Za-z0-9_.+-]*@[A-Za-z0-9_.@+-]*$/;
/** Plain words the YAML core schema reads as null or booleans. */
const CORE_WORDS = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;
const DOUBLE_QUOTED = /^"([^"\\#]*)"$/;
const SINGLE_QUOTED = /^'([^'#]*)'$/;

/** The roster's plain values, or undefined when the text needs the full YAML parser. */
export function readPlainRoster(source: string): PlainRoster | undefined {
  if (source.includes("\t") || source.includes("\r")) return undefined;
  const lines = contentLines(source);
  if (lines === undefined || lines.length === 0 || lines[0]!.indent !== 0) return undefined;
  const reader = new BlockReader(lines);
  try {
    const value = reader.readRoot();
    return { value, memberOffsets: reader.memberOffsets, teamKeyOffsets: reader.teamKeyOffsets };
  } catch (error) {
    if (error instanceof OutsideSubset) return undefined;
    throw error;
  }
}

/** Lines with content, comments and trailing spaces removed; undefined for directives and document markers. */
function contentLines(source: string): ContentLine[] | undefined {
  const lines: ContentLine[] = [];
  for (let start = 0; start < source.length;) {
    const end = source.indexOf("\n", start);
    const stop = end < 0 ? source.length : end;
    let indent = 0;
    while (source.charCodeAt(start + indent) === 32) indent += 1;
    const text = withoutComment(source.slice(start + indent, stop)).replace(/ +$/, "");
    if (text !== "") {
      if (indent === 0 && /^(?:---|\.\.\.|%)/.test(text)) return undefined;
      lines.push({ indent, text, offset: start + indent });
    }
    start = stop + 1;
  }
  return lines;
}

/** The line up to a " #" comment outside quotes. */
function withoutComment(line: string): string {
  let quote = "";
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]!;
    if (quote) {
      if (char === quote) quote = "";
    } else if (char === "#" && (i === 0 || line[i - 1] === " ")) {
      return line.slice(0, i);
    } else if ((char === '"' || char === "'") && (i === 0 || /[ :[{,-]/.test(line[i - 1]!))) {
      quote = char;
    }
  }
  return line;
}

/** Recursive descent over block structure; only the root's `members` and `teams` record positions. */
class BlockReader {
  readonly memberOffsets: number[] = [];
  readonly teamKeyOffsets = new Map<string, number>();
  private next = 0;
  private recordItems: number[] | undefined;
  private recordKeys: Map<string, number> | undefined;

  private readonly lines: ContentLine[];

  constructor(lines: ContentLine[]) {
    this.lines = lines;
  }

  readRoot(): Record<string, unknown> {
    if (isListItem(this.lines[0]!.text)) throw new OutsideSubset();
    const root = this.readMap(0, true);
    if (this.next !== this.lines.length) throw new OutsideSubset();
    return root;
  }

  private readBlock(indent: number): unknown {
    return isListItem(this.lines[this.next]!.text) ? this.readList(indent) : this.readMap(indent, false);
  }

  private readMap(indent: number, isRoot: boolean): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    const keys = this.recordKeys;
    this.recordKeys = undefined;
    this.recordItems = undefined;
    for (
      let line = this.lines[this.next];
      line?.indent === indent && !isListItem(line.text);
      line = this.lines[this.next]
    ) {
      const match = KEY.exec(line.text);
      const key = match?.[1];
      if (key === undefined || !isPlainString(key) || key === "__proto__" || Object.hasOwn(map, key))
        throw new OutsideSubset();
      keys?.set(key, line.offset);
      this.next += 1;
      if (isRoot && key === "members") this.recordItems = this.memberOffsets;
      if (isRoot && key === "teams") this.recordKeys = this.teamKeyOffsets;
      const rest = match![2];
      map[key] = rest === undefined || rest === "" ? this.readNested(indent) : this.readInlineValue(rest);
      this.recordItems = undefined;
      this.recordKeys = undefined;
      if (rest && this.isDeeper(indent)) throw new OutsideSubset(); // a value continued on the next line
    }
    if (this.isDeeper(indent)) throw new OutsideSubset();
    return map;
  }

  /** The value of "key:" with nothing after it: a deeper block, a list at the same indent, or null. */
  private readNested(indent: number): unknown {
    const line = this.lines[this.next];
    if (line === undefined) return null;
    if (line.indent > indent) return this.readBlock(line.indent);
    if (line.indent === indent && isListItem(line.text)) return this.readList(indent);
    return null;
  }

  private readList(indent: number): unknown[] {
    const list: unknown[] = [];
    const offsets = this.recordItems;
    this.recordItems = undefined;
    this.recordKeys = undefined;
    for (
      let line = this.lines[this.next];
      line?.indent === indent && isListItem(line.text);
      line = this.lines[this.next]
    ) {
      const rest = line.text.slice(1);
      const content = rest.replace(/^ +/, "");
      const spaces = rest.length - content.length;
      if (content === "" || content.startsWith("-")) throw new OutsideSubset(); // null or nested "- -" items
      offsets?.push(line.offset + 1 + spaces);
      if (KEY.test(content)) {
        // "- key: value" starts a map whose keys align with "key".
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
  private readInlineValue(text: string): unknown {
    const value = readInline(text);
    const hasEntries = typeof value === "object" && value !== null && Object.keys(value).length > 0;
    if (hasEntries && (this.recordItems || this.recordKeys)) throw new OutsideSubset();
    return value;
  }

  private isDeeper(indent: number): boolean {
    const line = this.lines[this.next];
    return line !== undefined && line.indent > indent;
  }
}

function isListItem(text: string): boolean {
  return text === "-" || text.startsWith("- ");
}

/** A value written on the key's line: a one-line flow map or list of plain values, or a scalar. */
function readInline(text: string): unknown {
  if (text.startsWith("{")) {
    if (!text.endsWith("}")) throw new OutsideSubset();
    const map: Record<string, unknown> = {};
    for (const entry of flowEntries(text.slice(1, -1))) {
      const match = /^([^:]+): +(.+)$/.exec(entry);
      const key = match?.[1];
      if (key === undefined || !isPlainString(key) || key === "__proto__" || Object.hasOwn(map, key))
        throw new OutsideSubset();
      map[key] = readScalar(match![2]!);
    }
    return map;
  }
  if (text.startsWith("[")) {
    if (!text.endsWith("]")) throw new OutsideSubset();
    return flowEntries(text.slice(1, -1)).map(readScalar);
  }
  return readScalar(text);
}

/** The comma-separated entries of a one-line flow collection without nesting. */
function flowEntries(inner: string): string[] {
  if (/[[\]{}]/.test(inner)) throw new OutsideSubset();
  // Spaces only: YAML does not trim the other whitespace JavaScript's trim() removes.
  const trim = (text: string) => text.replace(/^ +| +$/g, "");
  if (trim(inner) === "") return [];
  const entries = inner.split(",").map(trim);
  if (entries.some((entry) => entry === "")) throw new OutsideSubset();
  return entries;
}

function readScalar(text: string): string | number {
  if (INTEGER.test(text)) return Number(text);
  const quoted = DOUBLE_QUOTED.exec(text) ?? SINGLE_QUOTED.exec(text);
  if (quoted) return quoted[1]!;
  if (isPlainString(text)) return text;
  throw new OutsideSubset();
}

/** A plain scalar the YAML core schema reads as this very string (not a number, boolean or null). */
function isPlainString(text: string): boolean {
  return (WORD.test(text) && !CORE_WORDS.test(text)) || DIGIT_EMAIL.test(text);
}

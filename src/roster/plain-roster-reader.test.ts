import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMap, isScalar, isSeq, parseDocument, stringify } from "yaml";
import { rosterText } from "../../test/support/rosters.js";
import { readPlainRoster } from "./plain-roster-reader.js";

/** Reproduce a failure with FC_SEED=<seed printed by fast-check>. */
const PROPERTY_OPTIONS = { numRuns: 400, ...(process.env["FC_SEED"] ? { seed: Number(process.env["FC_SEED"]) } : {}) };

/** What the YAML library makes of the text, with the same positions the loader keeps; undefined on any error. */
function libraryReading(text: string) {
  const document = parseDocument(text, { uniqueKeys: false, merge: false, strict: true, prettyErrors: false });
  if (document.errors.length > 0) return undefined;
  const root = document.contents;
  const members = isMap(root) ? root.get("members", true) : undefined;
  const teams = isMap(root) ? root.get("teams", true) : undefined;
  return {
    value: document.toJS(),
    memberOffsets: isSeq(members) ? members.items.map((item) => (item as { range?: number[] }).range?.[0]) : [],
    teamKeyOffsets: new Map(
      isMap(teams)
        ? teams.items.flatMap((pair) => (isScalar(pair.key) ? [[String(pair.key.value), pair.key.range![0]]] : []))
        : [],
    ),
  };
}

// Scalars: mostly what the subset reads, some it must leave to the library.
const goodScalar = fc.constantFrom(
  "1",
  "0",
  "42",
  "member",
  "a@example.com",
  "1a@b.c",
  "Team 1",
  "O'Brien",
  "'quoted'",
  '"dq"',
  "team-1",
  "_x",
  "Équipe",
  "{}",
  "[]",
  "[a, b]",
  "{name: Team 1}",
  "{ name: x }",
);
const oddScalar = fc.constantFrom(
  "01",
  "-1",
  "2.5",
  "1e3",
  "0x1f",
  "true",
  "False",
  "null",
  "~",
  "",
  '"a\\"b"',
  "'it''s'",
  "a #c",
  "a#b",
  "a: b",
  "&x a",
  "*x",
  "!!str a",
  "a\u00a0",
  "a\u2028b",
  "[a,b]",
  "{ name: x, name: y }",
  "[a, [b]]",
  "{a}",
  "[a,]",
  "|",
  ">",
  "- a",
  "@x",
  "%x",
  "? x",
  "1_000",
  ".inf",
  "[a, b",
  "{name: x",
);
const scalar = fc.oneof({ arbitrary: goodScalar, weight: 30 }, { arbitrary: oddScalar, weight: 1 });
const key = fc.oneof(
  {
    arbitrary: fc.constantFrom("version", "members", "teams", "email", "role", "name", "a", "b", "x.y", "Team A"),
    weight: 30,
  },
  { arbitrary: fc.constantFrom("__proto__", "true", "1", '"q"', "<<", "a b:"), weight: 1 },
);
type Tree = string | Tree[] | [string, Tree][];
const { tree } = fc.letrec<{ tree: Tree; list: Tree[]; map: [string, Tree][] }>((tie) => ({
  tree: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, tie("list"), tie("map")),
  list: fc.array(tie("tree"), { minLength: 1, maxLength: 3 }),
  map: fc.uniqueArray(fc.tuple(key, tie("tree")), { minLength: 1, maxLength: 4, selector: ([name]) => name }),
}));
/** Block YAML of a tree, with a given indentation step; lists under a key may sit at the key's own indentation. */
function render(node: Tree, pad: number, step: number, compact: boolean): string[] {
  if (typeof node === "string") return [`${" ".repeat(pad)}${node}`];
  const isMapNode =
    node.length > 0 &&
    Array.isArray(node[0]) &&
    node[0].length === 2 &&
    typeof node[0][0] === "string" &&
    (node as unknown[]).every((entry) => Array.isArray(entry) && entry.length === 2 && typeof entry[0] === "string");
  if (isMapNode) {
    return (node as [string, Tree][]).flatMap(([name, value]) => {
      if (typeof value === "string") return [`${" ".repeat(pad)}${name}: ${value}`];
      const inner = Array.isArray(value) && !isMapTree(value) && compact ? pad : pad + step;
      return [`${" ".repeat(pad)}${name}:`, ...render(value, inner, step, compact)];
    });
  }
  return (node as Tree[]).flatMap((item) => {
    const lines = render(item, pad + 2, step, compact);
    return [`${" ".repeat(pad)}- ${lines[0]!.slice(pad + 2)}`, ...lines.slice(1)];
  });
}
function isMapTree(node: Tree): boolean {
  return (
    Array.isArray(node) &&
    node.length > 0 &&
    (node as unknown[]).every((entry) => Array.isArray(entry) && entry.length === 2 && typeof entry[0] === "string")
  );
}
const comment = fc.constantFrom("", "# note", "  # indented note", "   ");
const text = fc
  .tuple(
    fc.uniqueArray(fc.tuple(key, tree), { minLength: 1, maxLength: 4, selector: ([name]) => name }),
    fc.constantFrom(2, 3, 4),
    fc.boolean(),
    fc.array(fc.tuple(fc.nat(), comment), { maxLength: 3 }),
  )
  .map(([root, step, compact, comments]) => {
    const lines = render(root, 0, step, compact);
    for (const [at, note] of comments) lines.splice(at % (lines.length + 1), 0, note);
    return `${lines.join("\n")}\n`;
  });

/** Plain roster data the schema could accept, and a few odd values. */
const rosterValue = fc.record({
  version: fc.constantFrom(1, 2, "1"),
  teams: fc.dictionary(
    fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/),
    fc.option(fc.record({ name: fc.stringMatching(/^[A-Za-z0-9 é'-]{0,12}$/) }), { nil: null }),
  ),
  members: fc.array(
    fc.record({
      email: fc.oneof(
        fc.stringMatching(/^[a-z][a-z0-9.]{0,6}@[a-z]{1,5}\.com$/),
        fc.emailAddress(),
        fc.stringMatching(/^[A-Za-z0-9 @._'-]{0,10}$/),
      ),
      role: fc.constantFrom("member", "admin", "owner", "null", "true"),
      teams: fc.oneof(
        fc.array(fc.stringMatching(/^[a-z][a-z0-9-]{0,5}$/), { maxLength: 3 }),
        fc.dictionary(fc.stringMatching(/^[a-z]{1,5}$/), fc.constantFrom("admin", "contributor")),
      ),
    }),
    { maxLength: 6 },
  ),
});

describe("readPlainRoster", () => {
  it("returns what the YAML library reads, positions included, whenever it returns anything", () => {
    fc.assert(
      fc.property(text, (source) => {
        const plain = readPlainRoster(source);
        if (plain === undefined) return;
        const library = libraryReading(source);
        expect(library, "the library found an error the fast path missed").toBeDefined();
        expect(plain.value).toStrictEqual(library!.value);
        expect(plain.memberOffsets).toEqual(library!.memberOffsets);
        expect(plain.teamKeyOffsets).toEqual(library!.teamKeyOffsets);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it("agrees with the library on rosters the library writes, in block and flow style", () => {
    fc.assert(
      fc.property(rosterValue, fc.constantFrom(0, 2, 4), (value, flowLevel) => {
        const source = stringify(value, { collectionStyle: flowLevel === 0 ? "any" : "block", indent: flowLevel || 2 });
        const plain = readPlainRoster(source);
        if (plain === undefined) return;
        const library = libraryReading(source);
        expect(plain.value).toStrictEqual(library!.value);
        expect(plain.memberOffsets).toEqual(library!.memberOffsets);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it("reads what export writes without the library (the fast path is the common path)", () => {
    // Written as export writes it: the schema comment, flow maps for team names, block maps for team roles.
    const source = rosterText("valid-export-shape");
    const plain = readPlainRoster(source);
    expect(plain?.value).toStrictEqual(libraryReading(source)!.value);
    expect(plain?.memberOffsets).toEqual([source.indexOf("email: ada"), source.indexOf("email: bob")]);
    expect(plain?.teamKeyOffsets).toEqual(
      new Map([
        ["team-001", source.indexOf("team-001:")],
        ["platform", source.indexOf("platform:")],
      ]),
    );
  });

  it.each([
    ["a duplicate key", "version: 1\nversion: 1\n"],
    ["an anchor", "version: 1\nmembers: &m []\n"],
    ["a tab", "version: 1\nmembers:\n\t- a\n"],
    ["a second document", "version: 1\n---\nversion: 1\n"],
    ["a value continued on the next line", "version: 1\norganization: a\n  b\n"],
    ["a misplaced key", "members:\n  - email: a\n   role: b\n"],
    ["an escape in quotes", 'organization: "a\\tb"\n'],
    ["a number the core schema reads otherwise", "maxRemovals: 0x10\n"],
    ["nothing at all", "# only a comment\n"],
    ["a __proto__ key", "__proto__: 1\n"],
  ])("leaves %s to the library", (_, source) => {
    expect(readPlainRoster(source)).toBeUndefined();
  });
});

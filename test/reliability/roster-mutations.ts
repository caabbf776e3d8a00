/**
 * Hostile and broken roster texts for the loader fuzz: random edits of a
 * valid roster (roster.example.yaml), plus the classic attacks on YAML
 * readers (alias bombs, deep nesting, huge scalars, binary data, BOMs, CRLF).
 * Pure: text and a seeded generator in, text out.
 */
import type { Random } from "./seeded-random.js";

/** A mutated roster and how it was made (printed when a case fails). */
export interface FuzzCase {
  readonly name: string;
  readonly text: string;
}

/** Characters that mean something to YAML, plus whitespace and control characters. */
const YAML_SPECIALS = [":", "-", "[", "]", "{", "}", "&", "*", "!", "|", ">", "'", '"', "%", "@", "`", "#", ",", "?", "\t", "\n", "\r", " ", "\\", "\0", "\u2028", "\uFEFF", "\uD800", "é", "💥", "<<"];
/** Scalars of the wrong kind or shape, dropped in where a value stands. */
const ODD_VALUES = ["~", "null", "true", "0x1F", "1e309", "-1", ".nan", "''", '""', "[]", "{}", "!!binary aGk=", "!!set {a, b}", "!!timestamp 2001-12-14", "!custom x", "2", "1.0", "owner", "OWNER", "billing", "Alice@Acme.Example", "a@b", "@@", "<script>alert(1)</script>", "x".repeat(300), "'unterminated", '"unterminated', "{a: [b, {c: d}]}", "*ref", "&ref v", "? complex key"];

type Mutator = (text: string, random: Random) => string;

function randomOffset(text: string, random: Random): number {
  return text.length === 0 ? 0 : random.int(0, text.length);
}

/** Named text edits; each keeps the result under a few MB. */
export const MUTATORS: Readonly<Record<string, Mutator>> = {
  deleteRange: (text, random) => {
    const at = randomOffset(text, random);
    return text.slice(0, at) + text.slice(at + random.int(1, 40));
  },
  duplicateRange: (text, random) => {
    const at = randomOffset(text, random);
    const piece = text.slice(at, at + random.int(1, 200));
    return text.slice(0, at) + piece + piece + text.slice(at + piece.length);
  },
  insertSpecial: (text, random) => {
    const at = randomOffset(text, random);
    return text.slice(0, at) + random.pick(YAML_SPECIALS) + text.slice(at);
  },
  replaceChar: (text, random) => {
    const at = randomOffset(text, random);
    return text.slice(0, at) + random.pick(YAML_SPECIALS) + text.slice(at + 1);
  },
  truncate: (text, random) => text.slice(0, randomOffset(text, random)),
  swapLines: (text, random) => {
    const lines = text.split("\n");
    const a = random.int(0, lines.length - 1);
    const b = random.int(0, lines.length - 1);
    [lines[a], lines[b]] = [lines[b]!, lines[a]!];
    return lines.join("\n");
  },
  shiftIndent: (text, random) => {
    const lines = text.split("\n");
    const at = random.int(0, lines.length - 1);
    lines[at] = random.chance(0.5) ? " ".repeat(random.int(1, 6)) + lines[at]! : lines[at]!.replace(/^ {1,4}/, "");
    return lines.join("\n");
  },
  replaceValue: (text, random) => {
    const lines = text.split("\n");
    const at = random.int(0, lines.length - 1);
    lines[at] = lines[at]!.replace(/(:\s*|-\s+)([^\s#][^#]*)/, (_, lead: string) => `${lead}${random.pick(ODD_VALUES)}`);
    return lines.join("\n");
  },
  duplicateKeyLine: (text, random) => {
    const lines = text.split("\n");
    const at = random.int(0, lines.length - 1);
    lines.splice(at, 0, lines[at]!);
    return lines.join("\n");
  },
  crlf: (text) => text.replace(/\n/g, "\r\n"),
  loneCr: (text) => text.replace(/\n/g, "\r"),
  bom: (text) => `\uFEFF${text}`,
  doubleBom: (text) => `\uFEFF\uFEFF${text}`,
  binaryBurst: (text, random) => {
    const at = randomOffset(text, random);
    const bytes = Array.from({ length: random.int(1, 64) }, () => String.fromCharCode(random.int(0, 255)));
    return text.slice(0, at) + bytes.join("") + text.slice(at);
  },
  hugeScalar: (text, random) => text.replace(/email: [^\s#]+/, `email: ${"a".repeat(random.int(1_000, 200_000))}@acme.example`),
  manyMembers: (text, random) => {
    const extra = Array.from({ length: random.int(10, 300) }, (_, i) => `  - email: user${i}@acme.example\n    role: member\n    teams: [backend]\n`);
    return `${text.trimEnd()}\n${extra.join("")}`;
  },
  deepFlow: (_text, random) => {
    const depth = random.int(50, 20_000);
    return `version: 1\norganization: acme\nmembers: ${"[".repeat(depth)}${random.chance(0.5) ? "]".repeat(depth) : ""}\n`;
  },
  deepBlock: (_text, random) => {
    const depth = random.int(20, 600);
    const lines = Array.from({ length: depth }, (_, i) => `${" ".repeat(i * 2)}k${i}:`);
    return `version: 1\nmembers:\n${lines.map((line) => `  ${line}`).join("\n")} x\n`;
  },
  aliasBomb: (_text, random) => {
    const levels = random.int(3, 12);
    const lines = ["version: 1", "organization: acme", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < levels; i += 1) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(",")}]`);
    lines.push(`members: *a${levels - 1}`);
    return `${lines.join("\n")}\n`;
  },
  mergeKey: (text) => text.replace(/^members:\n/m, "defaults: &d { role: member }\nmembers:\n  - <<: *d\n    email: merged@acme.example\n"),
  multiDocument: (text) => `${text}\n---\nversion: 1\n`,
  tagged: (text, random) => text.replace(/^version: 1$/m, `version: ${random.pick(["!!str 1", "!!int 1", "!!float 1", "!custom 1", "!<tag:yaml.org,2002:str> 1"])}`),
};

const MUTATOR_NAMES = Object.keys(MUTATORS);

/** `steps` random edits of `base`, named after the edits made. */
export function mutateRoster(base: string, random: Random, steps: number): FuzzCase {
  let text = base;
  const names: string[] = [];
  for (let i = 0; i < steps; i += 1) {
    const name = random.pick(MUTATOR_NAMES);
    names.push(name);
    text = MUTATORS[name]!(text, random);
  }
  return { name: names.join("+"), text };
}

/** The fixed worst cases every run includes, whatever the seed. */
export function fixedHostileCases(base: string): FuzzCase[] {
  const tenMegabytes = `${base}\n# ${"x".repeat(10 * 1024 * 1024)}\n`;
  const binary = String.fromCharCode(...Array.from({ length: 65_536 }, (_, i) => (i * 7919 + 13) % 256));
  const levels = 10;
  const bomb = ["version: 1", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < levels; i += 1) bomb.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(",")}]`);
  bomb.push(`members: *a${levels - 1}`);
  return [
    { name: "ten-megabyte file", text: tenMegabytes },
    { name: "just under the size limit", text: `${base}\n# ${"y".repeat(990_000 - base.length)}\n` },
    { name: "binary data", text: binary },
    { name: "billion laughs alias bomb", text: `${bomb.join("\n")}\n` },
    { name: "deep flow nesting", text: `version: 1\nmembers: ${"[".repeat(200_000)}\n` },
    { name: "deep balanced flow nesting", text: `version: 1\nmembers: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n` },
    { name: "deep map nesting", text: `version: 1\nmembers: ${"{a: ".repeat(60_000)}${"}".repeat(60_000)}\n` },
    { name: "BOM then CRLF", text: `\uFEFF${base.replace(/\n/g, "\r\n")}` },
    { name: "UTF-16 BOM bytes read as UTF-8", text: `\u00FF\u00FE${base}` },
    { name: "empty file", text: "" },
    { name: "only a comment", text: "# nothing\n" },
    { name: "only NUL bytes", text: "\0".repeat(4096) },
    { name: "one huge line", text: `version: 1\norganization: ${"a".repeat(900_000)}\nmembers: []\n` },
    { name: "5,000 members", text: `${base.trimEnd()}\n${Array.from({ length: 5_000 }, (_, i) => `  - email: user${i}@acme.example\n    role: member\n    teams: [backend]\n`).join("")}` },
    { name: "collection as a key", text: `${base}? [a, b]\n: x\n{ teams: [mobile] }: y\n` },
    { name: "lone surrogates", text: base.replace(/alice/g, "\uD800al\uDFFFice") },
  ];
}

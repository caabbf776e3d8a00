// Fails when a comment or a document cites something a reader of this repository
// cannot follow: a .md file that is not in the repository, an id that
// docs/sentry-behaviour.md does not define, a #anchor that is no heading of the
// cited document, or the maintainers' outside notes. See CONTRIBUTING.md
// "Citing knowledge in comments".
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** Files whose text is checked, by ending. */
const CHECKED_ENDINGS = [".ts", ".mjs", ".cjs", ".js", ".md", ".yml", ".yaml"];
/** Folders never checked: generated code, packages, and test data that quotes arbitrary text. */
const SKIPPED_DIRS = new Set(["node_modules", "dist", ".git", "coverage", "golden", "fixtures"]);
/** The document that defines the ids comments cite. */
export const BEHAVIOUR_DOC = "docs/sentry-behaviour.md";

/**
 * The maintainers' notes live outside the repository; naming them leaves a
 * reader with nothing to open. Each entry: what matches, and what to cite instead.
 */
const OUTSIDE_NOTES = [
  { pattern: /\.\.\/shared\b/, advice: "cite a document under docs/ instead" },
  { pattern: /\bsentry-api\.md\b/, advice: `cite ${BEHAVIOUR_DOC} and an id (E1–E14, S2–S11, T1–T31, F01–F65, X1–X5)` },
  { pattern: /(?<![\w/.-])design\.md\b/, advice: "cite the user documentation: docs/roster.md, docs/cli.md, docs/action.md or docs/security.md" },
  { pattern: /\bgithub-actions\.md\b/, advice: "cite docs/action.md or docs/security.md, or say the GitHub fact in the comment" },
  { pattern: /\btrap \d+\b/, advice: `cite ${BEHAVIOUR_DOC} T<n>` },
];

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(text) {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, "")
    .replace(/ /g, "-");
}

/** Every anchor a Markdown file offers: its headings, numbered the way GitHub numbers repeats. */
export function anchorsOf(markdown) {
  const anchors = new Set();
  const seen = new Map();
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = headingAnchor(heading[1].replace(/`/g, ""));
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** The ids docs/sentry-behaviour.md defines: each heading or list entry that starts with one. */
export function behaviourIds(markdown) {
  const ids = new Set();
  for (const match of markdown.matchAll(/^(?:#{2,4}\s+|[-*]\s+\*\*)([ESTFX]\d{1,2})\b/gm)) ids.add(match[1]);
  return ids;
}

function listFiles(root, dir = root, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) listFiles(root, join(dir, entry.name), out);
    } else if (CHECKED_ENDINGS.some((ending) => entry.name.endsWith(ending))) {
      out.push(join(dir, entry.name));
    }
  }
  return out;
}

/** Line number (1-based) of an offset in text. */
function lineAt(text, offset) {
  let line = 1;
  for (let i = 0; i < offset; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/**
 * Every problem in the repository at `root`, as `path:line: message` strings,
 * sorted. Empty when every citation can be followed.
 */
export function checkCitations(root) {
  const problems = [];
  const behaviourPath = join(root, BEHAVIOUR_DOC);
  const ids = existsSync(behaviourPath) ? behaviourIds(readFileSync(behaviourPath, "utf8")) : new Set();
  const anchorCache = new Map();
  const anchorsFor = (path) => {
    if (!anchorCache.has(path)) anchorCache.set(path, anchorsOf(readFileSync(path, "utf8")));
    return anchorCache.get(path);
  };

  for (const file of listFiles(root)) {
    const name = relative(root, file).split(sep).join("/");
    // The check's own test cites broken things on purpose.
    if (name === "scripts/check-citations.test.ts") continue;
    const text = readFileSync(file, "utf8");
    const report = (offset, message) => problems.push(`${name}:${lineAt(text, offset)}: ${message}`);
    // URLs point elsewhere on purpose; blank them out, keeping offsets.
    const scan = text.replace(/\bhttps?:\/\/[^\s)>"'`]+/g, (url) => " ".repeat(url.length));

    for (const { pattern, advice } of OUTSIDE_NOTES) {
      for (const match of scan.matchAll(new RegExp(pattern.source, `${pattern.flags}g`))) {
        report(match.index, `"${match[0]}" names a document outside the repository; ${advice}`);
      }
    }

    const checkTarget = (offset, target, anchor, fromFile) => {
      // A link resolves from the citing file's folder, as GitHub does; a name in a
      // comment or prose from the repository root ("docs/roster.md"), or beside a document.
      const candidates = fromFile ? [resolve(dirname(file), target)] : [resolve(root, target), ...(name.endsWith(".md") ? [resolve(dirname(file), target)] : [])];
      const path = candidates.find((candidate) => candidate.startsWith(root) && existsSync(candidate));
      if (path === undefined) {
        const hint = existsSync(join(root, "docs", target)) ? `; did you mean docs/${target}?` : "";
        report(offset, `cites ${target}, which is not in the repository${hint}`);
        return;
      }
      if (anchor && !anchorsFor(path).has(anchor.slice(1))) {
        report(offset, `cites ${target}${anchor}, but ${relative(root, path).split(sep).join("/")} has no heading with that anchor`);
      }
      if (path === behaviourPath) checkIds(offset, target);
    };
    const checkIds = (offset, target) => {
      const after = scan.slice(scan.indexOf(target, offset) + target.length, offset + target.length + 100);
      const cited = /^(?:#[\w-]+)?(?:[\s,–-]+(?:and\s+|or\s+)?[ESTFX]\d{1,2}\b)+/.exec(after)?.[0] ?? "";
      for (const id of cited.matchAll(/\b[ESTFX]\d{1,2}\b/g)) {
        if (!ids.has(id[0])) report(offset, `cites ${BEHAVIOUR_DOC} ${id[0]}, which that document does not define`);
      }
    };

    // Markdown links first, then blanked out so their text is not read as a second citation.
    let prose = scan;
    for (const match of scan.matchAll(/\[[^\]\n]*\]\(((?:\.{1,2}\/)*[\w./-]*[\w-]\.md)(#[\w-]+)?\)/g)) {
      const [whole, target, anchor] = match;
      if (!OUTSIDE_NOTES.some(({ pattern }) => pattern.test(target))) checkTarget(match.index, target, anchor, true);
      prose = prose.slice(0, match.index) + " ".repeat(whole.length) + prose.slice(match.index + whole.length);
    }
    for (const match of prose.matchAll(/(?<![\w/.$}-])((?:\.{1,2}\/)*[\w-][\w./-]*\.md)\b(#[\w-]+)?/g)) {
      const [, target, anchor] = match;
      if (!OUTSIDE_NOTES.some(({ pattern }) => pattern.test(target))) checkTarget(match.index, target, anchor, false);
    }
  }
  return problems.sort();
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = resolve(process.argv[2] ?? fileURLToPath(new URL("..", import.meta.url)));
  const problems = checkCitations(root);
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) {
    console.error(`${problems.length} citation${problems.length === 1 ? "" : "s"} cannot be followed (see CONTRIBUTING.md, "Citing knowledge in comments").`);
    process.exit(1);
  }
  console.log("every citation can be followed");
}

// Reports every file under src/ of 300 lines or more and every function of 60
// lines or more whose opening comment does not say why ("size: …"); see
// CONTRIBUTING.md "Size". Exits 1 when there is one, unless run with --report-only.
import { readFileSync, readdirSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** A file this long is hard to hold in one's head; split it or say why not. */
export const MAX_FILE_LINES = 300;
/** A function this long does several jobs; split it or say why not. */
export const MAX_FUNCTION_LINES = 60;
/** The word an opening comment starts its reason with. */
const REASON = /\bsize:\s*\S/;

function listSources(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listSources(path, out);
    else if (entry.name.endsWith(".ts")) out.push(path);
  }
  return out;
}

/** The comments right above `node` (its doc comment), as text. */
function openingComment(text, node) {
  const ranges = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  return ranges.map((range) => text.slice(range.pos, range.end)).join("\n");
}

/** The node whose leading comments document a function: the statement a const arrow function sits in. */
function documentedNode(node) {
  let current = node;
  while (current.parent && (ts.isVariableDeclaration(current.parent) || ts.isVariableDeclarationList(current.parent) || ts.isVariableStatement(current.parent) || ts.isPropertyAssignment(current.parent) || ts.isExportAssignment(current.parent))) {
    current = current.parent;
  }
  return current;
}

function functionName(node) {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const holder = documentedNode(node);
  if (ts.isVariableStatement(holder)) {
    const declaration = holder.declarationList.declarations[0];
    if (declaration && ts.isIdentifier(declaration.name)) return declaration.name.text;
  }
  if (ts.isPropertyAssignment(node.parent) && ts.isIdentifier(node.parent.name)) return node.parent.name.text;
  return "(anonymous function)";
}

const FUNCTION_KINDS = new Set([
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
]);

/**
 * The size problems of one TypeScript source: the file itself (unless its first
 * comment gives a reason) and, outside tests, each long function without a
 * reason in its doc comment. Test files are exempt from the function limit:
 * their `describe` callbacks are lists of cases, not functions that do a job.
 */
export function sizeProblems(name, text) {
  const problems = [];
  const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
  if (lines >= MAX_FILE_LINES) {
    const first = ts.getLeadingCommentRanges(text, 0) ?? [];
    const statement = source.statements.find((node) => !ts.isImportDeclaration(node));
    const comments = first.map((range) => text.slice(range.pos, range.end)).join("\n") + (statement ? openingComment(text, statement) : "");
    if (!REASON.test(comments)) problems.push(`${name}:1: ${lines} lines (limit ${MAX_FILE_LINES}); split the file, or say why in its first comment ("size: …")`);
  }
  if (name.endsWith(".test.ts")) return problems;
  const visit = (node) => {
    if (FUNCTION_KINDS.has(node.kind) && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const length = end - start + 1;
      if (length >= MAX_FUNCTION_LINES && !REASON.test(openingComment(text, documentedNode(node)))) {
        problems.push(`${name}:${start + 1}: function ${functionName(node)} has ${length} lines (limit ${MAX_FUNCTION_LINES}); split it, or say why in its doc comment ("size: …")`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

/** Every size problem under `root`/src, sorted by file and line. */
export function checkSize(root) {
  return listSources(join(root, "src"))
    .sort()
    .flatMap((file) => sizeProblems(relative(root, file).split(sep).join("/"), readFileSync(file, "utf8")));
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const reportOnly = args.includes("--report-only");
  const root = resolve(args.find((arg) => !arg.startsWith("--")) ?? fileURLToPath(new URL("..", import.meta.url)));
  const problems = checkSize(root);
  for (const problem of problems) console.error(problem);
  if (problems.length === 0) console.log(`every file under src/ is under ${MAX_FILE_LINES} lines and every function under ${MAX_FUNCTION_LINES}, or says why`);
  else if (reportOnly) console.error(`${problems.length} size problem${problems.length === 1 ? "" : "s"} (report only for now; see CONTRIBUTING.md "Size")`);
  else {
    console.error(`${problems.length} size problem${problems.length === 1 ? "" : "s"} (see CONTRIBUTING.md "Size")`);
    process.exit(1);
  }
}

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { sizeProblems } from "./check-size.mjs";

const SCRIPT = fileURLToPath(new URL("./check-size.mjs", import.meta.url));

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

function check(files: Record<string, string>, ...flags: string[]): { status: number | null; output: string } {
  const root = mkdtempSync(join(tmpdir(), "check-size-"));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const run = spawnSync(process.execPath, [SCRIPT, ...flags, root], { encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** The problems of one file, checked in-process (the CLI itself is tested once below). */
function problems(name: string, text: string): string {
  return sizeProblems(name, text).join("\n");
}

/** A function declaration of exactly `lines` lines, with `comment` above it. */
function aFunction(name: string, lines: number, comment = ""): string {
  const body = Array.from({ length: lines - 4 }, (_, i) => `  total += ${i};`).join("\n");
  return `${comment}export function ${name}(): number {\n  let total = 0;\n${body}\n  return total;\n}\n`;
}

/** `count` lines of constants. */
function filler(count: number): string {
  return Array.from({ length: count }, (_, i) => `export const C${i} = ${i};`).join("\n") + "\n";
}

describe("check-size", () => {
  it("passes a short file of short functions", () => {
    const result = check({ "src/a.ts": aFunction("small", 59) });
    expect(result.output).toContain("every file under src/ is under 300 lines");
    expect(result.status).toBe(0);
  });

  it("fails on a function of 60 lines without a reason, naming file, line and function", () => {
    const result = check({ "src/plan/a.ts": `// first line\n${aFunction("doesTooMuch", 60)}` });
    expect(result.status).toBe(1);
    expect(result.output).toContain("src/plan/a.ts:2: function doesTooMuch has 60 lines (limit 60)");
  });

  it("accepts a long function whose doc comment says why", () => {
    expect(problems("src/a.ts", aFunction("oneTable", 80, "/**\n * One table of cases.\n * size: the cases read best as one list.\n */\n"))).toBe("");
    expect(problems("src/a.ts", aFunction("oneTable", 80, "/** One table of cases. */\n"))).toContain("function oneTable has 80 lines");
  });

  it("finds long arrow functions and methods, and reads the comment above a const", () => {
    const arrow = `export const run = () => {\n${filler(60)}};\n`.replace(/export const C/g, "  const c");
    const method = `export class K {\n  work(): void {\n${filler(60).replace(/export const C/g, "    const c")}  }\n}\n`;
    expect(problems("src/a.ts", arrow)).toContain("src/a.ts:1: function run has 62 lines");
    expect(problems("src/a.ts", method)).toContain("src/a.ts:2: function work has 62 lines");
    expect(problems("src/a.ts", `/** size: generated table. */\n${arrow}`)).toBe("");
  });

  it("fails on a file of 300 lines, and accepts one whose first comment says why", () => {
    expect(problems("src/a.ts", filler(300))).toContain("src/a.ts:1: 300 lines (limit 300)");
    expect(problems("src/a.ts", filler(299))).toBe("");
    const explained = `import { x } from "./x.js";\n/**\n * Every check in one pass.\n * size: one table of checks.\n */\n${filler(300)}`;
    expect(problems("src/a.ts", explained)).toBe("");
  });

  it("applies only the file limit to tests, whose describe blocks are lists of cases", () => {
    const cases = `describe("x", () => {\n${filler(100).replace(/export const C/g, "  const c")}});\n`;
    expect(problems("src/a.test.ts", cases)).toBe("");
    expect(problems("src/a.test.ts", filler(300))).toContain("300 lines (limit 300)");
  });

  it("only reports, exiting 0, with --report-only", () => {
    const result = check({ "src/a.ts": aFunction("doesTooMuch", 70) }, "--report-only");
    expect(result.output).toContain("function doesTooMuch has 70 lines");
    expect(result.status).toBe(0);
  });
});

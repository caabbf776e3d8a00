/**
 * The roster loader fuzz: feeds mutated rosters to the pure loader
 * (parseRosterText) and checks each answer is a clear issue list or a
 * DesiredState, never a thrown exception, within a time bound.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ISSUE_SEVERITY, type RosterIssue } from "../../src/domain/roster-issue.js";
import type { LoadRosterResult } from "../../src/roster/load-roster.js";
import { parseRosterText } from "../../src/roster/validate-roster.js";
import { fixedHostileCases, mutateRoster, type FuzzCase } from "./roster-mutations.js";
import { seededRandom } from "./seeded-random.js";

/** A file of the repository, found by walking up from this module (which may run bundled, from node_modules/.cache). */
export function repoFile(relative: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) || !existsSync(join(dir, "roster.example.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the repository above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return join(dir, relative);
}

/** The valid roster every mutation starts from. */
export const EXAMPLE_ROSTER_PATH = repoFile("roster.example.yaml");
/** One roster may take this long to check, worst case included (a 1 MB file on a slow CI core). */
export const MAX_CASE_MS = 5_000;
/** Longest issue message we call "clear": one line a person reads, not a dump. */
export const MAX_MESSAGE_CHARS = 500;

/** The valid example roster's text. */
export function exampleRoster(): string {
  return readFileSync(EXAMPLE_ROSTER_PATH, "utf8");
}

/** The figures of one fuzz run. */
export interface RosterFuzzFigures {
  readonly seed: number;
  readonly cases: number;
  readonly valid: number;
  readonly invalid: number;
  /** Cases that threw, answered garbage, or took too long: must be empty. */
  readonly failures: readonly string[];
  readonly slowestMs: number;
  readonly slowestCase: string;
}

/** Why an answer is not a clear issue list or a success, or undefined when it is. */
export function judgeLoaderResult(result: LoadRosterResult, file: string): string | undefined {
  if (!Array.isArray(result.issues)) return "issues is not a list";
  const hasError = result.issues.some((issue) => issue.severity === ISSUE_SEVERITY.Error);
  if (hasError === (result.desired !== undefined)) return `desired is ${result.desired ? "set" : "missing"} although ${hasError ? "an error" : "no error"} was reported`;
  if (!hasError && result.desired && !Array.isArray(result.desired.members)) return "desired has no member list";
  for (const issue of result.issues) {
    const problem = judgeIssue(issue, file);
    if (problem) return `${problem}: ${JSON.stringify(issue).slice(0, 300)}`;
  }
  return undefined;
}

function judgeIssue(issue: RosterIssue, file: string): string | undefined {
  if (issue.file !== file) return "issue names another file";
  if (!Number.isInteger(issue.line) || issue.line < 1 || !Number.isInteger(issue.col) || issue.col < 1) return "issue has no valid position";
  if (typeof issue.message !== "string" || issue.message.trim() === "") return "issue has no message";
  for (const text of [issue.message, issue.hint ?? ""]) {
    if (text.length > MAX_MESSAGE_CHARS) return `issue text is ${text.length} characters long`;
    if (/[\r\n]/.test(text)) return "issue text spans several lines";
    if (/\n\s+at |at .+\.(?:js|ts):\d+/.test(text)) return "issue text holds a stack trace";
    if (/\bundefined\b|\[object Object\]/.test(text)) return "issue text shows an internal value";
  }
  return undefined;
}

/** Checks one case; returns the failure line or undefined, and the time it took. */
export function runRosterCase(fuzzCase: FuzzCase, file = "roster.yaml"): { failure: string | undefined; ms: number; valid: boolean } {
  const started = performance.now();
  let failure: string | undefined;
  let valid = false;
  try {
    const result = parseRosterText(file, fuzzCase.text);
    valid = result.desired !== undefined;
    failure = judgeLoaderResult(result, file);
  } catch (error) {
    failure = `threw ${error instanceof Error ? `${error.name}: ${error.message.split("\n")[0]}` : String(error)}`;
  }
  const ms = performance.now() - started;
  if (!failure && ms > MAX_CASE_MS) failure = `took ${Math.round(ms)} ms (limit ${MAX_CASE_MS} ms)`;
  return { failure, ms, valid };
}

/** `count` mutated rosters from `seed` (plus the fixed hostile cases), each judged. */
export function runRosterFuzz(options: { seed: number; count: number; includeFixed?: boolean }): RosterFuzzFigures {
  const base = exampleRoster();
  const random = seededRandom(options.seed);
  const cases: FuzzCase[] = options.includeFixed === false ? [] : fixedHostileCases(base);
  const failures: string[] = [];
  let valid = 0;
  let slowestMs = 0;
  let slowestCase = "";
  const total = cases.length + options.count;
  for (let i = 0; i < total; i += 1) {
    const fuzzCase = i < cases.length ? cases[i]! : mutateRoster(base, random, random.int(1, 6));
    const { failure, ms, valid: ok } = runRosterCase(fuzzCase);
    if (ms > slowestMs) {
      slowestMs = ms;
      slowestCase = fuzzCase.name;
    }
    if (failure) failures.push(`seed ${options.seed}, case ${i} (${fuzzCase.name}): ${failure}`);
    else if (ok) valid += 1;
  }
  return { seed: options.seed, cases: total, valid, invalid: total - valid - failures.length, failures, slowestMs, slowestCase };
}

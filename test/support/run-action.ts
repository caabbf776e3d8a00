import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { COMPILE_CACHE_ENV, finished } from "./run-dist.js";

/** The built Action, as the runner starts it. */
export const DIST_ACTION = fileURLToPath(new URL("../../dist/index.js", import.meta.url));

/** Every input's value as the runner would pass it (defaults filled in by the runner, so by the test). */
export const RUNNER_DEFAULTS: Readonly<Record<string, string>> = {
  "sentry-token": "",
  "sentry-url": "https://sentry.io",
  organization: "",
  roster: "roster.yaml",
  mode: "auto",
  "github-token": "",
  comment: "true",
  "mask-emails": "",
  "require-reviewed-plan": "true",
  "require-approval": "false",
  "fail-on-drift": "false",
  "drift-issue": "false",
};

/** One Action run, as a workflow step would see it. */
export interface ActionRunOptions {
  /** Inputs by their action.yml names; missing ones get RUNNER_DEFAULTS. */
  readonly inputs: Readonly<Record<string, string>>;
  readonly eventName: string;
  /** The event payload (written to GITHUB_EVENT_PATH). */
  readonly payload: unknown;
  /** The repository checkout (GITHUB_WORKSPACE, and the process's cwd). */
  readonly workspace: string;
  /** Loopback URLs of the fake GitHub. */
  readonly github: { readonly apiUrl: string; readonly graphqlUrl: string; readonly serverUrl: string };
  readonly sha?: string;
  readonly ref?: string;
  readonly repository?: string;
  readonly runId?: number;
  /** More environment, e.g. proxy variables the runner passes on. */
  readonly env?: Readonly<Record<string, string>>;
  /** Called with the running process, e.g. to signal it as a runner cancelling the job does. */
  readonly onStart?: (child: ChildProcess) => void;
}

/** What the step left behind. */
export interface ActionRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Outputs parsed from the GITHUB_OUTPUT heredoc blocks. */
  readonly outputs: Record<string, string>;
  /** The job summary Markdown (GITHUB_STEP_SUMMARY). */
  readonly summary: string;
  /** RUNNER_TEMP, where the plan file goes. */
  readonly runnerTemp: string;
}

/**
 * Runs dist/index.js the way the runner does: INPUT_* names with hyphens kept,
 * GITHUB_OUTPUT/GITHUB_STEP_SUMMARY files, the payload at GITHUB_EVENT_PATH,
 * GitHub URLs pointing at the fake, GITHUB_ACTIONS=true, PATH and the compile cache; nothing else
 * from the parent environment.
 */
export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  const home = mkdtempSync(join(tmpdir(), "sentry-roster-runner-"));
  const runnerTemp = join(home, "temp");
  mkdirSync(runnerTemp);
  const outputFile = join(home, "output");
  const summaryFile = join(home, "summary");
  const eventFile = join(home, "event.json");
  writeFileSync(outputFile, "");
  writeFileSync(summaryFile, "");
  writeFileSync(eventFile, JSON.stringify(options.payload));
  const inputs = { ...RUNNER_DEFAULTS, ...options.inputs };
  const env: Record<string, string> = {
    PATH: process.env["PATH"] ?? "",
    ...COMPILE_CACHE_ENV,
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: options.repository ?? "acme/people",
    GITHUB_SHA: options.sha ?? "f".repeat(40),
    GITHUB_REF: options.ref ?? "refs/heads/main",
    GITHUB_RUN_ID: String(options.runId ?? 4242),
    GITHUB_WORKSPACE: options.workspace,
    RUNNER_TEMP: runnerTemp,
    GITHUB_API_URL: options.github.apiUrl,
    GITHUB_GRAPHQL_URL: options.github.graphqlUrl,
    GITHUB_SERVER_URL: options.github.serverUrl,
  };
  Object.assign(env, options.env);
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
  const child = spawn(process.execPath, [DIST_ACTION], { cwd: options.workspace, env, stdio: ["ignore", "pipe", "pipe"] });
  options.onStart?.(child);
  const run = await finished(child);
  return {
    ...run,
    outputs: parseOutputFile(readFileSync(outputFile, "utf8")),
    summary: readFileSync(summaryFile, "utf8"),
    runnerTemp,
  };
}

/** Reads `name<<DELIMITER\nvalue\nDELIMITER` blocks (what core.setOutput appends). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index += 1) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[index] ?? "");
    if (!match) continue;
    const [, name, delimiter] = match as unknown as [string, string, string];
    const value: string[] = [];
    for (index += 1; index < lines.length && lines[index] !== delimiter; index += 1) value.push(lines[index] ?? "");
    outputs[name] = value.join("\n");
  }
  return outputs;
}

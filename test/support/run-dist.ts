import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The built CLI, as users and the runner start it. */
export const DIST_CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

/**
 * Node's on-disk compile cache for the built files, shared by every run the
 * tests start: it only saves parsing and compiling dist/ again in each new
 * process (a third of an Action run's start-up CPU) and changes nothing else.
 */
export const COMPILE_CACHE_ENV: Readonly<Record<string, string>> = {
  NODE_COMPILE_CACHE: fileURLToPath(new URL("../../node_modules/.cache/dist-compile-cache", import.meta.url)),
};

/** What a finished CLI run left behind. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `dist/cli.js ARGS` with this Node (process.execPath) in a clean
 * environment: PATH, the compile cache and the given variables only, so no
 * developer token or SENTRY_* setting leaks into a test.
 */
export function runCli(
  args: readonly string[],
  options: { env?: Record<string, string>; cwd?: string; input?: string } = {},
): Promise<CliRun> {
  const child = spawn(process.execPath, [DIST_CLI, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env["PATH"] ?? "", ...COMPILE_CACHE_ENV, ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  // A run that exits before reading its input (--help) closes the pipe first: that EPIPE is
  // no failure of the run (its exit code and output are what tests check), and unhandled it
  // would crash the test worker.
  child.stdin?.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") child.emit("error", error);
  });
  child.stdin?.end(options.input ?? "");
  return finished(child);
}

/** Resolves, once `child` (spawned with piped stdout and stderr) has exited, with its exit code (-1 after a signal) and all it printed. */
export function finished(child: ChildProcess): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

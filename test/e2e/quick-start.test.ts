import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { DIST_CLI, finished, type CliRun } from "../support/run-dist.js";

// The quick start of docs/cli.md#try-it-on-a-sandbox, run verbatim: the sandbox in one shell, the
// user's commands (with the exports the sandbox printed) in another, sentry-roster being dist/cli.js.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The shell block that follows a `<!-- quick start, terminal N` comment in docs/cli.md. */
function quickStartBlock(terminal: 1 | 2): string {
  const docs = readFileSync(join(ROOT, "docs/cli.md"), "utf8");
  const match = new RegExp(`<!-- quick start, terminal ${terminal}[^>]*-->\\n\`\`\`sh\\n([\\s\\S]*?)\\n\`\`\``).exec(docs);
  if (!match?.[1]) throw new Error(`docs/cli.md has no quick start block for terminal ${terminal}`);
  return match[1];
}

function run(command: string, options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<CliRun> {
  return finished(spawn("bash", ["-e", "-c", command], { ...options, stdio: ["ignore", "pipe", "pipe"] }));
}

let sandbox: ChildProcess | undefined;
/** Signals the sandbox's whole process group; a group that already exited (ESRCH) is fine. */
function signalSandboxGroup(signal: NodeJS.Signals): void {
  if (sandbox?.pid === undefined) return;
  try {
    process.kill(-sandbox.pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

afterEach(() => {
  if (sandbox?.exitCode === null) signalSandboxGroup("SIGKILL");
  sandbox = undefined;
});

/** Starts terminal 1's command and waits for the exports it prints. */
function startSandbox(): Promise<{ exports: string; output: () => string; stopped: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", quickStartBlock(1)], { cwd: ROOT, env: process.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    sandbox = child;
    let stdout = "";
    const stopped = new Promise<number>((done) => child.on("close", (code) => done(code ?? -1)));
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (stdout.includes("Press Ctrl-C to stop.")) {
        const exports = stdout.split("\n").filter((line) => line.startsWith("export ")).join("\n");
        resolve({ exports, output: () => stdout, stopped });
      }
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.on("error", reject);
    void stopped.then((code) => reject(new Error(`the sandbox exited (${code}) before it was ready:\n${stdout}`)));
  });
}

describe("the quick start of docs/cli.md", () => {
  it("runs verbatim against npm run sandbox and ends with plan saying No changes", { timeout: 120_000 }, async () => {
    const started = await startSandbox();
    expect(started.exports).toMatch(/^export SENTRY_URL=http:\/\/127\.0\.0\.1:\d+\nexport SENTRY_AUTH_TOKEN=\S+\nexport SENTRY_ORG=sandbox$/);

    const work = mkdtempSync(join(tmpdir(), "sentry-roster-quick-start-"));
    const bin = join(work, "bin");
    mkdirSync(bin);
    // What `npm link` puts on PATH: sentry-roster running dist/cli.js.
    writeFileSync(join(bin, "sentry-roster"), `#!/bin/sh\nexec "${process.execPath}" "${DIST_CLI}" "$@"\n`);
    chmodSync(join(bin, "sentry-roster"), 0o755);
    const script = `${started.exports}\n${quickStartBlock(2)}`;
    const result = await run(script, { cwd: work, env: { PATH: `${bin}:${process.env["PATH"] ?? ""}`, HOME: work } });

    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toContain("+ invite as member, to team-001 (contributor)");
    expect(result.stdout).toMatch(/Applied 1 of 1 change to sandbox\./);
    expect(result.stdout.match(/No changes\. Sentry matches the roster\./g)).toHaveLength(2);
    expect(result.stdout.trimEnd().endsWith("No changes. Sentry matches the roster.")).toBe(true);

    // Ctrl-C reaches the whole foreground group (bash, npm, the server); the server says it stopped.
    signalSandboxGroup("SIGINT");
    await started.stopped;
    expect(started.output()).toMatch(/Stopped: served \d+ requests \(\d+ writes\)\./);
  });
});

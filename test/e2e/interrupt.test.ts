/**
 * Ctrl-C during apply, through the built dist/cli.js (docs/cli.md#interrupting-apply):
 * a 150-invite apply against the fake (with latency) gets SIGINT after about
 * 20 writes. It must finish the write in flight and send nothing more,
 * print what was applied and what is left, and exit 130; apply again must
 * converge without inviting anyone twice. Behaviour, not timing: the
 * assertion is on the writes the fake received after the signal.
 * Sentry's invite rate limit is not what these tests are about, so the fake
 * lifts it: 150 invites at 40 a second would only add seconds of waiting.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FakeSentry } from "../fakes/fake-sentry.js";
import { describe, expect, test } from "../support/fixtures.js";
import { runAction } from "../support/run-action.js";
import { COMPILE_CACHE_ENV, DIST_CLI, runCli } from "../support/run-dist.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const EXAMPLE_ORG = join(ROOT, "test/fixtures/orgs/example-org.json");
const TOKEN = "sntryu_owner_token_0123456789abcdef";
const INVITES = 150;
const GITHUB_TOKEN = "ghs_fake_workflow_token_0123456789";
const HEAD_SHA = "1".repeat(40);
const MERGE_SHA = "2".repeat(40);
const WRITES_BEFORE_SIGNAL = 20;
/** Every answer waits this long, so the signal lands while writes are going on. */
const LATENCY_MS = 40;
/** No rate-limit windows to wait for (docs/sentry-behaviour.md S3 is pinned elsewhere). */
const NO_INVITE_LIMIT = { membersIndexLimit: 10_000 };

const NEWCOMERS = Array.from({ length: INVITES }, (_, i) => `new${String(i).padStart(3, "0")}@example.com`);
const ROSTER = `version: 1
organization: acme
teams:
  backend: {}
ignore: [alice@example.com, bob@example.com, dave@example.com, erin@example.com, frank@example.com, grace@example.com, ci-bot@example.com]
members:
${NEWCOMERS.map((email) => `  - email: ${email}\n    role: member\n    teams: [backend]\n`).join("")}`;

const writes = (server: FakeSentry) => server.requests.filter((request) => request.method !== "GET");

/**
 * Runs apply and sends `signal` once the fake has seen `after` writes (and
 * `again`, if given, once the CLI says it is stopping); resolves with what the CLI printed.
 */
function applyInterrupted(server: FakeSentry, dir: string, signal: NodeJS.Signals, after: number, again?: NodeJS.Signals) {
  return new Promise<{ code: number | null; stdout: string; stderr: string; writesAtSignal: number }>((resolve, reject) => {
    const child = spawn(process.execPath, [DIST_CLI, "apply", "--yes", "--snapshot", join(dir, "snapshot.json")], {
      cwd: dir,
      env: { PATH: process.env["PATH"] ?? "", ...COMPILE_CACHE_ENV, SENTRY_AUTH_TOKEN: TOKEN, SENTRY_URL: server.url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let writesAtSignal = -1;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    let sentAgain = false;
    const poll = setInterval(() => {
      if (writesAtSignal < 0 && writes(server).length >= after) {
        writesAtSignal = writes(server).length;
        child.kill(signal);
      } else if (again && !sentAgain && stderr.includes("received: finishing the write in flight")) {
        sentAgain = true;
        child.kill(again);
      }
    }, 5);
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(poll);
      resolve({ code, stdout, stderr, writesAtSignal });
    });
  });
}

describe("interrupting apply", { timeout: 60_000 }, () => {
  test("SIGINT: finishes the write in flight, sends nothing more, reports what is left, exits 130; apply again converges with no duplicate invite", async ({ startSentry }) => {
    const fake = await startSentry(EXAMPLE_ORG, NO_INVITE_LIMIT);
    fake.faults.setLatency(LATENCY_MS);
    const dir = mkdtempSync(join(tmpdir(), "sentry-roster-interrupt-"));
    writeFileSync(join(dir, "roster.yaml"), ROSTER);

    const run = await applyInterrupted(fake, dir, "SIGINT", WRITES_BEFORE_SIGNAL);
    expect(run.code, run.stderr).toBe(130);
    expect(run.writesAtSignal).toBeGreaterThanOrEqual(WRITES_BEFORE_SIGNAL);
    // Nothing after the signal but the write that was in flight.
    const sent = writes(fake).length;
    expect(sent).toBeLessThanOrEqual(run.writesAtSignal + 1);
    const applied = fake.state().members.filter((member) => NEWCOMERS.includes(member.email)).length;
    expect(applied).toBe(sent);
    expect(run.stdout).toContain(`Applied ${applied} of ${INVITES} changes to acme (${INVITES - applied} not run)`);
    expect(run.stdout).toMatch(/interrupted by SIGINT: the write in flight was finished and nothing more was sent; run apply again to finish/);
    expect(run.stdout).toContain(`Snapshot of the org before apply: ${join(dir, "snapshot.json")}`);
    expect(run.stdout).not.toContain("Converged");
    expect(run.stderr).toMatch(/SIGINT received: finishing the write in flight/);
    expect(run.stderr).not.toMatch(/\n\s+at /);

    fake.faults.setLatency(0);
    const again = await runCli(["apply", "--yes"], { cwd: dir, env: { SENTRY_AUTH_TOKEN: TOKEN, SENTRY_URL: fake.url } });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`Applied ${INVITES - applied} of ${INVITES - applied} changes to acme.`);
    expect(again.stdout).toContain("Converged");
    const invited = fake.state().members.filter((member) => NEWCOMERS.includes(member.email.toLowerCase()));
    expect(invited).toHaveLength(INVITES);
    expect(new Set(invited.map((member) => member.email.toLowerCase())).size).toBe(INVITES);
    expect(writes(fake).filter((request) => request.method === "POST" && request.status !== 201)).toEqual([]);
  });

  test("SIGTERM (a runner cancelling the job) stops the same way", async ({ startSentry }) => {
    const fake = await startSentry(EXAMPLE_ORG, NO_INVITE_LIMIT);
    fake.faults.setLatency(LATENCY_MS);
    const dir = mkdtempSync(join(tmpdir(), "sentry-roster-interrupt-"));
    writeFileSync(join(dir, "roster.yaml"), ROSTER);
    const run = await applyInterrupted(fake, dir, "SIGTERM", 5);
    expect(run.code, run.stderr).toBe(130);
    expect(writes(fake).length).toBeLessThanOrEqual(run.writesAtSignal + 1);
    expect(run.stdout).toMatch(/interrupted by SIGTERM/);
  });

  test("a second signal exits at once, without waiting for the write in flight", async ({ startSentry }) => {
    const fake = await startSentry(EXAMPLE_ORG, NO_INVITE_LIMIT);
    // Long enough that the write in flight is still waiting when the second signal comes;
    // writes only, so the reads before them do not wait.
    fake.faults.setLatency(2_000, { method: "POST" });
    const dir = mkdtempSync(join(tmpdir(), "sentry-roster-interrupt-"));
    writeFileSync(join(dir, "roster.yaml"), ROSTER);
    const run = await applyInterrupted(fake, dir, "SIGINT", 1, "SIGINT");
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toMatch(/SIGINT again: exiting now/);
    // Only the plan, printed before the first write; no report.
    expect(run.stdout).toMatch(/^Sentry organization acme\n/);
    expect(run.stdout).not.toMatch(/Applied|interrupted/);
    expect(writes(fake).length).toBeLessThanOrEqual(run.writesAtSignal + 1);
  });

  test("the Action, cancelled by the runner mid-apply, stops writing and reports in the job summary and the PR comment", async ({ startSentry, startGitHub }) => {
    const fake = await startSentry(EXAMPLE_ORG, NO_INVITE_LIMIT);
    const github = await startGitHub({ tokens: { [GITHUB_TOKEN]: { login: "github-actions[bot]" } } });
    const dir = mkdtempSync(join(tmpdir(), "sentry-roster-interrupt-"));
    writeFileSync(join(dir, "roster.yaml"), ROSTER);
    const urls = { apiUrl: github.apiUrl, graphqlUrl: github.graphqlUrl, serverUrl: github.url };
    const inputs = { "sentry-token": TOKEN, "sentry-url": fake.url, "github-token": GITHUB_TOKEN, "mask-emails": "false" };
    const planned = await runAction({
      eventName: "pull_request",
      payload: { pull_request: { number: 7, head: { sha: HEAD_SHA }, base: { ref: "main" } }, repository: { private: true, default_branch: "main" } },
      ref: "refs/pull/7/merge",
      workspace: dir,
      github: urls,
      inputs,
    });
    expect(planned.code, planned.stdout).toBe(0);
    github.setPulls(MERGE_SHA, [{ number: 7, merged_at: "2026-11-23T10:00:00Z", merge_commit_sha: MERGE_SHA, head: { sha: HEAD_SHA } }]);
    fake.faults.setLatency(LATENCY_MS);
    const server = fake;
    let writesAtSignal = -1;
    let poll: NodeJS.Timeout | undefined;
    const applied = await runAction({
      eventName: "push",
      payload: { ref: "refs/heads/main", after: MERGE_SHA, repository: { private: true, default_branch: "main" } },
      ref: "refs/heads/main",
      sha: MERGE_SHA,
      workspace: dir,
      github: urls,
      inputs,
      onStart: (child) => {
        poll = setInterval(() => {
          if (writesAtSignal < 0 && writes(server).length >= 5) {
            writesAtSignal = writes(server).length;
            child.kill("SIGINT");
          }
        }, 5);
      },
    });
    clearInterval(poll);
    expect(writesAtSignal).toBeGreaterThanOrEqual(5);
    expect(writes(fake).length).toBeLessThanOrEqual(writesAtSignal + 1);
    expect(applied.code).toBe(1);
    expect(applied.stdout).toMatch(/::error::applied \d+ of 150 changes to acme; \d+ not run, the job was cancelled: nothing more was sent; re-run the job to finish/);
    expect(applied.summary).toMatch(/interrupted by SIGINT/);
    const log = github.comments(7).find((comment) => comment.body.includes("sentry-roster:apply-log"))?.body ?? "";
    expect(log).toMatch(/interrupted by SIGINT/);
  });
});

/**
 * Every file the CLI and the Action write names members (snapshots, saved
 * plans, exported rosters): each must be readable by its owner only (0600),
 * and the directory the CLI picks for snapshots by its owner only (0700).
 * Through the built dist/cli.js and dist/index.js (docs/security.md).
 */
import { chmodSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "../support/fixtures.js";
import { rosterText } from "../support/rosters.js";
import { runAction } from "../support/run-action.js";
import { runCli } from "../support/run-dist.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const EXAMPLE_ORG = join(ROOT, "test/fixtures/orgs/example-org.json");
const TOKEN = "sntryu_owner_token_0123456789abcdef";
const GITHUB_TOKEN = "ghs_fake_workflow_token_0123456789";
const MERGE_SHA = "2".repeat(40);
const HEAD_SHA = "1".repeat(40);

const ROSTER = rosterText("example-three-changes");

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), "sentry-roster-modes-"));
  writeFileSync(join(dir, "roster.yaml"), ROSTER);
  return dir;
}

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe.concurrent("files that name members are private (0600)", { timeout: 60_000 }, () => {
  test("CLI: plan --out, export --out, apply --snapshot (even over an existing 0644 file) and the default snapshot", async ({ startSentry }) => {
    const sentry = await startSentry(EXAMPLE_ORG);
    const dir = workdir();
    const env = { SENTRY_AUTH_TOKEN: TOKEN, SENTRY_URL: sentry.url };
    const plan = await runCli(["plan", "--out", "plan.json"], { cwd: dir, env });
    expect(plan.code, plan.stderr).toBe(0);
    expect(modeOf(join(dir, "plan.json"))).toBe(0o600);
    expect(readFileSync(join(dir, "plan.json"), "utf8")).toContain("heidi@example.com");

    const exported = await runCli(["export", "--org", "acme", "--out", "exported.yaml"], { cwd: dir, env });
    expect(exported.code, exported.stderr).toBe(0);
    expect(modeOf(join(dir, "exported.yaml"))).toBe(0o600);

    // A file left readable by an older version is narrowed before the snapshot goes in.
    const named = join(dir, "before.json");
    writeFileSync(named, "{}");
    chmodSync(named, 0o644);
    const applied = await runCli(["apply", "--yes", "--snapshot", named], { cwd: dir, env });
    expect(applied.code, applied.stderr).toBe(0);
    expect(modeOf(named)).toBe(0o600);
    expect(readFileSync(named, "utf8")).toContain("alice@example.com");

    // The default snapshot lands in a fresh directory only the user can open.
    writeFileSync(join(dir, "roster.yaml"), ROSTER.replace("frank@example.com\n    role: member", "frank@example.com\n    role: manager"));
    const again = await runCli(["apply", "--yes", "--json"], { cwd: dir, env: { ...env, TMPDIR: dir } });
    expect(again.code, again.stderr).toBe(0);
    const snapshot = (JSON.parse(again.stdout) as { snapshot: string }).snapshot;
    expect(snapshot.startsWith(dir)).toBe(true);
    expect(modeOf(snapshot)).toBe(0o600);
    expect(modeOf(dirname(snapshot))).toBe(0o700);
  });

  test("Action: the plan file and the snapshot under RUNNER_TEMP", async ({ startSentry, startGitHub }) => {
    const sentry = await startSentry(EXAMPLE_ORG);
    const github = await startGitHub({ tokens: { [GITHUB_TOKEN]: { login: "github-actions[bot]" } } });
    const dir = workdir();
    const urls = { apiUrl: github.apiUrl, graphqlUrl: github.graphqlUrl, serverUrl: github.url };
    const inputs = { "sentry-token": TOKEN, "sentry-url": sentry.url, "github-token": GITHUB_TOKEN };
    const planned = await runAction({
      eventName: "pull_request",
      payload: { pull_request: { number: 7, head: { sha: HEAD_SHA }, base: { ref: "main" } }, repository: { private: true, default_branch: "main" } },
      ref: "refs/pull/7/merge",
      workspace: dir,
      github: urls,
      inputs,
    });
    expect(planned.code, planned.stdout).toBe(0);
    expect(modeOf(planned.outputs["plan-file"] ?? "")).toBe(0o600);

    github.setPulls(MERGE_SHA, [{ number: 7, merged_at: "2026-11-23T10:00:00Z", merge_commit_sha: MERGE_SHA, head: { sha: HEAD_SHA } }]);
    const applied = await runAction({
      eventName: "push",
      payload: { ref: "refs/heads/main", after: MERGE_SHA, repository: { private: true, default_branch: "main" } },
      ref: "refs/heads/main",
      sha: MERGE_SHA,
      workspace: dir,
      github: urls,
      inputs,
    });
    expect(applied.code, applied.stdout).toBe(0);
    const written = readdirSync(applied.runnerTemp);
    expect(written.some((name) => name.includes("snapshot"))).toBe(true);
    for (const name of written) expect([name, modeOf(join(applied.runnerTemp, name))]).toEqual([name, 0o600]);
  });
});

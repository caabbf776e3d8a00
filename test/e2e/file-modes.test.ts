/**
 * Every file the CLI and the Action write names members (snapshots, saved
 * plans, exported rosters): each must be readable by its owner only (0600),
 * and the directory the CLI picks for snapshots by its owner only (0700).
 * Through the built dist/cli.js and dist/index.js (docs/security.md).
 */
import { chmodSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { applyOnPush, EXAMPLE_ORG, HEAD_SHA, MERGE_SHA, planOnPr, ROSTER, test, workspace, WRITE_TOKEN as TOKEN } from "../support/action-e2e.js";
import { describe, expect } from "../support/fixtures.js";
import { runCli } from "../support/run-dist.js";

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe.concurrent("files that name members are private (0600)", { timeout: 60_000 }, () => {
  test("CLI: plan --out, export --out, apply --snapshot (even over an existing 0644 file) and the default snapshot", async ({ startSentry }) => {
    const sentry = await startSentry(EXAMPLE_ORG);
    const dir = workspace();
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

  test("Action: the plan file and the snapshot under RUNNER_TEMP", async ({ startActionFakes }) => {
    const fake = await startActionFakes();
    const dir = workspace();
    const planned = await planOnPr(dir, fake);
    expect(planned.code, planned.stdout).toBe(0);
    expect(modeOf(planned.outputs["plan-file"] ?? "")).toBe(0o600);

    fake.github.setPulls(MERGE_SHA, [{ number: 7, merged_at: "2026-11-23T10:00:00Z", merge_commit_sha: MERGE_SHA, head: { sha: HEAD_SHA } }]);
    const applied = await applyOnPush(dir, fake);
    expect(applied.code, applied.stdout).toBe(0);
    const written = readdirSync(applied.runnerTemp);
    expect(written.some((name) => name.includes("snapshot"))).toBe(true);
    for (const name of written) expect([name, modeOf(join(applied.runnerTemp, name))]).toEqual([name, 0o600]);
  });
});

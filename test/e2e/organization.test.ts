import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, OWNER_TOKEN, test } from "../support/fixtures.js";
import { rosterText } from "../support/rosters.js";
import { runCli } from "../support/run-dist.js";

// Every command picks the organization the same way (docs/cli.md#choosing-the-organization).
const ROSTER = rosterText("example-alice-bob");

function workdir(roster: string): string {
  const dir = mkdtempSync(join(tmpdir(), "sentry-roster-org-"));
  writeFileSync(join(dir, "team.yaml"), roster);
  return dir;
}

// Every test has its own fake and directory, so they run concurrently.
describe.concurrent("choosing the organization", () => {
  test("uses the roster's organization over SENTRY_ORG in plan and apply alike (regression: apply used SENTRY_ORG)", async ({ startSentry }) => {
    const fake = await startSentry();
    const dir = workdir(ROSTER);
    const env = { SENTRY_AUTH_TOKEN: OWNER_TOKEN, SENTRY_URL: fake.url, SENTRY_ORG: "other" };
    const plan = await runCli(["plan", "team.yaml"], { cwd: dir, env });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain("Sentry organization acme");
    const apply = await runCli(["apply", "team.yaml", "--yes"], { cwd: dir, env });
    expect(apply.stderr).not.toContain('organization "other"');
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toContain("to acme");
    expect(fake.requests.some((request) => request.path.includes("/other/"))).toBe(false);
  });

  test("uses SENTRY_ORG when the roster names no organization", async ({ startSentry }) => {
    const fake = await startSentry();
    const dir = workdir(ROSTER.replace("organization: acme\n", ""));
    const plan = await runCli(["plan", "team.yaml"], { cwd: dir, env: { SENTRY_AUTH_TOKEN: OWNER_TOKEN, SENTRY_URL: fake.url, SENTRY_ORG: "acme" } });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain("Sentry organization acme");
  });

  test("refuses an --org other than the roster's before reading Sentry or printing a plan, in plan and apply", async ({ startSentry }) => {
    const fake = await startSentry();
    const dir = workdir(ROSTER);
    const env = { SENTRY_AUTH_TOKEN: OWNER_TOKEN, SENTRY_URL: fake.url };
    for (const args of [["plan", "team.yaml", "--org", "other"], ["apply", "team.yaml", "--yes", "--org", "other"]]) {
      const run = await runCli(args, { cwd: dir, env });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain('--org other differs from the organization "acme" that team.yaml names');
    }
    expect(fake.requests).toEqual([]);
  });

  test("export needs --org or SENTRY_ORG and says so", async ({ startSentry }) => {
    const fake = await startSentry();
    const run = await runCli(["export"], { env: { SENTRY_AUTH_TOKEN: OWNER_TOKEN, SENTRY_URL: fake.url } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("which organization? Pass --org SLUG or set SENTRY_ORG");
  });
});

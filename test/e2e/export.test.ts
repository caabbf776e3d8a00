import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "../support/fixtures.js";
import { GENERATED_OWNER_TOKEN, generateOrg } from "../fakes/generate-org.js";
import { runCli, type CliRun } from "../support/run-dist.js";

const EXAMPLE_ORG = new URL("../fixtures/orgs/example-org.json", import.meta.url).pathname;
const OWNER = "sntryu_owner_token_0123456789abcdef";
const NO_TEAM_SCOPE = "sntryu_noteam_token_0123456789abcdef";


function expectNoToken(run: CliRun, token: string): void {
  expect(run.stdout).not.toContain(token);
  expect(run.stderr).not.toContain(token);
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Σ⌈n/100⌉ for lists of n rows, at least one page each. */
function pages(n: number): number {
  return Math.max(1, Math.ceil(n / 100));
}

describe.concurrent("sentry-roster export (dist/cli.js)", () => {
  test("writes the example org as a roster that validate accepts", async ({ startSentry }) => {
    const fake = await startSentry(EXAMPLE_ORG);
    const dir = mkdtempSync(join(tmpdir(), "export-"));
    const out = join(dir, "roster.yaml");
    const run = await runCli(["export", "--org", "acme", "--url", fake.url, "--out", out], {
      env: { SENTRY_AUTH_TOKEN: OWNER },
    });
    expect(run).toMatchObject({ code: 0, stdout: "", stderr: `wrote ${out}: 6 members, 3 teams, 1 expired invite under ignore\n` });
    const roster = readFileSync(out, "utf8");
    expect(roster).toContain("organization: acme");
    expect(roster).toContain("bob@example.com");
    const validate = await runCli(["validate", out]);
    expect(validate.stderr).toBe("");
    expect(validate.code).toBe(0);
    expect(fake.requests.every((r) => r.method === "GET" && r.userAgent?.startsWith("sentry-roster/"))).toBe(true);
    expectNoToken(run, OWNER);
  });

  test("round-trips: plan with the exported roster against the same org has no changes", async ({ startSentry }) => {
    const fake = await startSentry(generateOrg({ members: 120, teams: 6, seed: 2 }));
    const dir = mkdtempSync(join(tmpdir(), "export-plan-"));
    const out = join(dir, "roster.yaml");
    const env = { SENTRY_AUTH_TOKEN: GENERATED_OWNER_TOKEN };
    expect((await runCli(["export", "--org", "bigco", "--url", fake.url, "--out", out], { env })).code).toBe(0);
    const plan = await runCli(["plan", out, "--url", fake.url, "--json"], { env });
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(0);
    const parsed = JSON.parse(plan.stdout) as { changes: unknown[]; drift: unknown[]; violations: unknown[] };
    expect(parsed.changes).toEqual([]);
    expect(parsed.drift).toEqual([]);
    expect(parsed.violations).toEqual([]);
  });

  test("prints the roster on stdout without --out, and it does not depend on SENTRY_ORG vs --org", async ({ startSentry }) => {
    const fake = await startSentry(EXAMPLE_ORG);
    const byFlag = await runCli(["export", "--org", "acme", "--url", fake.url], { env: { SENTRY_AUTH_TOKEN: OWNER } });
    const byEnv = await runCli(["export"], {
      env: { SENTRY_AUTH_TOKEN: OWNER, SENTRY_ORG: "acme", SENTRY_URL: fake.url },
    });
    expect(byFlag.code).toBe(0);
    expect(byFlag.stdout).toContain("version: 1");
    expect(byEnv.stdout).toBe(byFlag.stdout);
  });

  test(
    "exports a 1,000-member, 50-team org within the request bound, and validate accepts it",
    { timeout: 60_000 },
    async ({ startSentry }) => {
      const seed = generateOrg({ members: 1000, teams: 50, seed: 7 });
      const fake = await startSentry(seed);
      const dir = mkdtempSync(join(tmpdir(), "export-big-"));
      const out = join(dir, "roster.yaml");
      const run = await runCli(["export", "--org", "bigco", "--url", fake.url, "--out", out], {
        env: { SENTRY_AUTH_TOKEN: GENERATED_OWNER_TOKEN },
      });
      expect(run.stderr).toMatch(/^wrote .*roster\.yaml: \d+ members, 50 teams, \d+ expired invites under ignore\n$/);
      expect(run.code).toBe(0);
      const perTeam = seed.teams.map((t) => seed.members.filter((m) => m.teams && t.slug in m.teams).length);
      const bound =
        pages(seed.members.length) + pages(seed.teams.length) + perTeam.reduce((sum, n) => sum + pages(n), 0) + 2;
      expect(fake.requests.length).toBeLessThanOrEqual(bound);
      const validate = await runCli(["validate", out]);
      expect(validate.code).toBe(0);
      const roster = readFileSync(out, "utf8");
      const ignored = roster.match(/expired invite as /g)?.length ?? 0;
      expect(ignored).toBeGreaterThan(0);
      expect((roster.match(/- email: /g)?.length ?? 0) + ignored).toBe(1000);
    },
  );

  test(
    "gives byte-identical output for 1,000 members and 50 teams with 20% injected 5xx, 429 bursts and connection resets",
    { timeout: 60_000 },
    async ({ startSentry }) => {
      const seed = generateOrg({ members: 1000, teams: 50, seed: 3 });
      const fake = await startSentry(seed);
      const env = { SENTRY_AUTH_TOKEN: GENERATED_OWNER_TOKEN };
      const clean = await runCli(["export", "--org", "bigco", "--url", fake.url], { env });
      expect(clean.code).toBe(0);
      const cleanCount = fake.requests.length;
      fake.clearLog();
      fake.faults.setRandom({ rate: 0.2, kinds: ["500", "502", "503", "429", "reset"], seed: 11, maxPerRequest: 2 });
      // A burst: the next six requests, whichever they are, are rate limited.
      fake.faults.failNext(6, "429");
      const faulty = await runCli(["export", "--org", "bigco", "--url", fake.url], { env });
      expect(faulty.stderr).toBe("");
      expect(faulty.code).toBe(0);
      expect(faulty.stdout).toBe(clean.stdout);
      // Faults really happened, and were retried.
      const failed = fake.requests.filter(
        (r) => r.status === "reset" || (typeof r.status === "number" && r.status >= 429),
      );
      expect(failed.length).toBeGreaterThan(0);
      expect(fake.requests.length).toBe(cleanCount + failed.length);
    },
  );

  test("names the token problem on a 401, in one line, exit 1", async ({ startSentry }) => {
    const fake = await startSentry(EXAMPLE_ORG);
    const token = "sntryu_not_a_real_token_at_all_42";
    const run = await runCli(["export", "--org", "acme", "--url", fake.url], { env: { SENTRY_AUTH_TOKEN: token } });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "sentry-roster export: Sentry rejected the token (HTTP 401 on GET /api/0/organizations/acme/): check SENTRY_AUTH_TOKEN\n",
    );
    expectNoToken(run, token);
  });

  test("names the likely missing scope on a 403", async ({ startSentry }) => {
    const fake = await startSentry(EXAMPLE_ORG);
    const run = await runCli(["export", "--org", "acme", "--url", fake.url], {
      env: { SENTRY_AUTH_TOKEN: NO_TEAM_SCOPE },
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("HTTP 403");
    expect(run.stderr).toContain("team:read");
    expectNoToken(run, NO_TEAM_SCOPE);
  });

  test("says the organization was not found at the URL on a 404", async ({ startSentry }) => {
    const fake = await startSentry(EXAMPLE_ORG);
    const run = await runCli(["export", "--org", "nope", "--url", fake.url], { env: { SENTRY_AUTH_TOKEN: OWNER } });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `sentry-roster export: organization "nope" not found at ${fake.url}: check --org (or SENTRY_ORG) and --url (or SENTRY_URL)\n`,
    );
  });

  test("says it cannot reach an unreachable host", async () => {
    const port = await closedPort();
    const run = await runCli(["export", "--org", "acme", "--url", `http://127.0.0.1:${port}`], {
      env: { SENTRY_AUTH_TOKEN: OWNER },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `sentry-roster export: cannot reach http://127.0.0.1:${port} (ECONNREFUSED): check --url (or SENTRY_URL), DNS, and the proxy variables HTTPS_PROXY, HTTP_PROXY and NO_PROXY\n`,
    );
    expectNoToken(run, OWNER);
  });

  test("refuses plain http to a non-loopback host before sending the token", async () => {
    const run = await runCli(["export", "--org", "acme", "--url", "http://sentry.example.com"], {
      env: { SENTRY_AUTH_TOKEN: OWNER },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("must use https");
  });

  test("says in one line when --out cannot be written", async ({ startSentry }) => {
    const fake = await startSentry(EXAMPLE_ORG);
    const out = join(mkdtempSync(join(tmpdir(), "export-bad-")), "missing", "roster.yaml");
    const run = await runCli(["export", "--org", "acme", "--url", fake.url, "--out", out], {
      env: { SENTRY_AUTH_TOKEN: OWNER },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`sentry-roster export: cannot write ${out}: its folder does not exist\n`);
  });

  test("asks for the organization when neither --org nor SENTRY_ORG is given", async () => {
    const run = await runCli(["export", "--url", "http://127.0.0.1:9"], { env: { SENTRY_AUTH_TOKEN: OWNER } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Pass --org SLUG or set SENTRY_ORG");
  });

  test("works against a server under a path prefix, and reads pages by cursor even when Link names another host", async ({ startSentry }) => {
    const seed = generateOrg({ members: 250, teams: 3, seed: 5 });
    const fake = await startSentry(seed, { pathPrefix: "/sentry", linkBaseUrl: "https://bigco.sentry.invalid" });
    const run = await runCli(["export", "--org", "bigco", "--url", `${fake.url}/`], {
      env: { SENTRY_AUTH_TOKEN: GENERATED_OWNER_TOKEN },
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect((run.stdout.match(/- email: /g)?.length ?? 0) + (run.stdout.match(/expired invite as /g)?.length ?? 0)).toBe(250);
    const memberPages = fake.requests.filter((r) => r.path === "/api/0/organizations/bigco/members/");
    expect(memberPages.map((r) => r.query["cursor"] ?? "")).toEqual(["", "100:1:0", "100:2:0"]);
  });

  test("exports a self-hosted org (no rate-limit headers, admin not retired) that plans with no changes", async ({ startSentry }) => {
    const fake = await startSentry(new URL("../fixtures/orgs/self-hosted-org.json", import.meta.url).pathname);
    const env = { SENTRY_AUTH_TOKEN: "sntryu_selfhosted_owner_token_77aa" };
    const dir = mkdtempSync(join(tmpdir(), "export-sh-"));
    const out = join(dir, "roster.yaml");
    const run = await runCli(["export", "--org", "sentry", "--url", fake.url, "--out", out], { env });
    expect(run.stderr).toMatch(/^wrote .*roster\.yaml: \d+ members?, \d+ teams?\n$/);
    expect(readFileSync(out, "utf8")).toContain("role: admin");
    const plan = await runCli(["plan", out, "--url", fake.url, "--json"], { env });
    expect(plan.code).toBe(0);
    expect((JSON.parse(plan.stdout) as { changes: unknown[] }).changes).toEqual([]);
  });

  test("writes --out files that other commands can read back unchanged", async ({ startSentry }) => {
    const fake = await startSentry(EXAMPLE_ORG);
    const dir = mkdtempSync(join(tmpdir(), "export-rt-"));
    const out = join(dir, "roster.yaml");
    writeFileSync(out, "stale");
    const run = await runCli(["export", "--org", "acme", "--url", fake.url, "--out", out], {
      env: { SENTRY_AUTH_TOKEN: OWNER },
    });
    expect(run.code).toBe(0);
    const stdout = await runCli(["export", "--org", "acme", "--url", fake.url], { env: { SENTRY_AUTH_TOKEN: OWNER } });
    expect(readFileSync(out, "utf8")).toBe(stdout.stdout);
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planRequestBound } from "../../bench/lower-bound.js";
import type { FakeSentry, OrgSeed, SeedMember } from "../fakes/fake-sentry.js";
import { readSeedFile } from "../fakes/fake-sentry/seed.js";
import { generateOrg, GENERATED_OWNER_TOKEN } from "../fakes/generate-org.js";
import { describe, EXAMPLE_ORG, expect, OWNER_TOKEN, test, type SharedFixtures } from "../support/fixtures.js";
import { runCli, type CliRun } from "../support/run-dist.js";

/**
 * The refusals and identity rules of Sentry, end to end through dist/cli.js
 * against the fake: SCIM teams and partnership members are skipped, not
 * failed; a member named by another email of their account is that member;
 * an invitee gets its team role in the same run; role changes have a rail.
 */

/** Frank's invite (2026-01-02) is still fresh then: no re-invite in these plans. */
const JANUARY = Date.parse("2026-01-10T00:00:00Z");

function exampleOrg(change: (seed: OrgSeed) => OrgSeed = (seed) => seed): OrgSeed {
  return change(readSeedFile(EXAMPLE_ORG));
}

/** The fake on `seed`, in January (closed after the test). */
function start(startSentry: SharedFixtures["startSentry"], seed: OrgSeed): Promise<FakeSentry> {
  return startSentry(seed, { now: () => JANUARY });
}

function cli(server: FakeSentry, roster: string, args: readonly string[], token = OWNER_TOKEN): Promise<CliRun> {
  const dir = mkdtempSync(join(tmpdir(), "sentry-roster-rules-"));
  writeFileSync(join(dir, "roster.yaml"), roster);
  return runCli(args, { cwd: dir, env: { SENTRY_AUTH_TOKEN: token, SENTRY_URL: server.url } });
}

interface PlanJson {
  changes: { action: string; email?: string; team?: string; to?: string }[];
  skipped: { action: string; email?: string; team?: string; reason: string; detail: string }[];
  warnings: { message: string }[];
  violations: { rule: string; message: string }[];
}

async function planJson(server: FakeSentry, roster: string): Promise<PlanJson> {
  const run = await cli(server, roster, ["plan", "--json"]);
  expect(run.stderr).not.toContain("Error");
  return JSON.parse(run.stdout) as PlanJson;
}

/** The example org exactly as a roster (Erin's SCIM team left unmanaged), with `policy` and extra lines. */
function exampleRoster(options: { policy?: string; bob?: string; dave?: string; extra?: string } = {}): string {
  return `version: 1
organization: acme
policy: { unlisted: remove${options.policy ?? ""} }
teams:
  backend: {}
  frontend: {}
ignore: [ci-bot@example.com]
members:
  - email: alice@example.com
    role: owner
    teams: [backend]
${options.bob ?? "  - email: bob@example.com\n    role: member\n    teams: { backend: admin, frontend: contributor }"}
${options.dave ?? "  - email: dave@example.com\n    role: manager\n    teams: [frontend]"}
  - email: erin@example.com
    role: member
  - email: frank@example.com
    role: member
  - email: grace@example.com
    role: member
    teams: [frontend]
${options.extra ?? ""}`;
}

// Every test has its own fake and directories, so they run concurrently.
describe.concurrent("sentry-roster and Sentry's refusals", () => {
  test("skips the thirteen edits of a SCIM team, applies the promotion and the removal, and meets no 403", async ({ startSentry }) => {
    const newcomers: SeedMember[] = Array.from({ length: 12 }, (_, i) => ({ id: String(200 + i), email: `p${i}@example.com`, role: "member" }));
    const server = await start(startSentry, exampleOrg((seed) => ({ ...seed, members: [...seed.members, ...newcomers] })));
    const roster = `version: 1
organization: acme
policy: { unlisted: remove }
teams:
  backend: {}
  frontend: {}
  platform: {}
members:
  - email: alice@example.com
    role: owner
    teams: [backend]
  - email: bob@example.com
    role: manager
    teams: [backend, frontend]
  - email: dave@example.com
    role: manager
    teams: [frontend]
  - email: erin@example.com
    role: member
  - email: frank@example.com
    role: member
  - email: grace@example.com
    role: member
    teams: [frontend]
${newcomers.map((m) => `  - email: ${m.email}\n    role: member\n    teams: [platform]\n`).join("")}`;
    const plan = await planJson(server, roster);
    const scim = plan.skipped.filter((skip) => skip.reason === "idp-provisioned" && skip.team === "platform");
    expect(scim).toHaveLength(13);
    expect(scim.filter((skip) => skip.action === "add-to-team")).toHaveLength(12);
    expect(scim.find((skip) => skip.action === "remove-from-team")).toMatchObject({ email: "erin@example.com" });
    expect(scim[0]?.detail).toContain("identity provider");
    expect(plan.changes.map((change) => [change.action, change.email])).toEqual([
      ["set-role", "bob@example.com"],
      ["remove-member", "ci-bot@example.com"],
    ]);
    const text = await cli(server, roster, ["plan"]);
    expect(text.stdout).toContain("idp-provisioned");

    server.clearLog();
    const run = await cli(server, roster, ["apply", "--yes"]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const state = server.state();
    expect(state.members.find((m) => m.email === "bob@example.com")?.role).toBe("manager");
    expect(state.members.some((m) => m.email === "ci-bot@example.com")).toBe(false);
    expect(server.requests.filter((request) => request.status === 403)).toEqual([]);
  });

  test("takes a roster address that is another email of a member's account as that member: no invite, no removal, one warning", async ({ startSentry }) => {
    const server = await start(startSentry, exampleOrg((seed) => ({ ...seed, members: seed.members.map((m) => (m.id === "102" ? { ...m, emails: ["Bob.Jones@example.com"] } : m)) })));
    const roster = exampleRoster({ bob: "  - email: bob.jones@example.com\n    role: member\n    teams: { backend: admin, frontend: contributor }" });
    const plan = await planJson(server, roster);
    expect(plan.changes).toEqual([]);
    expect(plan.skipped).toEqual([]);
    expect(plan.warnings).toHaveLength(1);
    expect(plan.warnings[0]?.message).toContain('add "aliases: [bob@example.com]"');
    server.clearLog();
    const run = await cli(server, roster, ["apply", "--yes"]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(server.requests.filter((request) => request.method !== "GET")).toEqual([]);
  });

  test("skips the role change of a member an active partnership manages, and apply meets no 403", async ({ startSentry }) => {
    const server = await start(startSentry, 
      exampleOrg((seed) => ({ ...seed, members: seed.members.map((m) => (m.id === "103" ? { ...m, flags: { "partnership:restricted": true } } : m)) })),
    );
    const roster = exampleRoster({ dave: "  - email: dave@example.com\n    role: member\n    teams: [frontend]" });
    const plan = await planJson(server, roster);
    expect(plan.changes).toEqual([]);
    expect(plan.skipped).toMatchObject([{ action: "set-role", email: "dave@example.com", reason: "partnership-restricted" }]);
    expect(plan.skipped[0]?.detail).toContain("partnership");
    const run = await cli(server, roster, ["apply", "--yes"]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(server.requests.filter((request) => request.status === 403)).toEqual([]);
    expect(server.state().members.find((m) => m.id === "103")?.role).toBe("manager");
  });

  test("leaves invitees with the team role the roster asks for after one apply", async ({ startSentry }) => {
    const server = await start(startSentry, exampleOrg());
    const roster = exampleRoster({
      extra: "  - email: carol@example.com\n    role: member\n    teams: { backend: admin }\n",
    }).replace("  - email: grace@example.com\n    role: member\n    teams: [frontend]", "  - email: grace@example.com\n    role: member\n    teams: { frontend: admin }");
    const run = await cli(server, roster, ["apply", "--yes"]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("Converged");
    const members = server.state().members;
    expect(members.find((m) => m.email === "carol@example.com")).toMatchObject({ pending: true, teams: { backend: "admin" } });
    expect(members.find((m) => m.email === "grace@example.com")).toMatchObject({ pending: true, teams: { frontend: "admin" } });
  });

  test("judges the apply token's scopes before its first write: a role change it lacks member:admin for is skipped", async ({ startSentry }) => {
    const TEAM_ONLY = "sntryu_owner_team_only_0123456789abcdef";
    const server = await start(startSentry, 
      exampleOrg((seed) => ({
        ...seed,
        tokens: [...seed.tokens, { token: TEAM_ONLY, kind: "user", memberId: "101", scopes: ["org:read", "member:read", "member:invite", "team:read", "team:write"] }],
      })),
    );
    const roster = exampleRoster({ dave: "  - email: dave@example.com\n    role: member\n    teams: [frontend, backend]" });
    const run = await cli(server, roster, ["apply", "--yes"], TEAM_ONLY);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("member:admin");
    expect(server.requests.filter((request) => request.method === "PUT")).toEqual([]);
    expect(server.state().members.find((m) => m.id === "103")).toMatchObject({ role: "manager", teams: { backend: null, frontend: null } });
  });

  test("refuses 30 promotions by default and lets them through with maxRoleChanges: 50", async ({ startSentry }) => {
    const staff: SeedMember[] = Array.from({ length: 30 }, (_, i) => ({ id: String(300 + i), email: `s${i}@example.com`, role: "member" }));
    const server = await start(startSentry, exampleOrg((seed) => ({ ...seed, members: [...seed.members, ...staff] })));
    const promoted = staff.map((m) => `  - email: ${m.email}\n    role: manager\n`).join("");
    const refused = await cli(server, exampleRoster({ extra: promoted }), ["plan", "--json"]);
    expect(refused.code).toBe(1);
    const violations = (JSON.parse(refused.stdout) as PlanJson).violations;
    expect(violations).toMatchObject([{ rule: "max-role-changes" }]);
    expect(violations[0]?.message).toContain("policy.maxRoleChanges is 10");
    const allowed = await planJson(server, exampleRoster({ policy: ", maxRoleChanges: 50", extra: promoted }));
    expect(allowed.violations).toEqual([]);
    expect(allowed.changes.filter((change) => change.action === "set-role")).toHaveLength(30);
  });
});

describe("sentry-roster's reads", () => {
  test(
    "plans the 1,000 × 50 bench org with no more requests than the lower bound + 2, and looks nothing up when all match",
    { timeout: 60_000 },
    async ({ startSentry }) => {
      const seed = generateOrg({ members: 1000, teams: 50, seed: 7 });
      const server = await startSentry(seed);
      const dir = mkdtempSync(join(tmpdir(), "sentry-roster-bench-"));
      const env = { SENTRY_AUTH_TOKEN: GENERATED_OWNER_TOKEN, SENTRY_URL: server.url };
      const exported = await runCli(["export", "--org", "bigco", "--out", join(dir, "roster.yaml")], { env });
      expect(exported.code, exported.stderr).toBe(0);
      server.clearLog();
      const run = await runCli(["plan", "--json"], { cwd: dir, env });
      expect(run.code, run.stderr).toBe(0);
      const plan = JSON.parse(run.stdout) as PlanJson;
      // Everyone the roster names matched a listed member: nothing to invite, nothing to look up.
      expect(plan.changes.filter((change) => change.action === "invite")).toEqual([]);
      const bound = planRequestBound({
        members: seed.members.length,
        teams: seed.teams.length,
        teamMemberCounts: seed.teams.map((team) => seed.members.filter((m) => m.teams && team.slug in m.teams).length),
      });
      expect(server.requests.filter((request) => request.query["query"] !== undefined)).toEqual([]);
      expect(server.requests.length).toBeLessThanOrEqual(bound.total + 2);
      expect(readFileSync(join(dir, "roster.yaml"), "utf8")).toContain("bigco");
    },
  );
});

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OrgSeed } from "../fakes/fake-sentry.js";
import { ALL_SCOPES } from "../fakes/generate-org.js";
import { describe, expect, test, type SharedFixtures } from "../support/fixtures.js";
import { rosterText } from "../support/rosters.js";
import { runCli } from "../support/run-dist.js";

const OWNER_TOKEN = "sntryu_plan_owner_token_0123456789abcdef";
const READONLY_TOKEN = "sntryu_plan_readonly_token_0123456789abcdef";
const NOW = Date.parse("2026-11-23T12:00:00.000Z");

/** An org that differs from ROSTER in every way a plan can express. */
const SEED: OrgSeed = {
  organization: {
    id: "4501",
    slug: "acme",
    name: "Acme",
    features: ["invite-members", "team-roles"],
    openMembership: false,
    allowMemberInvite: true,
    mode: "sentry.io",
  },
  teams: [
    { id: "11", slug: "backend", name: "Backend" },
    { id: "12", slug: "frontend", name: "Frontend" },
    { id: "13", slug: "legacy", name: "Legacy" },
  ],
  members: [
    { id: "101", email: "alice@example.com", name: "Alice", role: "owner", teams: { backend: null } },
    { id: "102", email: "bob@example.com", name: "Bob", role: "member", teams: { backend: "admin", frontend: null } },
    { id: "103", email: "dave@example.com", name: "Dave", role: "manager", teams: { frontend: null } },
    {
      id: "105",
      email: "frank@example.com",
      role: "member",
      pending: true,
      invitedAt: "2026-01-02T00:00:00.000Z",
      inviterId: "101",
    },
    { id: "108", email: "hank@example.com", name: "Hank", role: "member" },
    { id: "109", email: "ivan@example.com", name: "Ivan", role: "member", teams: { legacy: null } },
  ],
  tokens: [
    { token: OWNER_TOKEN, kind: "user", memberId: "101", scopes: [...ALL_SCOPES] },
    { token: READONLY_TOKEN, kind: "user", memberId: "101", scopes: ["org:read", "member:read", "team:read"] },
  ],
};

const ROSTER = rosterText("plan-every-change-kind");

/** A temp folder holding roster.yaml with the given text. */
function rosterDir(text = ROSTER): string {
  const dir = mkdtempSync(join(tmpdir(), "sentry-roster-plan-"));
  writeFileSync(join(dir, "roster.yaml"), text);
  return dir;
}

async function plan(startSentry: SharedFixtures["startSentry"], args: readonly string[], options: { token?: string; roster?: string } = {}) {
  const fake = await startSentry(SEED, { now: () => NOW });
  const cwd = rosterDir(options.roster);
  const run = await runCli(["plan", ...args], {
    cwd,
    env: { SENTRY_AUTH_TOKEN: options.token ?? OWNER_TOKEN, SENTRY_URL: fake.url },
  });
  return { run, cwd, fake };
}

describe.concurrent("sentry-roster plan (dist/cli.js against the fake Sentry)", () => {
  test("prints every change kind as JSON and sends only GET requests", async ({ startSentry }) => {
    const { run, fake } = await plan(startSentry, ["--json"]);
    expect(run.stderr).not.toContain(OWNER_TOKEN);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as {
      formatVersion: number;
      digest: string;
      changes: { id: string; action: string; email?: string; team?: string }[];
      drift: { kind: string }[];
    };
    expect(json.formatVersion).toBe(1);
    expect(json.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(json.changes.map((change) => [change.action, change.email ?? change.team])).toEqual([
      ["create-team", "design"],
      ["invite", "carol@example.com"],
      ["reinvite", "frank@example.com"],
      ["add-to-team", "bob@example.com"],
      ["set-team-role", "bob@example.com"],
      ["remove-from-team", "bob@example.com"],
      ["set-role", "dave@example.com"],
      ["remove-member", "hank@example.com"],
    ]);
    // hank's removal is planned, so he is not reported as drift as well.
    expect(json.drift).toEqual([{ kind: "unmanaged-team", team: "legacy" }]);
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(fake.requests.filter((request) => request.method !== "GET")).toEqual([]);
  });

  test("prints the text plan, exits 2 with --detailed-exitcode and saves the JSON with --out", async ({ startSentry }) => {
    const { run, cwd } = await plan(startSentry, ["--detailed-exitcode", "--out", "plan.json"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(
      "bob@example.com\n  + add to team design as contributor\n  ~ team backend role admin -> contributor\n  - remove from team frontend\n",
    );
    expect(run.stdout.trimEnd().endsWith("Plan: 1 new team, 2 invites, 1 role change, 3 team edits, 1 removal.")).toBe(
      true,
    );
    expect(run.stdout).not.toContain("\u001b[");
    expect(run.stdout).not.toContain("Warnings:");
    const saved = JSON.parse(readFileSync(join(cwd, "plan.json"), "utf8")) as { changes: unknown[] };
    expect(saved.changes).toHaveLength(8);
  });

  test("exits 0 with --detailed-exitcode when Sentry already matches the roster", async ({ startSentry }) => {
    const roster = rosterText("plan-converged");
    const { run } = await plan(startSentry, ["--detailed-exitcode"], { roster });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("No changes. Sentry matches the roster.");
  });

  test("prints roster errors like validate, exits 1 and never contacts Sentry", async ({ startSentry }) => {
    const { run, fake } = await plan(startSentry, [], {
      roster: ROSTER.replace("role: manager", "role: manger").replace(
        "role: member\n    teams: [frontend]",
        "role: membr\n    teams: [frontend]",
      ),
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^roster\.yaml:\d+:\d+: /m);
    expect(run.stderr).toContain("Sentry was not contacted");
    expect(fake.requests).toEqual([]);
  });

  test("shows a plan apply would refuse and exits 1 saying why", async ({ startSentry }) => {
    const { run } = await plan(startSentry, [], {
      roster: ROSTER.replace("  unlisted: remove", "  unlisted: remove\n  maxRemovals: 0"),
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("This plan would be refused");
    expect(run.stderr).toContain(
      "sentry-roster plan: this plan would be refused: The plan removes 1 member; policy.maxRemovals is 0.",
    );
  });

  test("plans with a read-only token, leaving token checks to apply", async ({ startSentry }) => {
    const { run, fake } = await plan(startSentry, ["--json"], { token: READONLY_TOKEN });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { changes: unknown[] }).changes).toHaveLength(8);
    expect(fake.requests.every((request) => request.method === "GET")).toBe(true);
  });

  test("reads SENTRY_ORG when the roster names no organization", async ({ startSentry }) => {
    const fake = await startSentry(SEED, { now: () => NOW });
    const cwd = rosterDir(ROSTER.replace("organization: acme\n", ""));
    const run = await runCli(["plan", "--json"], {
      cwd,
      env: { SENTRY_AUTH_TOKEN: OWNER_TOKEN, SENTRY_URL: fake.url, SENTRY_ORG: "acme" },
    });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { organization: string }).organization).toBe("acme");
  });

  test("prints its help, and refuses an unknown option with a usage line", async () => {
    const help = await runCli(["plan", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--detailed-exitcode");
    const bad = await runCli(["plan", "--bogus"], { env: { SENTRY_AUTH_TOKEN: OWNER_TOKEN } });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--bogus");
    expect(bad.stdout).toBe("");
  });

  test("explains a missing token without contacting Sentry", async ({ startSentry }) => {
    const fake = await startSentry(SEED, { now: () => NOW });
    const run = await runCli(["plan"], { cwd: rosterDir(), env: { SENTRY_URL: fake.url } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^sentry-roster plan: SENTRY_AUTH_TOKEN is not set/);
    expect(fake.requests).toEqual([]);
  });

  test("reports a rejected token in one line without the token or a stack trace", async ({ startSentry }) => {
    const { run } = await plan(startSentry, [], { token: "sntryu_wrong_token_0123456789abcdef" });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).not.toContain("sntryu_wrong_token");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

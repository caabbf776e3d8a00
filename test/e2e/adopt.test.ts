import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document, parseDocument } from "yaml";
import type { FakeSentry, OrgSeed } from "../fakes/fake-sentry.js";
import { ALL_SCOPES } from "../fakes/generate-org.js";
import { describe, expect, test, type SharedFixtures } from "../support/fixtures.js";
import { runCli, type CliRun } from "../support/run-dist.js";

// Adopting an org: export, then plan at once, must be "No changes" (docs/cli.md#export).
const OWNER_TOKEN = "sntryu_adopt_owner_token_0123456789abcdef";
const EXPIRED = "2020-01-01T00:00:00.000Z";
const FRESH = "2099-01-01T00:00:00.000Z";

/** An org with everything that used to make a fresh export plan changes or drift. */
const SEED: OrgSeed = {
  organization: { id: "77", slug: "adopt", name: "Adopt", features: ["invite-members", "team-roles"], mode: "sentry.io" },
  teams: [
    { id: "1", slug: "backend", name: "Backend" },
    { id: "2", slug: "identity", name: "Identity", idpProvisioned: true },
    { id: "3", slug: "sales", name: "Sales" },
  ],
  members: [
    { id: "10", email: "owner@example.com", name: "Olga Owner", role: "owner", teams: { backend: null } },
    { id: "11", email: "bob@example.com", name: "Bob", role: "member", teams: { backend: "admin", sales: null } },
    { id: "12", email: "scim@example.com", name: "Sam Scim", role: "member", flags: { "idp:provisioned": true }, teams: { identity: null } },
    { id: "13", email: "carol.primary@example.com", emails: ["carol@old.example.com"], name: "Carol", role: "manager", teams: { sales: null } },
    { id: "20", email: "pending@example.com", role: "member", pending: true, invitedAt: FRESH, teams: { backend: null } },
    { id: "21", email: "expired@example.com", role: "member", pending: true, invitedAt: EXPIRED, teams: { backend: null } },
    { id: "22", email: "Old.Invite@example.com", role: "admin", pending: true, invitedAt: EXPIRED },
  ],
  tokens: [{ token: OWNER_TOKEN, kind: "user", memberId: "10", scopes: [...ALL_SCOPES] }],
};

interface Adopted {
  readonly fake: FakeSentry;
  /** A new directory the export was written to, as `file`. */
  readonly dir: string;
  readonly env: Record<string, string>;
  readonly exported: CliRun;
}

/** Starts the fake on SEED and runs `export --org adopt --out FILE` in a new directory, as a user adopting the org does. */
async function exportSeed(startSentry: SharedFixtures["startSentry"], file = "roster.yaml"): Promise<Adopted> {
  const fake = await startSentry(SEED);
  const dir = mkdtempSync(join(tmpdir(), "sentry-roster-adopt-"));
  const env = { SENTRY_AUTH_TOKEN: OWNER_TOKEN, SENTRY_URL: fake.url };
  const exported = await runCli(["export", "--org", "adopt", "--out", file], { cwd: dir, env });
  return { fake, dir, env, exported };
}

// Every test has its own fake and directory, so they run concurrently.
describe.concurrent("adopting an org with export", () => {
  test("plans no changes right after export: expired invites are ignored with a note, not re-sent or reported", async ({ startSentry }) => {
    const { fake, dir, env, exported } = await exportSeed(startSentry, "team-roster.yaml");
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toBe("wrote team-roster.yaml: 5 members, 3 teams, 2 expired invites under ignore\n");
    const roster = readFileSync(join(dir, "team-roster.yaml"), "utf8");
    expect(roster).toContain("# To re-send one, move it to members with a role; to drop one, delete the invite in Sentry.");
    expect(roster).toContain("  - expired@example.com # expired invite as member (teams backend)\n");

    const plan = await runCli(["plan", "team-roster.yaml"], { cwd: dir, env });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain("No changes. Sentry matches the roster.");
    expect(plan.stdout).not.toMatch(/expired@|old\.invite@/i);
    const json = JSON.parse((await runCli(["plan", "team-roster.yaml", "--json"], { cwd: dir, env })).stdout);
    expect(json).toMatchObject({ changes: [], skipped: [], drift: [], violations: [] });
    expect(fake.requests.every((request) => request.method === "GET")).toBe(true);
  });

  test("re-sends an expired invite once it is moved to members, as the note says", async ({ startSentry }) => {
    const { dir, env, exported } = await exportSeed(startSentry);
    expect(exported.code, exported.stderr).toBe(0);
    const document = parseDocument(readFileSync(join(dir, "roster.yaml"), "utf8"));
    const ignore = document.get("ignore") as { items: { value: string }[] };
    ignore.items = ignore.items.filter((item) => item.value !== "expired@example.com");
    (document.get("members") as { add(value: unknown): void }).add(document.createNode({ email: "expired@example.com", role: "member", teams: ["backend"] }));
    writeFileSync(join(dir, "roster.yaml"), document.toString());
    const plan = JSON.parse((await runCli(["plan", "--json"], { cwd: dir, env })).stdout);
    expect(plan.changes.map((change: { action: string; email: string }) => `${change.action} ${change.email}`)).toEqual(["reinvite expired@example.com"]);
  });

  test("matches a member the roster names by a secondary email: no invite, a hint to add the alias", async ({ startSentry }) => {
    const { dir, env, exported } = await exportSeed(startSentry);
    expect(exported.code, exported.stderr).toBe(0);
    const text = readFileSync(join(dir, "roster.yaml"), "utf8").replace("email: carol.primary@example.com", "email: carol@old.example.com");
    writeFileSync(join(dir, "roster.yaml"), text);
    const plan = JSON.parse((await runCli(["plan", "--json"], { cwd: dir, env })).stdout);
    expect(plan.changes).toEqual([]);
    expect(plan.drift).toEqual([]);
    expect(JSON.stringify(plan.warnings)).toContain("carol.primary@example.com");
  });

  test("leaves a team taken out of the roster unmanaged: still no changes, the team reported as drift", async ({ startSentry }) => {
    const { dir, env, exported } = await exportSeed(startSentry);
    expect(exported.code, exported.stderr).toBe(0);
    const roster = parseDocument(readFileSync(join(dir, "roster.yaml"), "utf8")).toJS() as {
      teams: Record<string, unknown>;
      members: { teams?: string[] | Record<string, string> }[];
    };
    delete roster.teams["sales"];
    for (const member of roster.members) {
      if (Array.isArray(member.teams)) member.teams = member.teams.filter((team) => team !== "sales");
      else if (member.teams) delete member.teams["sales"];
    }
    const text = new Document(roster).toString();
    writeFileSync(join(dir, "roster.yaml"), text);
    const plan = await runCli(["plan"], { cwd: dir, env });
    expect(plan.code, `${plan.stderr}\n${text}`).toBe(0);
    expect(plan.stdout).toContain("team sales is not managed by the roster");
    expect(plan.stdout).toContain("No changes. Sentry matches the roster.");
  });

  test("opens a 600-change plan with a summary by action and by team that fits a screen, in the terminal", async ({ startSentry }) => {
    const { dir, env, exported } = await exportSeed(startSentry);
    expect(exported.code, exported.stderr).toBe(0);
    const teams = ["backend", "sales", "identity"];
    const invites = Array.from({ length: 600 }, (_, i) => `  - email: hire${i}@example.com\n    role: member\n    teams: [${teams[i % 2]}]\n`);
    writeFileSync(join(dir, "roster.yaml"), readFileSync(join(dir, "roster.yaml"), "utf8") + invites.join(""));
    const plan = await runCli(["plan"], { cwd: dir, env });
    expect(plan.code, plan.stderr).toBe(0);
    const lines = plan.stdout.split("\n");
    const end = lines.indexOf("", lines.indexOf("Summary: 600 changes; the full list follows."));
    expect(lines.slice(0, end)).toEqual([
      "Sentry organization adopt",
      "",
      "Summary: 600 changes; the full list follows.",
      "  By action:",
      "    invite                      600",
      "  By team (most changes first):",
      "    backend                     300",
      "    sales                       300",
    ]);
    expect(end).toBeLessThanOrEqual(25);
    expect(plan.stdout.trimEnd().split("\n").at(-1)).toBe("Plan: 600 invites, 0 role changes, 0 team edits, 0 removals.");
  });

  test("colours the plan by Node's rules: FORCE_COLOR even into a pipe and over NO_COLOR; otherwise none into a pipe", async ({ startSentry }) => {
    const { dir, env: base, exported } = await exportSeed(startSentry);
    expect(exported.code, exported.stderr).toBe(0);
    const colored = async (env: Record<string, string>) => (await runCli(["plan"], { cwd: dir, env: { ...base, ...env } })).stdout.includes("\u001b[");
    expect(await colored({})).toBe(false);
    expect(await colored({ FORCE_COLOR: "1" })).toBe(true);
    expect(await colored({ FORCE_COLOR: "1", NO_COLOR: "1" })).toBe(true);
    expect(await colored({ FORCE_COLOR: "0" })).toBe(false);
  });

  test("suggests the flag meant for an unknown one, before anything is read", async () => {
    for (const [args, hint] of [
      [["plan", "--jsn"], 'sentry-roster plan: Unknown option \'--jsn\'; did you mean "--json"?'],
      [["apply", "--yse"], 'sentry-roster apply: Unknown option \'--yse\'; did you mean "--yes"?'],
      [["export", "--outt", "x.yaml"], 'sentry-roster export: Unknown option \'--outt\'; did you mean "--out"?'],
    ] as const) {
      const run = await runCli(args, { env: { SENTRY_AUTH_TOKEN: OWNER_TOKEN } });
      expect(run.code).toBe(1);
      expect(run.stderr.split("\n")[0]).toBe(hint);
    }
    const unrelated = await runCli(["plan", "--zzzzzz"]);
    expect(unrelated.stderr).not.toContain("did you mean");
  });
});

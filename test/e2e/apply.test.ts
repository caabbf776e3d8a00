import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FakeSentry, OrgSeed } from "../fakes/fake-sentry.js";
import { describe, expect, OWNER_TOKEN, test } from "../support/fixtures.js";
import { rosterText } from "../support/rosters.js";
import { runCli, type CliRun } from "../support/run-dist.js";

const MANAGER_TOKEN = "sntryu_manager_token_0123456789abcdef";

/** The roster most tests apply to the example org: every kind of change at once. */
const ROSTER = rosterText("example-every-change");

function workdir(roster = ROSTER): string {
  const dir = mkdtempSync(join(tmpdir(), "sentry-roster-apply-"));
  writeFileSync(join(dir, "roster.yaml"), roster);
  return dir;
}

function cli(server: FakeSentry, dir: string, args: readonly string[], token = OWNER_TOKEN): Promise<CliRun> {
  return runCli(args, { cwd: dir, env: { SENTRY_AUTH_TOKEN: token, SENTRY_URL: server.url } });
}

function writes(server: FakeSentry) {
  return server.requests.filter((request) => request.method !== "GET");
}

type SeedMember = OrgSeed["members"][number];

function memberOf(state: OrgSeed, email: string): SeedMember {
  const found = state.members.filter((member) => member.email.toLowerCase() === email);
  expect(found, `exactly one member ${email}`).toHaveLength(1);
  return found[0] as SeedMember;
}

/** The effective team role: stored admin, or the org role's minimum. */
function effective(member: SeedMember, team: string): string | undefined {
  if (!member.teams || !(team in member.teams)) return undefined;
  const stored = member.teams[team];
  return stored === "admin" || ["owner", "manager", "admin"].includes(member.role) ? "admin" : "contributor";
}

/** Asserts the fake's org equals ROSTER on every managed team and member. */
function expectMatchesRoster(state: OrgSeed): void {
  const wanted: Record<string, { role: string; teams: Record<string, string> }> = {
    "alice@example.com": { role: "owner", teams: { backend: "admin" } },
    "bob@example.com": { role: "manager", teams: { backend: "admin", mobile: "admin" } },
    "dave@example.com": { role: "member", teams: { frontend: "admin", backend: "contributor" } },
    "frank@example.com": { role: "member", teams: {} },
    "grace@example.com": { role: "member", teams: { frontend: "contributor" } },
    "heidi@example.com": { role: "member", teams: { backend: "contributor", mobile: "admin" } },
    "ivan@example.com": { role: "manager", teams: { frontend: "admin" } },
  };
  expect(state.teams.map((team) => team.slug).sort()).toEqual(["backend", "frontend", "mobile", "platform"]);
  for (const [email, want] of Object.entries(wanted)) {
    const member = memberOf(state, email);
    expect(member.role, `${email} role`).toBe(want.role);
    for (const team of ["backend", "frontend", "mobile"]) {
      const role = effective(member, team);
      // Team roles of a pending invite are set right after the invite (docs/sentry-behaviour.md E11).
      expect(role, `${email} in ${team}`).toBe(want.teams[team]);
    }
  }
}

describe.concurrent("sentry-roster apply", () => {
  test("applies every kind of change, converges, and a second plan has no changes", async ({ startSentry }) => {
    const server = await startSentry();
    const dir = workdir();
    const snapshot = join(dir, "before.json");
    const run = await cli(server, dir, ["apply", "--yes", "--snapshot", snapshot]);
    expect(run.stderr).not.toContain(OWNER_TOKEN);
    expect(run.stdout).not.toContain(OWNER_TOKEN);
    expect(run.stdout).toContain("Converged: a fresh plan has no changes.");
    expect(run.code).toBe(0);
    // --yes prints the plan first; the plan and the report count the same changes, follow-ups included.
    const [plan, report] = run.stdout.split(/\n(?=Applied )/);
    expect(plan).toMatch(/^Sentry organization acme\n/);
    expect(plan).toContain("then remove the token's user from new team mobile (Sentry adds the team's creator)");
    const planned = plan!.match(/^ {2}[+~-] /gm)?.length;
    expect(report).toMatch(new RegExp(`^Applied ${planned} of ${planned} changes to acme\\.`));
    expect(report).toContain("then removed the token's user, whom Sentry adds to a team it creates");

    const state = server.state();
    expectMatchesRoster(state);
    // The owner (the token's user) is untouched, and off the team Sentry put them on when creating it.
    expect(memberOf(state, "alice@example.com")).toMatchObject({ role: "owner", teams: { backend: null } });
    // Unlisted and ignored members are reported, not removed.
    memberOf(state, "erin@example.com");
    memberOf(state, "ci-bot@example.com");

    const saved = JSON.parse(readFileSync(snapshot, "utf8"));
    expect(saved).toMatchObject({ formatVersion: 1, kind: "sentry-roster-snapshot", organization: "acme" });
    expect(saved.live.members.map((member: { email: string }) => member.email)).toContain("dave@example.com");
    expect(run.stdout).toContain(`Snapshot of the org before apply: ${snapshot}`);

    server.clearLog();
    const again = await cli(server, dir, ["plan", "--json"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).changes).toEqual([]);
    expect(writes(server)).toEqual([]);
  });

  test("reports each change as JSON with --json", async ({ startSentry }) => {
    const server = await startSentry();
    const dir = workdir();
    const run = await cli(server, dir, ["apply", "--yes", "--json", "--snapshot", join(dir, "s.json")]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ formatVersion: 1, organization: "acme", ok: true, converged: true, leftOver: [] });
    expect(report.counts.failed).toBe(0);
    const actions = report.outcomes.map((outcome: { change: { action: string } }) => outcome.change.action);
    expect(actions[0]).toBe("create-team");
    expect(new Set(actions.slice(1, 4))).toEqual(new Set(["invite", "reinvite"]));
    expect(new Set(actions)).toEqual(
      new Set(["create-team", "invite", "reinvite", "set-role", "add-to-team", "set-team-role", "remove-from-team"]),
    );
  });

  test("refuses without --yes when there is no terminal, before contacting Sentry", async ({ startSentry }) => {
    const server = await startSentry();
    const run = await cli(server, workdir(), ["apply"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("pass --yes to apply without a terminal");
    expect(server.requests).toEqual([]);
  });

  test("refuses a mass removal with zero write requests", async ({ startSentry }) => {
    const server = await startSentry();
    const roster = rosterText("example-mass-removal");
    const run = await cli(server, workdir(roster), ["apply", "--yes"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("max-removals");
    expect(run.stdout).toContain("Nothing was changed in acme.");
    expect(run.stderr).toContain("apply refused");
    expect(writes(server)).toEqual([]);
  });

  test("refuses a roster that leaves too few owners, with zero write requests", async ({ startSentry }) => {
    const server = await startSentry();
    const roster = rosterText("example-too-few-owners");
    const run = await cli(server, workdir(roster), ["apply", "--yes", "--json"], MANAGER_TOKEN);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, violations: [{ rule: "min-owners" }] });
    expect(writes(server)).toEqual([]);
    expect(memberOf(server.state(), "alice@example.com").role).toBe("owner");
  });

  test("leaves an owner untouched under owners: protect, reporting the change as held back", async ({ startSentry }) => {
    const server = await startSentry();
    const roster = rosterText("example-owner-demoted");
    const run = await cli(server, workdir(roster), ["apply", "--yes", "--json"], MANAGER_TOKEN);
    const report = JSON.parse(run.stdout);
    expect(report.skipped.map((skip: { email: string; reason: string }) => [skip.reason, skip.email])).toEqual([
      ["owner-protected", "alice@example.com"],
    ]);
    expect(run.code).toBe(0);
    expect(writes(server)).toEqual([]);
    expect(memberOf(server.state(), "alice@example.com").role).toBe("owner");
  });

  // The saved plan follows the Action's review rules (one gate): what was reviewed runs, the rest is listed and fails the run.
  test("applies the reviewed changes of a saved plan, never one that is not in it, and exits 1", async ({ startSentry }) => {
    const server = await startSentry();
    const dir = workdir();
    const saved = await cli(server, dir, ["plan", "--out", "plan.json"]);
    expect(saved.code).toBe(0);
    writeFileSync(join(dir, "roster.yaml"), ROSTER.replace("ivan@example.com", "judy@example.com"));
    server.clearLog();
    const run = await cli(server, dir, ["apply", "--yes", "--plan", "plan.json", "--snapshot", join(dir, "s.json")]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/not reviewed/);
    expect(run.stdout).toContain("judy@example.com");
    const emails = server.state().members.map((member) => member.email);
    expect(emails).not.toContain("judy@example.com");
    expect(writes(server).length).toBeGreaterThan(0);
  });

  test("applies a saved plan when nothing changed since", async ({ startSentry }) => {
    const server = await startSentry();
    const dir = workdir();
    expect((await cli(server, dir, ["plan", "--out", "plan.json"])).code).toBe(0);
    const run = await cli(server, dir, ["apply", "--yes", "--plan", "plan.json", "--snapshot", join(dir, "s.json")]);
    expect(run.stdout).toContain("Converged");
    expect(run.code).toBe(0);
  });

  test("says in one line when the saved plan file is missing, before contacting Sentry", async ({ startSentry }) => {
    const server = await startSentry();
    const run = await cli(server, workdir(), ["apply", "--yes", "--plan", "nope.json"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'sentry-roster apply: nope.json does not exist: save a plan with "sentry-roster plan --out FILE"\n',
    );
    expect(server.requests).toEqual([]);
  });

  test("spells out a bidi override in a team name after apply, as the plan does (regression: the report printed it raw)", async ({ startSentry }) => {
    const server = await startSentry();
    const dir = workdir(ROSTER.replace("  mobile: { name: Mobile }", '  mobile: { name: "Mo\u202ebile" }'));
    const run = await cli(server, dir, ["apply", "--yes"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toContain("\u202e");
    expect(run.stderr).not.toContain("\u202e");
    expect(run.stdout).toContain('team mobile: create team mobile named "Mo\\u202ebile"');
  });

  test("exits 0 with nothing to do on a converged org", async ({ startSentry }) => {
    const server = await startSentry();
    const dir = workdir();
    expect((await cli(server, dir, ["apply", "--yes", "--snapshot", join(dir, "s.json")])).code).toBe(0);
    server.clearLog();
    const run = await cli(server, dir, ["apply", "--yes"]);
    expect(run.stdout).toMatch(/^Nothing to apply to acme\./);
    expect(run.code).toBe(0);
    expect(writes(server)).toEqual([]);
  });
});

/** Emails Sentry accepted more than one invite for (HTTP 201), across the given request logs. */
function invitedTwice(requests: readonly FakeSentry["requests"][number][]): string[] {
  const counts = new Map<string, number>();
  for (const request of requests) {
    if (request.method !== "POST" || !/\/members\/$/.test(request.path) || request.status !== 201) continue;
    const email = String((request.body as { email?: string }).email).toLowerCase();
    counts.set(email, (counts.get(email) ?? 0) + 1);
  }
  return [...counts].filter(([, count]) => count > 1).map(([email]) => email);
}

describe.concurrent("sentry-roster apply under faults", () => {
  const cases: readonly [string, (server: FakeSentry) => void][] = [
    [
      "20% of requests answer 5xx",
      (server) =>
        server.faults.setRandom({
          rate: 0.2,
          kinds: ["500", "502", "503"],
          seed: 7,
          includeWrites: true,
          maxPerRequest: 1,
        }),
    ],
    [
      "429 bursts",
      (server) => {
        server.faults.failNext(3, "429", { method: "GET" });
        server.faults.failNext(3, "429", { method: "POST" });
        server.faults.failNext(2, "429-bare", { method: "PUT" });
      },
    ],
    [
      "connections reset",
      (server) =>
        server.faults.setRandom({ rate: 0.2, kinds: ["reset"], seed: 3, includeWrites: true, maxPerRequest: 1 }),
    ],
    ["writes commit but the answer is lost", (server) => server.faults.failAfterCommit(3, "500", { method: "POST" })],
    [
      "invites commit but the connection resets",
      (server) => server.faults.failAfterCommit(2, "reset", { method: "POST", path: "/members/" }),
    ],
    [
      "role changes and team removals commit but the answer is lost",
      (server) => {
        server.faults.failAfterCommit(2, "500", { method: "PUT" });
        server.faults.failAfterCommit(1, "reset", { method: "DELETE" });
      },
    ],
  ];

  test.for(cases)("converges when %s, at most after one re-run that redoes only what is left", async ([, inject], { startSentry }) => {
    const server = await startSentry();
    const dir = workdir();
    inject(server);
    const first = await cli(server, dir, ["apply", "--yes", "--json", "--snapshot", join(dir, "s1.json")]);
    expect(first.stderr).not.toContain(OWNER_TOKEN);
    const report = JSON.parse(first.stdout);
    const log: FakeSentry["requests"][number][] = [];
    // The fault really happened.
    expect(
      server.requests.some(
        (request) => request.status === 429 || request.status === "reset" || Number(request.status) >= 500,
      ),
    ).toBe(true);
    // The exit code and the report agree.
    expect(first.code).toBe(report.ok ? 0 : 1);
    if (!report.ok) {
      expect(report.counts.failed + report.counts["not-run"] + report.leftOver.length).toBeGreaterThan(0);
      const leftIds = new Set(report.leftOver.map((change: { id: string }) => change.id));
      server.faults.clear();
      log.push(...server.requests);
      server.clearLog();
      const second = await cli(server, dir, ["apply", "--yes", "--json", "--snapshot", join(dir, "s2.json")]);
      const rerun = JSON.parse(second.stdout);
      expect(second.code).toBe(0);
      // The re-run only redoes what the first left over.
      for (const outcome of rerun.outcomes as { change: { id: string; action: string } }[]) {
        if (outcome.change.action === "remove-from-team") continue; // cleanup of the creator's membership
        expect(leftIds.has(outcome.change.id)).toBe(true);
      }
    }
    server.faults.clear();
    expectMatchesRoster(server.state());
    log.push(...server.requests);
    expect(invitedTwice(log)).toEqual([]);
    const plan = await cli(server, dir, ["plan", "--json"]);
    expect(JSON.parse(plan.stdout).changes).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { parseRosterText } from "./validate-roster.js";
import { describeValue, formatPath, ROSTER_SCHEMA } from "./schema-issues.js";

function issues(text: string): { at: string; message: string; hint: string | undefined }[] {
  return parseRosterText("roster.yaml", text).issues.map((issue) => ({
    at: `${issue.line}:${issue.col}`,
    message: issue.message,
    hint: issue.hint,
  }));
}

describe("schema issues", () => {
  it("rewrites an unknown role with the list of roles and a did-you-mean", () => {
    expect(issues("version: 1\nmembers:\n  - email: a@example.com\n    role: admn\n")).toEqual([
      {
        at: "4:11",
        message: 'members[0].role: "admn" is not a role (member, admin, manager, owner, billing)',
        hint: 'did you mean "admin"?',
      },
    ]);
  });

  it("points an unknown key at the key itself and suggests the allowed key", () => {
    expect(issues("version: 1\nmembers:\n  - email: a@example.com\n    role: member\n    team: [x]\n")).toEqual([
      { at: "5:5", message: 'members[0]: unknown key "team"', hint: 'did you mean "teams"?' },
    ]);
  });

  it("lists the allowed keys when no key is close", () => {
    expect(issues("version: 1\npolicy:\n  dryRun: true\nmembers: []\n")[0]?.hint).toBe(
      "allowed here: unlisted, maxRemovals, maxRoleChanges, owners, minOwners",
    );
  });

  it("says what a member's teams may be when given a string", () => {
    expect(
      issues(
        "version: 1\nteams: {backend: {}}\nmembers:\n  - email: a@example.com\n    role: member\n    teams: backend\n",
      ),
    ).toEqual([
      {
        at: "6:12",
        message: 'members[0].teams: expected a list of team slugs or a map of team slug → team role, found "backend"',
        hint: 'write "teams: [backend]"',
      },
    ]);
  });

  it("explains that a top-level list is not a roster", () => {
    expect(issues("- email: a@example.com\n")).toEqual([
      {
        at: "1:1",
        message: "the roster must be a map of version, organization, policy, teams, ignore and members, found a list",
        hint: undefined,
      },
    ]);
  });

  it("says an empty members key holds nothing", () => {
    expect(issues("version: 1\nmembers:\n")[0]?.message).toBe("members: expected a list, found nothing");
  });

  it("reports a policy value above its maximum", () => {
    expect(issues("version: 1\npolicy:\n  maxRemovals: 100000\nmembers: []\n")[0]?.message).toBe(
      "policy.maxRemovals: 100000 is above the maximum 10000",
    );
  });

  it("shows how to write top-level teams given as a list", () => {
    expect(issues("version: 1\nteams: [backend, frontend]\nmembers: []\n")).toEqual([
      {
        at: "2:8",
        message: "teams: expected a map, found a list",
        hint: 'list each team on its own line under "teams:" as "slug: {}" (or "slug: { name: Display Name }")',
      },
    ]);
  });

  it("shows how to give a team's display name", () => {
    expect(issues("version: 1\nteams:\n  backend: Backend Team\nmembers: []\n")).toEqual([
      {
        at: "3:12",
        message: 'teams.backend: expected a map such as { name: Backend } or {}, found "Backend Team"',
        hint: 'the value is the team\'s settings: write "backend: { name: Backend Team }"',
      },
    ]);
  });

  it("reads a roster with Windows line endings at the same positions", () => {
    expect(issues("version: 1\r\nmembers:\r\n  - email: a@example.com\r\n    role: ownr\r\n")[0]?.at).toBe("4:11");
  });

  it("formats paths as a roster editor reads them", () => {
    expect(formatPath(["members", 3, "teams", "backend"])).toBe("members[3].teams.backend");
    expect(formatPath(["teams", "mobile app"])).toBe('teams["mobile app"]');
    expect(formatPath([])).toBe("the roster");
  });

  it("quotes found values by kind", () => {
    expect([describeValue("x"), describeValue(2), describeValue(null), describeValue([]), describeValue({})]).toEqual([
      '"x"',
      "2",
      "nothing",
      "a list",
      "a map",
    ]);
  });

  it("documents every property of the schema for editors", () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (typeof node !== "object" || node === null) return;
      const properties = (node as { properties?: Record<string, unknown> }).properties ?? {};
      for (const [key, child] of Object.entries(properties)) {
        if (!(child as { description?: string }).description) missing.push(`${path}.${key}`);
        walk(child, `${path}.${key}`);
        walk((child as { items?: unknown }).items, `${path}.${key}[]`);
        walk((child as { additionalProperties?: unknown }).additionalProperties, `${path}.${key}{}`);
      }
    };
    walk(ROSTER_SCHEMA, "");
    expect(missing).toEqual([]);
    expect(ROSTER_SCHEMA.$id).toBeTruthy();
  });
});

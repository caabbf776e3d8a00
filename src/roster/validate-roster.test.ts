import { describe, expect, it } from "vitest";
import type { RosterIssue } from "../domain/roster-issue.js";
import { parseRosterText } from "./validate-roster.js";

const HEAD = `version: 1
organization: acme
teams:
  backend: {}
  frontend: {}
members:
`;

/** Issues of a roster made of HEAD plus the given member lines, as "LINE:COL: message". */
function check(members: string, head = HEAD): string[] {
  return parseRosterText("roster.yaml", head + members).issues.map(show);
}

function show(issue: RosterIssue): string {
  return `${issue.line}:${issue.col}: ${issue.severity === "warning" ? "warning: " : ""}${issue.message}`;
}

function hints(text: string): (string | undefined)[] {
  return parseRosterText("roster.yaml", text).issues.map((issue) => issue.hint);
}

describe("semantic checks", () => {
  it("accepts a correct roster with no issues", () => {
    expect(check("  - email: alice@example.com\n    role: owner\n    teams: [backend]\n")).toEqual([]);
  });

  it("reports a duplicate member case-insensitively, naming both lines", () => {
    expect(
      check("  - email: alice@example.com\n    role: owner\n  - email: ALICE@example.com\n    role: member\n"),
    ).toEqual(['9:12: member "ALICE@example.com" is listed twice (lines 7 and 9)']);
  });

  it("reports a team the roster does not list, with a did-you-mean hint", () => {
    const text = `${HEAD}  - email: alice@example.com\n    role: member\n    teams: [fronted]\n`;
    expect(check("  - email: alice@example.com\n    role: member\n    teams: [fronted]\n")).toEqual([
      '9:13: member "alice@example.com" is in team "fronted", which the roster does not list',
    ]);
    expect(hints(text)).toEqual(['did you mean "frontend"?']);
  });

  it("points at the key of an unknown team in the map form", () => {
    expect(check("  - email: alice@example.com\n    role: member\n    teams:\n      payments: admin\n")).toEqual([
      '10:7: member "alice@example.com" is in team "payments", which the roster does not list',
    ]);
  });

  it("refuses teams on a billing member", () => {
    expect(check("  - email: alice@example.com\n    role: billing\n    teams: [backend]\n")).toEqual([
      '9:5: member "alice@example.com" has role billing, which has no team access, but is in team "backend"',
    ]);
  });

  it("accepts a billing member with an empty team list", () => {
    expect(check("  - email: alice@example.com\n    role: billing\n    teams: []\n")).toEqual([]);
  });

  it.each([
    ["bob@example", 'the domain "example" needs a dot, e.g. example.com'],
    ["bob.example.com", 'an email needs an "@" and a domain, e.g. alice@example.com'],
    ["bob@@example.com", 'an email has exactly one "@"'],
    ["mailto:bob@example.com", 'remove "mailto:": "bob@example.com"'],
    ["bob@example.com, carol@example.com", "an email cannot contain spaces"],
    ["bob..jones@example.com", undefined],
  ])("refuses the email %j with a hint", (email, hint) => {
    const text = `${HEAD}  - email: "${email}"\n    role: member\n`;
    const issues = parseRosterText("roster.yaml", text).issues;
    expect(issues.map((issue) => issue.message)).toEqual([
      `members[0].email: ${JSON.stringify(email)} is not a valid email address`,
    ]);
    expect(issues[0]?.hint).toBe(hint);
  });

  it.each([
    "a@example.com",
    "first.last+tag@sub.example.co.uk",
    "o'neil@example.org",
    "x_y-z@xn--bcher-kva.example",
    "root@localhost",
  ])("accepts the email %s", (email) => {
    expect(check(`  - email: "${email}"\n    role: member\n`)).toEqual([]);
  });

  it.each([
    ["Backend", 'slugs are lowercase: "backend"'],
    ["back end", 'use the team\'s slug: lowercase letters, digits, "-" and "_", e.g. "back-end"'],
    ["42", "a slug cannot be only digits"],
    ["a".repeat(51), "slugs are at most 50 characters"],
  ])("refuses the team slug %j", (slug, hint) => {
    const text = `version: 1\nteams:\n  "${slug}": {}\nmembers: []\n`;
    const issues = parseRosterText("roster.yaml", text).issues;
    expect(issues.map(show)).toEqual([`3:3: teams: ${JSON.stringify(slug)} is not a Sentry team slug`]);
    expect(issues[0]?.hint).toBe(hint);
  });

  it("accepts slugs with digits, dashes and underscores", () => {
    expect(
      check(
        "  - email: a@example.com\n    role: member\n    teams: [team-2_b]\n",
        "version: 1\nteams:\n  team-2_b: {}\nmembers:\n",
      ),
    ).toEqual([]);
  });

  it("refuses an organization that is not a slug", () => {
    expect(check("  - email: a@example.com\n    role: member\n", HEAD.replace("acme", "ACME"))).toEqual([
      '2:15: organization: "ACME" is not a Sentry organization slug',
    ]);
  });

  it("refuses an ignore entry that is also a member, case-insensitively", () => {
    const text = `version: 1\nignore: [Alice@Example.com]\nmembers:\n  - email: alice@example.com\n    role: member\n`;
    expect(parseRosterText("roster.yaml", text).issues.map(show)).toEqual([
      '2:10: ignore: "Alice@Example.com" is also a member (line 4)',
    ]);
  });

  it("refuses an ignore entry that is a member's alias", () => {
    const text = `version: 1\nignore: [al@example.com]\nmembers:\n  - email: alice@example.com\n    aliases: [al@example.com]\n    role: member\n`;
    expect(parseRosterText("roster.yaml", text).issues.map(show)).toEqual([
      '2:10: ignore: "al@example.com" is also a member (line 5)',
    ]);
  });

  it("warns about an ignore entry listed twice", () => {
    const text = `version: 1\nignore: [bot@example.com, BOT@example.com]\nmembers: []\n`;
    expect(parseRosterText("roster.yaml", text).issues.map(show)).toEqual([
      '2:27: warning: ignore: "BOT@example.com" is listed twice (first on line 2)',
    ]);
  });

  it("refuses an alias that is another member's email", () => {
    expect(
      check(
        "  - email: alice@example.com\n    aliases: [bob@example.com]\n    role: member\n  - email: bob@example.com\n    role: member\n",
      ),
    ).toEqual(['8:15: alias "bob@example.com" is the email of another member (line 10)']);
  });

  it("refuses one alias on two members", () => {
    expect(
      check(
        "  - email: alice@example.com\n    aliases: [shared@example.com]\n    role: member\n  - email: bob@example.com\n    aliases: [shared@example.com]\n    role: member\n",
      ),
    ).toEqual(['11:15: alias "shared@example.com" is an alias of "alice@example.com" (line 8)']);
  });

  it("warns about an alias equal to the member's own email", () => {
    expect(check("  - email: alice@example.com\n    aliases: [Alice@example.com]\n    role: member\n")).toEqual([
      '8:15: warning: alias "Alice@example.com" is this member\'s own email',
    ]);
  });

  it("warns that contributor has no effect for an org role that implies team admin", () => {
    const result = parseRosterText(
      "roster.yaml",
      `${HEAD}  - email: alice@example.com\n    role: manager\n    teams:\n      backend: contributor\n`,
    );
    expect(result.issues.map(show)).toEqual([
      '10:7: warning: members[0].teams.backend: "contributor" has no effect: a manager is always a team admin',
    ]);
    expect(result.desired).toBeDefined();
  });

  it("warns about a team listed twice in the list form", () => {
    expect(check("  - email: alice@example.com\n    role: member\n    teams: [backend, backend]\n")).toEqual([
      '9:22: warning: member "alice@example.com" lists team "backend" twice',
    ]);
  });

  it("warns when owners are managed but the roster lists fewer owners than minOwners", () => {
    const text = `version: 1\npolicy:\n  owners: manage\n  minOwners: 2\nmembers:\n  - email: a@example.com\n    role: owner\n`;
    expect(parseRosterText("roster.yaml", text).issues.map(show)).toEqual([
      '3:11: warning: policy.owners is "manage" but the roster lists 1 owner, fewer than policy.minOwners (2)',
    ]);
    expect(parseRosterText("roster.yaml", text.replace("manage", "protect")).issues).toEqual([]);
  });

  it("refuses a version other than 1, saying which version it understands", () => {
    const issues = parseRosterText("roster.yaml", "version: 3\nmembers: []\n").issues;
    expect(issues.map(show)).toEqual(["1:10: version 3 is not supported: this sentry-roster understands version 1"]);
  });

  it("keeps checking members whose other fields have schema errors", () => {
    expect(
      check("  - email: alice@example.com\n    role: boss\n  - email: Alice@example.com\n    role: member\n"),
    ).toEqual([
      '8:11: members[0].role: "boss" is not a role (member, admin, manager, owner, billing)',
      '9:12: member "Alice@example.com" is listed twice (lines 7 and 9)',
    ]);
  });

  it("returns no DesiredState when there is an error, and one when there are only warnings", () => {
    expect(parseRosterText("roster.yaml", "version: 1\nmembers: [1]\n").desired).toBeUndefined();
    expect(
      parseRosterText("roster.yaml", "version: 1\nignore: [a@example.com, a@example.com]\nmembers: []\n").desired,
    ).toBeDefined();
  });
});

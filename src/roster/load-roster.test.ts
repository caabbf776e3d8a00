import { readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { ISSUE_SEVERITY } from "../domain/roster-issue.js";
import { RosterFileError } from "./errors.js";
import { loadRoster } from "./load-roster.js";

const FIXTURES = new URL("../../test/fixtures/rosters/", import.meta.url);
const readFixture = (path: string) => readFile(new URL(path, FIXTURES), "utf8");
const fixtureNames = readdirSync(FIXTURES).filter((name) => name.endsWith(".yaml"));

/** Every bad fixture holds one realistic mistake; each must be reported exactly here and in these words. */
const BAD_FIXTURES: readonly (readonly [string, readonly string[]])[] = [
  ["bad-alias-is-other-member", ['8:40: alias "bob@example.com" is the email of another member (line 11)']],
  [
    "bad-anchor-alias",
    ['9:12: anchors are not allowed in a roster ("&core")', '12:12: aliases are not allowed in a roster ("*core")'],
  ],
  [
    "bad-billing-with-teams",
    ['12:5: member "bob@example.com" has role billing, which has no team access, but is in 2 teams'],
  ],
  [
    "bad-duplicate-key",
    [
      '12:5: duplicate key "role" (first on line 11)',
      // The rest is still checked, with the role YAML keeps (the last: admin).
      '15:7: warning: members[1].teams.frontend: "contributor" has no effect: an admin is always a team admin',
    ],
  ],
  ["bad-duplicate-member", ['15:12: member "Bob@Example.com" is listed twice (lines 10 and 15)']],
  ["bad-email-display-name", ['10:12: members[1].email: "Bob Jones <bob@example.com>" is not a valid email address']],
  ["bad-email-no-at", ['10:12: members[1].email: "bob.example.com" is not a valid email address']],
  ["bad-email-no-dot", ['10:12: members[1].email: "bob@example" is not a valid email address']],
  ["bad-email-space", ['10:12: members[1].email: "bob jones@example.com" is not a valid email address']],
  [
    "bad-email-too-long",
    [
      '10:12: members[1].email: "bartholomew.featherstonehaugh-cholmondeley.the-third@engineering.example.com" is longer than 75 characters',
    ],
  ],
  ["bad-empty", ["1:1: roster.yaml is empty"]],
  ["bad-ignore-is-member", ['8:5: ignore: "BOB@example.com" is also a member (line 13)']],
  // The column of the misplaced key, not of the line's indentation.
  ["bad-indentation", ["11:4: YAML syntax error: sequence item without - indicator"]],
  ["bad-member-as-string", ['7:5: members[0]: expected a map with email, role and teams, found "alice@example.com"']],
  ["bad-member-unknown-key", ['11:5: members[1]: unknown key "rol"']],
  ["bad-members-as-map", ["7:3: members: expected a list, found a map"]],
  ["bad-merge-key", ["10:5: merge keys (<<) are not allowed in a roster"]],
  ["bad-missing-email", ['15:5: members[2]: missing "email"']],
  ["bad-missing-role", ['10:5: members[1]: missing "role"']],
  ["bad-multiple-documents", ["15:1: a roster is one YAML document, but this file has another one here"]],
  ["bad-org-slug", ['2:15: organization: "Acme Inc" is not a Sentry organization slug']],
  ["bad-policy-max-removals-fraction", ["7:16: policy.maxRemovals: expected a whole number, found 2.5"]],
  ["bad-policy-max-removals-negative", ["7:16: policy.maxRemovals: -1 is below the minimum 0"]],
  ["bad-policy-min-owners-zero", ["8:14: policy.minOwners: 0 is below the minimum 1"]],
  ["bad-policy-owners-typo", ['7:11: policy.owners: "protected" is not one of protect, manage']],
  ["bad-policy-unlisted-typo", ['7:13: policy.unlisted: "delete" is not one of report, remove']],
  ["bad-role-typo", ['8:11: members[0].role: "ownr" is not a role (member, admin, manager, owner, billing)']],
  ["bad-tab-indent", ["8:1: a tab is used for indentation; YAML indents with spaces only"]],
  [
    "bad-syntax-and-more",
    [
      "11:4: YAML syntax error: sequence item without - indicator",
      '14:5: duplicate key "role" (first on line 13)',
      '16:11: members[4].role: "ownr" is not a role (member, admin, manager, owner, billing)',
      "19:12: YAML syntax error: the [ opened here is never closed",
    ],
  ],
  ["bad-team-name-empty", ["4:20: teams.backend.name: must not be empty"]],
  ["bad-team-role-is-org-role", ['13:16: members[1].teams.backend: "manager" is not a team role (contributor, admin)']],
  ["bad-team-role", ['13:16: members[1].teams.backend: "lead" is not a team role (contributor, admin)']],
  ["bad-team-slug-digits", ['6:3: teams: "2024" is not a Sentry team slug']],
  ["bad-team-slug-space", ['6:3: teams: "mobile app" is not a Sentry team slug']],
  ["bad-team-slug-uppercase", ['4:3: teams: "Backend" is not a Sentry team slug']],
  ["bad-team-unknown-key", ['4:14: teams.backend: unknown key "nmae"']],
  [
    "bad-team-without-teams-section",
    [
      '6:13: member "alice@example.com" is in team "backend", which the roster does not list',
      '10:7: member "bob@example.com" is in team "backend", which the roster does not list',
      '11:7: member "bob@example.com" is in team "frontend", which the roster does not list',
    ],
  ],
  [
    "bad-teams-string",
    ['9:12: members[0].teams: expected a list of team slugs or a map of team slug → team role, found "backend"'],
  ],
  ["bad-top-level-typo", ['6:1: unknown key "member"']],
  ["bad-unclosed-quote", ["10:12: YAML syntax error: the quote opened here is never closed"]],
  ["bad-unknown-team", ['9:13: member "alice@example.com" is in team "backnd", which the roster does not list']],
  ["bad-version-2", ["1:10: version 2 is not supported: this sentry-roster understands version 1"]],
  ["bad-version-missing", ['1:1: the roster: missing "version"']],
  ["bad-version-string", ['1:10: version "1.0" is not supported: this sentry-roster understands version 1']],
];

describe("loadRoster", () => {
  it.each(BAD_FIXTURES)("reports %s at its exact position", async (name, expected) => {
    const result = await loadRoster(`${name}.yaml`, readFixture);
    const lines = result.issues.map(
      (issue) =>
        `${issue.line}:${issue.col}: ${issue.severity === ISSUE_SEVERITY.Warning ? "warning: " : ""}${issue.message.replace(`${name}.yaml`, "roster.yaml")}`,
    );
    expect(lines).toEqual(expected);
    expect(result.desired).toBeUndefined();
    expect(result.issues.every((issue) => issue.file === `${name}.yaml`)).toBe(true);
  });

  it("has a table entry for every bad fixture, and at least 25 of them", () => {
    const bad = fixtureNames
      .filter((name) => name.startsWith("bad-") && name !== "bad-all-at-once.yaml")
      .map((name) => name.replace(/\.yaml$/, ""));
    expect(bad.sort()).toEqual(BAD_FIXTURES.map(([name]) => name).sort());
    expect(bad.length).toBeGreaterThanOrEqual(25);
  });

  it("reports every problem of a roster at once, sorted by position", async () => {
    const result = await loadRoster("bad-all-at-once.yaml", readFixture);
    expect(result.issues.filter((issue) => issue.severity === ISSUE_SEVERITY.Error)).toHaveLength(13);
    const positions = result.issues.map((issue) => issue.line * 1000 + issue.col);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it.each(fixtureNames.filter((name) => name.startsWith("valid-")))("accepts %s", async (name) => {
    const result = await loadRoster(name, readFixture);
    expect(result.issues.filter((issue) => issue.severity === ISSUE_SEVERITY.Error)).toEqual([]);
    expect(result.desired).toBeDefined();
  });

  it("accepts the example roster at the repository root", async () => {
    const result = await loadRoster("roster.example.yaml", (path) =>
      readFile(new URL(`../../${path}`, import.meta.url), "utf8"),
    );
    expect(result.issues).toEqual([]);
    expect(result.desired?.members).toHaveLength(7);
  });

  it("never shows ajv's own wording to users", async () => {
    for (const name of fixtureNames) {
      const result = await loadRoster(name, readFixture);
      for (const issue of result.issues) {
        expect(`${issue.message} ${issue.hint ?? ""}`).not.toMatch(
          /must (be|have|NOT|match)|instancePath|schemaPath|\/properties\/|additionalProperty/,
        );
      }
    }
  });

  it("throws a one-line RosterFileError naming the file when it does not exist", async () => {
    const missing = Object.assign(new Error("ENOENT: no such file or directory, open 'nope.yaml'"), { code: "ENOENT" });
    const error = await loadRoster("nope.yaml", () => Promise.reject(missing)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RosterFileError);
    expect((error as Error).message).toBe(
      "cannot read nope.yaml: no such file (give the roster's path, or run where roster.yaml is)",
    );
    expect((error as Error).cause).toBe(missing);
  });

  it("says a directory is not a roster file", async () => {
    const error = await loadRoster("test", (path) => readFile(new URL(`../../${path}`, import.meta.url), "utf8")).catch(
      (caught: unknown) => caught,
    );
    expect((error as Error).message).toBe("cannot read test: it is a directory, not a file");
  });
});

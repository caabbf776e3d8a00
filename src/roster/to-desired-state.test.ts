import { describe, expect, it } from "vitest";
import { parseRosterText } from "./validate-roster.js";
import { DEFAULT_POLICY } from "./to-desired-state.js";

function desiredOf(text: string) {
  const result = parseRosterText("roster.yaml", text);
  if (!result.desired) throw new Error(`roster invalid: ${result.issues.map((issue) => issue.message).join("; ")}`);
  return result.desired;
}

describe("toDesiredState", () => {
  it("lower-cases emails, aliases and ignore entries", () => {
    const desired = desiredOf(
      "version: 1\nignore: [CI-Bot@Example.com]\nmembers:\n  - email: Alice@Example.COM\n    aliases: [A.Smith@Example.com]\n    role: member\n",
    );
    expect(desired.members[0]).toMatchObject({ email: "alice@example.com", aliases: ["a.smith@example.com"] });
    expect(desired.ignore).toEqual(["ci-bot@example.com"]);
  });

  it("turns the list form into contributor roles and keeps the map form's roles", () => {
    const desired = desiredOf(
      "version: 1\nteams: {backend: {}, frontend: {}}\nmembers:\n  - email: a@example.com\n    role: member\n    teams: [backend, frontend]\n  - email: b@example.com\n    role: member\n    teams: {backend: admin, frontend: contributor}\n",
    );
    expect(desired.members.map((member) => member.teams)).toEqual([
      { backend: "contributor", frontend: "contributor" },
      { backend: "admin", frontend: "contributor" },
    ]);
  });

  it("applies the policy defaults to the fields a roster leaves out", () => {
    expect(desiredOf("version: 1\nmembers: []\n").policy).toEqual(DEFAULT_POLICY);
    expect(desiredOf("version: 1\npolicy: {maxRemovals: 0}\nmembers: []\n").policy).toEqual({
      ...DEFAULT_POLICY,
      maxRemovals: 0,
    });
    expect(DEFAULT_POLICY).toEqual({ unlisted: "report", maxRemovals: 5, maxRoleChanges: 10, owners: "protect", minOwners: 1 });
  });

  it("keeps team names only where the roster gives one, and every position", () => {
    const desired = desiredOf(
      "version: 1\nteams:\n  backend: {name: Backend}\n  frontend:\nmembers:\n  - email: a@example.com\n    role: owner\n",
    );
    expect(desired.teams).toEqual([
      { slug: "backend", name: "Backend", position: { line: 3, col: 3 } },
      { slug: "frontend", position: { line: 4, col: 3 } },
    ]);
    expect(desired.members[0]?.position).toEqual({ line: 6, col: 5 });
  });

  it("leaves organization empty when the roster names none, for --org or SENTRY_ORG to decide", () => {
    expect(desiredOf("version: 1\nmembers: []\n").organization).toBe("");
    expect(desiredOf("version: 1\norganization: acme\nmembers: []\n").organization).toBe("acme");
  });

  it("gives members no teams and no aliases when the roster lists none", () => {
    expect(desiredOf("version: 1\nmembers:\n  - email: a@example.com\n    role: billing\n").members[0]).toMatchObject({
      role: "billing",
      teams: {},
      aliases: [],
    });
  });
});

import { describe, expect, it } from "vitest";
import type { RosterIssue } from "../domain/roster-issue.js";
import { formatRosterIssues, summarizeRosterIssues } from "./roster-issues.js";

const error: RosterIssue = {
  severity: "error",
  file: "roster.yaml",
  line: 14,
  col: 11,
  message: 'members[3].role: "ownr" is not a role',
  hint: 'did you mean "owner"?',
};
const warning: RosterIssue = {
  severity: "warning",
  file: "roster.yaml",
  line: 20,
  col: 7,
  message: "contributor has no effect",
};

describe("formatRosterIssues", () => {
  it("writes FILE:LINE:COL: message with the hint on an indented line", () => {
    expect(formatRosterIssues([error])).toBe(
      'roster.yaml:14:11: members[3].role: "ownr" is not a role\n  hint: did you mean "owner"?\n',
    );
  });

  it("marks warnings and leaves out a missing hint", () => {
    expect(formatRosterIssues([warning])).toBe("roster.yaml:20:7: warning: contributor has no effect\n");
  });

  it("writes nothing for no issues", () => {
    expect(formatRosterIssues([])).toBe("");
  });
});

describe("summarizeRosterIssues", () => {
  it.each([
    [[error], "1 error in roster.yaml"],
    [[error, error], "2 errors in roster.yaml"],
    [[error, warning, warning], "1 error and 2 warnings in roster.yaml"],
    [[warning], "1 warning in roster.yaml"],
    [[], "no problems in roster.yaml"],
  ])("counts errors and warnings separately (%#)", (issues, expected) => {
    expect(summarizeRosterIssues("roster.yaml", issues)).toBe(expected);
  });
});

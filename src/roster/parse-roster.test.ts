import { describe, expect, it } from "vitest";
import { MAX_ROSTER_BYTES, parseRoster, positionOf } from "./parse-roster.js";

function issuesOf(text: string): string[] {
  const result = parseRoster("roster.yaml", text);
  return result.ok ? [] : result.issues.map((issue) => `${issue.line}:${issue.col}: ${issue.message}`);
}

describe("parseRoster", () => {
  it("refuses a file over the size cap, saying both sizes", () => {
    const text = `version: 1\nmembers: []\n# ${"x".repeat(10_200_000)}\n`;
    expect(issuesOf(text)).toEqual(["1:1: roster.yaml is 10.2 MB; the limit is 1 MB"]);
  });

  it("counts the cap in UTF-8 bytes, not characters", () => {
    const text = `version: 1\nmembers: []\n# ${"é".repeat(MAX_ROSTER_BYTES / 2)}\n`;
    expect(text.length).toBeLessThan(MAX_ROSTER_BYTES);
    expect(issuesOf(text)[0]).toMatch(/is 1 MB; the limit is 1 MB$/);
  });

  it("ignores a byte order mark", () => {
    const result = parseRoster("roster.yaml", "\uFEFFversion: 1\nmembers: []\n");
    expect(result.ok && result.roster.value).toEqual({ version: 1, members: [] });
  });

  it("refuses an anchor on its own even when no alias uses it", () => {
    expect(issuesOf("version: 1\nmembers: &all []\n")).toEqual(['2:10: anchors are not allowed in a roster ("&all")']);
  });

  it("refuses a merge key and the alias it merges", () => {
    expect(issuesOf("version: 1\nbase: &b {role: member}\nmembers:\n  - <<: *b\n")).toEqual([
      '2:7: anchors are not allowed in a roster ("&b")',
      "4:5: merge keys (<<) are not allowed in a roster",
      '4:9: aliases are not allowed in a roster ("*b")',
    ]);
  });

  it("names the line of the first occurrence of a duplicate key", () => {
    expect(issuesOf("version: 1\nmembers: []\nversion: 1\n")).toEqual([
      '3:1: duplicate key "version" (first on line 1)',
    ]);
  });

  it("refuses tab indentation with a plain message", () => {
    expect(issuesOf("version: 1\nmembers:\n\t- email: a@example.com\n")).toEqual([
      "3:1: a tab is used for indentation; YAML indents with spaces only",
    ]);
  });

  it("refuses a second document", () => {
    expect(issuesOf("version: 1\nmembers: []\n---\nversion: 1\n")).toEqual([
      "3:1: a roster is one YAML document, but this file has another one here",
    ]);
  });

  it("reports an empty file", () => {
    expect(issuesOf("\n# nothing yet\n")).toEqual(["1:1: roster.yaml is empty"]);
  });

  it("reports a syntax error once, not the parser's echoes of it in the part it broke", () => {
    expect(issuesOf("version: 1\nmembers: [a, b\nteams: {\n")).toEqual([
      "2:10: YAML syntax error: the [ opened here is never closed",
    ]);
  });

  it("reports syntax errors in separate parts of the roster, each at the text that is misplaced", () => {
    const text = [
      "version: 1",
      "members:",
      "  - email: a@example.com",
      "   role: member",
      "  - email: b@example.com",
      "    role: member",
      "    teams: [backend",
      "  - email: c@example.com",
      "    role: member",
      "",
    ].join("\n");
    expect(issuesOf(text)).toEqual([
      "4:4: YAML syntax error: sequence item without - indicator",
      "7:12: YAML syntax error: the [ opened here is never closed",
    ]);
  });

  it("hands back what the YAML library recovered, to check the rest of it", () => {
    const result = parseRoster("roster.yaml", "version: 1\nversion: 2\nmembers: []\n");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.message)).toEqual(['duplicate key "version" (first on line 1)']);
    expect(result.recovered?.roster.value).toEqual({ version: 2, members: [] });
  });

  it("hands nothing back when aliases or merge keys make the value unsafe to read", () => {
    const result = parseRoster("roster.yaml", "version: 1\nbase: &b {role: member}\nmembers:\n  - <<: *b\n");
    expect(result.ok).toBe(false);
    expect(result.ok ? "parsed" : result.recovered).toBeUndefined();
  });

  it("finds positions of values, and of keys when asked", () => {
    const result = parseRoster("roster.yaml", "version: 1\nmembers:\n  - email: a@example.com\n    role: ownr\n");
    if (!result.ok) throw new Error("expected a parse");
    expect(positionOf(result.roster, ["members", 0, "role"])).toEqual({ line: 4, col: 11 });
    expect(positionOf(result.roster, ["members", 0, "role"], { key: true })).toEqual({ line: 4, col: 5 });
    expect(positionOf(result.roster, ["members", 0])).toEqual({ line: 3, col: 5 });
    expect(positionOf(result.roster, ["members", 7, "role"])).toEqual({ line: 3, col: 3 });
  });
});

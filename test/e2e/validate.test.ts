import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli as runCliInProcess } from "../../src/cli/main.js";
import { rosterInTempDir } from "../support/rosters.js";
import { runCli, type CliRun } from "../support/run-dist.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FIXTURES = join(ROOT, "test/fixtures/rosters");
const BAD = readdirSync(FIXTURES)
  .filter((name) => name.startsWith("bad-"))
  .sort();
const VALID = readdirSync(FIXTURES)
  .filter((name) => name.startsWith("valid-"))
  .sort();

/** `sentry-roster validate ARGS` in the fixtures folder, so file names in output stay short and stable. */
function validate(args: readonly string[], cwd = FIXTURES): Promise<CliRun> {
  return runCli(["validate", ...args], { cwd });
}

describe.concurrent("sentry-roster validate (built CLI)", () => {
  it("prints the verdict on stdout and exits 0 for a valid roster", async () => {
    const run = await validate(["valid-list-and-map.yaml"]);
    expect(run).toEqual({ code: 0, stdout: "valid-list-and-map.yaml is valid: 2 members, 2 teams\n", stderr: "" });
  });

  it("accepts the example roster at the repository root", async () => {
    const run = await validate(["roster.example.yaml"], ROOT);
    expect(run).toEqual({ code: 0, stdout: "roster.example.yaml is valid: 7 members, 4 teams\n", stderr: "" });
  });

  it.each(VALID)("accepts %s", async (name) => {
    const run = await validate([name]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^${name.replace(".", "\\.")} is valid: \\d+ members?, \\d+ teams?`));
  });

  it("shows warnings on stderr but still exits 0", async () => {
    const run = await validate(["valid-with-warning.yaml"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("valid-with-warning.yaml is valid: 2 members, 2 teams (1 warning)\n");
    expect(run.stderr).toBe(
      'valid-with-warning.yaml:10:7: warning: members[0].teams.backend: "contributor" has no effect: an owner is always a team admin\n  hint: remove the team role or write "admin"\n',
    );
  });

  it("prints problems as FILE:LINE:COL on stderr, then the count, and exits 1", async () => {
    const run = await validate(["bad-role-typo.yaml"]);
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr:
        'bad-role-typo.yaml:8:11: members[0].role: "ownr" is not a role (member, admin, manager, owner, billing)\n  hint: did you mean "owner"?\n1 error in bad-role-typo.yaml\n',
    });
  });

  it("reads roster.yaml when no file is given", async () => {
    const { dir } = rosterInTempDir("valid-minimal");
    expect(await validate([], dir)).toEqual({
      code: 0,
      stdout: "roster.yaml is valid: 1 member, 0 teams\n",
      stderr: "",
    });
  });

  it("says in one line that a missing roster cannot be read, with no stack trace", async () => {
    const run = await validate(["nope.yaml"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "sentry-roster validate: cannot read nope.yaml: no such file (give the roster's path, or run where roster.yaml is)\n",
    );
  });

  it("refuses an unknown flag with a short usage hint", async () => {
    const run = await validate(["--strict"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("--strict");
    expect(run.stderr).toContain('Run "sentry-roster validate --help"');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses a second roster argument", async () => {
    const run = await validate(["a.yaml", "b.yaml"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unexpected argument "b.yaml"');
  });

  it("prints its help on stdout", async () => {
    const run = await validate(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: sentry-roster validate \[ROSTER\]/);
  });

  it("needs no token and never prints one that is set", async () => {
    const token = "sntryu_validate_secret_0123456789";
    const run = await runCli(["validate", "bad-all-at-once.yaml"], {
      cwd: FIXTURES,
      env: { SENTRY_AUTH_TOKEN: token },
    });
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).not.toContain(token);
  });

  it("reports a syntax error, a duplicate key and the rest of the roster's problems in one run", async () => {
    const run = await validate(["bad-syntax-and-more.yaml"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.split("\n").filter((line) => /^bad-syntax-and-more\.yaml:/.test(line))).toEqual([
      "bad-syntax-and-more.yaml:11:4: YAML syntax error: sequence item without - indicator",
      'bad-syntax-and-more.yaml:14:5: duplicate key "role" (first on line 13)',
      'bad-syntax-and-more.yaml:16:11: members[4].role: "ownr" is not a role (member, admin, manager, owner, billing)',
      "bad-syntax-and-more.yaml:19:12: YAML syntax error: the [ opened here is never closed",
    ]);
    expect(run.stderr).toMatch(/\n4 errors in bad-syntax-and-more\.yaml\n$/);
  });

  it("prints --json with the fields of the text lines, and exits 1 when there is an error", async () => {
    const text = await validate(["bad-syntax-and-more.yaml"]);
    const run = await validate(["bad-syntax-and-more.yaml", "--json"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    const json = JSON.parse(run.stdout) as {
      file: string;
      valid: boolean;
      errors: number;
      warnings: number;
      issues: { file: string; line: number; col: number; severity: string; message: string; hint?: string }[];
    };
    expect(json).toMatchObject({ file: "bad-syntax-and-more.yaml", valid: false, errors: 4, warnings: 0 });
    expect(json.issues[0]).toEqual({
      file: "bad-syntax-and-more.yaml",
      line: 11,
      col: 4,
      severity: "error",
      message: "YAML syntax error: sequence item without - indicator",
      hint: 'check the indentation and the "- " of each list item',
    });
    // The same issues as the text output, line for line.
    const fromJson = json.issues
      .map(
        (issue) =>
          `${issue.file}:${issue.line}:${issue.col}: ${issue.severity === "warning" ? "warning: " : ""}${issue.message}\n${issue.hint ? `  hint: ${issue.hint}\n` : ""}`,
      )
      .join("");
    expect(`${fromJson}4 errors in bad-syntax-and-more.yaml\n`).toBe(text.stderr);
  });

  it("prints --json for a valid roster with its counts and warnings, and exits 0", async () => {
    const run = await validate(["valid-with-warning.yaml", "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      file: "valid-with-warning.yaml",
      valid: true,
      errors: 0,
      warnings: 1,
      members: 2,
      teams: 2,
      issues: [
        {
          file: "valid-with-warning.yaml",
          line: 10,
          col: 7,
          severity: "warning",
          message: 'members[0].teams.backend: "contributor" has no effect: an owner is always a team admin',
          hint: 'remove the team role or write "admin"',
        },
      ],
    });
  });

  it.each(["bad-tab-indent.yaml", "bad-unknown-team.yaml", "bad-duplicate-member.yaml", "bad-all-at-once.yaml"])(
    "exits 1 with the location for %s",
    async (name) => {
      const run = await validate([name]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(new RegExp(`^${name.replace(".", "\\.")}:\\d+:\\d+: `));
      expect(run.stderr).toMatch(
        new RegExp(`\\n\\d+ errors? (and \\d+ warnings? )?in ${name.replace(".", "\\.")}\\n$`),
      );
    },
  );
});

/** The CLI's frame in-process, for the golden output of every fixture (spawning 45 processes is slow on CI). */
async function validateInProcess(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCliInProcess(["validate", file], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: {},
    stderrIsTTY: false,
    stdoutIsTTY: false,
  });
  return { code, stdout, stderr };
}

describe("sentry-roster validate output (golden)", () => {
  it("exits 1 with every bad fixture's location and message, as recorded in the golden file", async () => {
    const runs: string[] = [];
    for (const name of BAD) {
      const run = await validateInProcess(relative(process.cwd(), join(FIXTURES, name)));
      expect(run.code, name).toBe(1);
      expect(run.stdout, name).toBe("");
      runs.push(
        `$ sentry-roster validate ${name}\n${run.stderr.split(`${relative(process.cwd(), FIXTURES)}/`).join("")}`,
      );
    }
    await expect(runs.join("\n")).toMatchFileSnapshot("../golden/validate/bad-fixtures.txt");
  });
});

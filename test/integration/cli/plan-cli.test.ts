import { DOUBLE_NOW } from "../../support/deps-double.js";
import { describe, EXAMPLE_ORG, expect, OWNER_TOKEN, test, type SharedFixtures } from "../../support/fixtures.js";
import { rosterInTempDir } from "../../support/rosters.js";
import type { CliIo } from "../../../src/cli/io.js";
import { planCli } from "../../../src/cli/plan-cli.js";


async function run(
  startSentry: SharedFixtures["startSentry"],
  args: readonly string[],
  tty: { stdout: boolean; stderr: boolean },
  env: Record<string, string> = {},
) {
  const fake = await startSentry(EXAMPLE_ORG, { now: () => DOUBLE_NOW });
  const roster = rosterInTempDir("example-invite-zoe");
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: { SENTRY_AUTH_TOKEN: OWNER_TOKEN, SENTRY_URL: fake.url, ...env },
    stdoutIsTTY: tty.stdout,
    stderrIsTTY: tty.stderr,
  };
  const code = await planCli([roster.path, ...args], io);
  return { code, stdout, stderr };
}

describe("planCli", () => {
  test("colours the plan when stdout is a terminal and shows progress on a terminal's stderr", async ({ startSentry }) => {
    const result = await run(startSentry, [], { stdout: true, stderr: true });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("\u001b[32m+\u001b[0m invite as member");
    expect(result.stderr).toContain("reading organization acme");
    expect(result.stderr).not.toContain(OWNER_TOKEN);
  });

  test("prints plain text and no progress when not on a terminal, or with NO_COLOR", async ({ startSentry }) => {
    const piped = await run(startSentry, [], { stdout: false, stderr: false });
    expect(piped.stdout).toContain("  + invite as member, to backend (contributor)");
    expect(piped.stdout).not.toContain("\u001b");
    expect(piped.stderr).toBe("");
    const noColor = await run(startSentry, [], { stdout: true, stderr: false }, { NO_COLOR: "1" });
    expect(noColor.stdout).not.toContain("\u001b");
  });

  test("never colours JSON", async ({ startSentry }) => {
    const result = await run(startSentry, ["--json"], { stdout: true, stderr: false });
    expect(JSON.parse(result.stdout)).toMatchObject({ formatVersion: 1, organization: "acme" });
  });
});

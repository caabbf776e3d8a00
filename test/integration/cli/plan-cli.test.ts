import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeSentry, type FakeSentry } from "../../fakes/fake-sentry.js";
import type { CliIo } from "../../../src/cli/io.js";
import { planCli } from "../../../src/cli/plan-cli.js";

const SEED = new URL("../../fixtures/orgs/example-org.json", import.meta.url).pathname;
const OWNER_TOKEN = "sntryu_owner_token_0123456789abcdef";
const ROSTER = `version: 1
organization: acme
teams:
  backend: {}
ignore: [ci-bot@example.com]
members:
  - { email: alice@example.com, role: owner, teams: [backend] }
  - { email: zoe@example.com, role: member, teams: [backend] }
`;

let fake: FakeSentry | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function run(args: readonly string[], tty: { stdout: boolean; stderr: boolean }, env: Record<string, string> = {}) {
  fake = await startFakeSentry(SEED, { now: () => Date.parse("2026-11-23T12:00:00.000Z") });
  const dir = mkdtempSync(join(tmpdir(), "plan-cli-"));
  writeFileSync(join(dir, "roster.yaml"), ROSTER);
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: { SENTRY_AUTH_TOKEN: OWNER_TOKEN, SENTRY_URL: fake.url, ...env },
    stdoutIsTTY: tty.stdout,
    stderrIsTTY: tty.stderr,
  };
  const code = await planCli([join(dir, "roster.yaml"), ...args], io);
  return { code, stdout, stderr };
}

describe("planCli", () => {
  it("colours the plan when stdout is a terminal and shows progress on a terminal's stderr", async () => {
    const result = await run([], { stdout: true, stderr: true });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("\u001b[32m+\u001b[0m invite as member");
    expect(result.stderr).toContain("reading organization acme");
    expect(result.stderr).not.toContain(OWNER_TOKEN);
  });

  it("prints plain text and no progress when not on a terminal, or with NO_COLOR", async () => {
    const piped = await run([], { stdout: false, stderr: false });
    expect(piped.stdout).toContain("  + invite as member, to backend (contributor)");
    expect(piped.stdout).not.toContain("\u001b");
    expect(piped.stderr).toBe("");
    const noColor = await run([], { stdout: true, stderr: false }, { NO_COLOR: "1" });
    expect(noColor.stdout).not.toContain("\u001b");
  });

  it("never colours JSON", async () => {
    const result = await run(["--json"], { stdout: true, stderr: false });
    expect(JSON.parse(result.stdout)).toMatchObject({ formatVersion: 1, organization: "acme" });
  });
});

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeSentry, type FakeSentry } from "../../fakes/fake-sentry.js";
import type { CliIo } from "../../../src/cli/io.js";
import { runCli } from "../../../src/cli/main.js";

// The terminal path of `apply`, in-process so the test can answer the prompt;
// the built CLI is covered by test/e2e/apply.test.ts.
const SEED = new URL("../../fixtures/orgs/example-org.json", import.meta.url).pathname;
const TOKEN = "sntryu_owner_token_0123456789abcdef";
const ROSTER = `version: 1
organization: acme
teams:
  backend: {}
  mobile: {}
ignore: [bob@example.com, dave@example.com, erin@example.com, frank@example.com, grace@example.com, ci-bot@example.com]
members:
  - email: alice@example.com
    role: owner
    teams: [backend]
  - email: zoe@example.com
    role: member
    teams: [mobile]
`;

let fake: FakeSentry | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function terminal(server: FakeSentry, answer: boolean) {
  const out = { stdout: "", stderr: "", questions: [] as string[] };
  const io: CliIo = {
    stdout: (text) => (out.stdout += text),
    stderr: (text) => (out.stderr += text),
    env: { SENTRY_AUTH_TOKEN: TOKEN, SENTRY_URL: server.url },
    stderrIsTTY: true,
    stdoutIsTTY: false,
    confirm: async (question) => {
      out.questions.push(question);
      return answer;
    },
  };
  return { io, out };
}

function rosterFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "sentry-roster-apply-cli-"));
  writeFileSync(join(dir, "roster.yaml"), ROSTER);
  return join(dir, "roster.yaml");
}

describe("apply on a terminal", () => {
  it("shows the plan, asks, and applies after a yes, with progress on stderr", async () => {
    fake = await startFakeSentry(SEED);
    const { io, out } = terminal(fake, true);
    const code = await runCli(["apply", rosterFile(), "--snapshot", join(tmpdir(), `apply-cli-${process.pid}.json`)], io);
    expect(out.questions).toEqual(["Apply 2 changes to acme?"]);
    expect(out.stderr).toContain("create team mobile");
    expect(out.stderr).toMatch(/^2\/2 changes$/m);
    expect(out.stdout).toContain("Converged: a fresh plan has no changes.");
    expect(code).toBe(0);
    expect(fake.state().members.some((member) => member.email === "zoe@example.com")).toBe(true);
  });

  it("writes nothing when the answer is no", async () => {
    fake = await startFakeSentry(SEED);
    const { io, out } = terminal(fake, false);
    const code = await runCli(["apply", rosterFile()], io);
    expect(code).toBe(1);
    expect(out.stdout).toContain("Refused: cancelled: the plan was not confirmed");
    expect(fake.requests.filter((request) => request.method !== "GET")).toEqual([]);
  });

  it("does not ask with --yes", async () => {
    fake = await startFakeSentry(SEED);
    const { io, out } = terminal(fake, false);
    const code = await runCli(["apply", rosterFile(), "--yes", "--snapshot", join(tmpdir(), `apply-cli-yes-${process.pid}.json`)], io);
    expect(out.questions).toEqual([]);
    expect(code).toBe(0);
  });

  it("prints its options with --help", async () => {
    fake = await startFakeSentry(SEED);
    const { io, out } = terminal(fake, false);
    expect(await runCli(["apply", "--help"], io)).toBe(0);
    expect(out.stdout).toContain("--snapshot FILE");
    expect(fake.requests).toEqual([]);
  });
});

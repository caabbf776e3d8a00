import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FakeSentry } from "../../fakes/fake-sentry.js";
import { describe, expect, OWNER_TOKEN, test } from "../../support/fixtures.js";
import { rosterInTempDir } from "../../support/rosters.js";
import type { CliIo } from "../../../src/cli/io.js";
import { runCli } from "../../../src/cli/main.js";

// The terminal path of `apply`, in-process so the test can answer the prompt;
// the built CLI is covered by test/e2e/apply.test.ts.

function terminal(server: FakeSentry, answer: boolean) {
  const out = { stdout: "", stderr: "", questions: [] as string[] };
  const io: CliIo = {
    stdout: (text) => (out.stdout += text),
    stderr: (text) => (out.stderr += text),
    env: { SENTRY_AUTH_TOKEN: OWNER_TOKEN, SENTRY_URL: server.url },
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
  return rosterInTempDir("example-apply-cli").path;
}

describe("apply on a terminal", () => {
  test("shows the plan, asks, and applies after a yes, with progress on stderr", async ({ startSentry }) => {
    const fake = await startSentry();
    const { io, out } = terminal(fake, true);
    const code = await runCli(["apply", rosterFile(), "--snapshot", join(tmpdir(), `apply-cli-${process.pid}.json`)], io);
    expect(out.questions).toEqual(["Apply 2 changes to acme?"]);
    expect(out.stderr).toContain("create team mobile");
    expect(out.stderr).toMatch(/^2\/2 changes$/m);
    expect(out.stdout).toContain("Converged: a fresh plan has no changes.");
    expect(code).toBe(0);
    expect(fake.state().members.some((member) => member.email === "zoe@example.com")).toBe(true);
  });

  test("writes nothing when the answer is no", async ({ startSentry }) => {
    const fake = await startSentry();
    const { io, out } = terminal(fake, false);
    const code = await runCli(["apply", rosterFile()], io);
    expect(code).toBe(1);
    expect(out.stdout).toContain("Refused: cancelled: the plan was not confirmed");
    expect(fake.requests.filter((request) => request.method !== "GET")).toEqual([]);
  });

  test("does not ask with --yes", async ({ startSentry }) => {
    const fake = await startSentry();
    const { io, out } = terminal(fake, false);
    const code = await runCli(["apply", rosterFile(), "--yes", "--snapshot", join(tmpdir(), `apply-cli-yes-${process.pid}.json`)], io);
    expect(out.questions).toEqual([]);
    expect(code).toBe(0);
  });

  test("prints its options with --help", async ({ startSentry }) => {
    const fake = await startSentry();
    const { io, out } = terminal(fake, false);
    expect(await runCli(["apply", "--help"], io)).toBe(0);
    expect(out.stdout).toContain("--snapshot FILE");
    expect(fake.requests).toEqual([]);
  });
});

/**
 * The Sentry URL and the token through the built CLI (docs/security.md): what
 * it refuses before sending anything, and where the token may go. Every test
 * starts its own servers, so they run concurrently.
 */
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { describe, expect, OWNER_TOKEN as TOKEN, test, type ServerFixture } from "../support/fixtures.js";
import { rosterPath } from "../support/rosters.js";
import { runCli, type CliRun } from "../support/run-dist.js";
import { assertNoLeaks, requestLogText } from "./secret-scan.js";

const ROSTER = rosterPath("example-alice-only");

/** A loopback server that records every request's headers and answers with `answer`; closed after the test. */
async function recordingServer(startServer: ServerFixture["startServer"], answer: (res: ServerResponse) => void): Promise<{ url: string; seen: IncomingHttpHeaders[] }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = await startServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    answer(res);
  });
  return { url: server.url, seen };
}

function expectOneClearLine(run: CliRun, pattern: RegExp): void {
  expect(run.code).toBe(1);
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at |node:internal/);
  assertNoLeaks([{ where: "stdout", text: run.stdout }, { where: "stderr", text: run.stderr }], { tokens: [TOKEN] });
}

describe.concurrent("Sentry URL and token safety through the built CLI", () => {
  test("refuses plain http to any host but loopback, before sending anything", async () => {
    const runs = await Promise.all(
      ["http://sentry.example.com", "http://localhost.evil.example", "ftp://127.0.0.1.nip.io"].map((url) =>
        runCli(["plan", ROSTER, "--url", url], { env: { SENTRY_AUTH_TOKEN: TOKEN } }),
      ),
    );
    for (const run of runs) expectOneClearLine(run, /must use https \(plain http is allowed only for localhost\)/);
  });

  test("refuses a Sentry URL that carries credentials, without echoing them", async () => {
    const run = await runCli(["plan", ROSTER, "--url", "https://user:s3cr3t-pass@sentry.example.com"], { env: { SENTRY_AUTH_TOKEN: TOKEN } });
    expectOneClearLine(run, /must not contain credentials/);
    expect(run.stderr).not.toContain("s3cr3t-pass");
  });

  test.for([301, 302, 307, 308])("never sends the token to the host a %i redirect names", async (status, { startServer }) => {
    const elsewhere = await recordingServer(startServer, (res) => res.writeHead(200, { "Content-Type": "application/json" }).end("[]"));
    const redirecting = await recordingServer(startServer, (res) => res.writeHead(status, { Location: `${elsewhere.url}/api/0/organizations/acme/` }).end());
    const run = await runCli(["plan", ROSTER, "--url", redirecting.url], { env: { SENTRY_AUTH_TOKEN: TOKEN } });
    expectOneClearLine(run, new RegExp(`was redirected to ${elsewhere.url.replace(/[.]/g, "\\.")}; the token is not sent there`));
    expect(redirecting.seen.length).toBeGreaterThan(0);
    expect(elsewhere.seen).toEqual([]);
  });

  test("sends the token only in the Authorization header, and no output or log of a full run holds it", async ({ startSentry }) => {
    const fake = await startSentry();
    const run = await runCli(["plan", ROSTER, "--json"], { env: { SENTRY_AUTH_TOKEN: TOKEN, SENTRY_URL: fake.url } });
    expect(run.code).toBe(0);
    expect(fake.requests.length).toBeGreaterThan(2);
    expect(fake.requests.every((request) => request.auth === "Bearer [redacted]" && request.method === "GET")).toBe(true);
    expect(assertNoLeaks([{ where: "stdout", text: run.stdout }, { where: "stderr", text: run.stderr }, requestLogText("fake Sentry log", fake.requests)], { tokens: [TOKEN] })).toBe(3);
  });

  test("keeps a rejected token out of the error it prints", async ({ startSentry }) => {
    const fake = await startSentry();
    const badToken = "sntryu_not_a_known_token_feedfacecafebeef";
    const run = await runCli(["plan", ROSTER], { env: { SENTRY_AUTH_TOKEN: badToken, SENTRY_URL: fake.url } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/401/);
    assertNoLeaks([{ where: "stdout", text: run.stdout }, { where: "stderr", text: run.stderr }], { tokens: [badToken] });
  });
});

import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeSentry, type FakeSentry } from "../fakes/fake-sentry.js";
import { runCli, type CliRun } from "../support/run-dist.js";
import { ensureDistBuilt } from "./built-cli.js";
import { repoFile } from "./roster-fuzz.js";
import { assertNoLeaks, requestLogText } from "./secret-scan.js";

const TOKEN = "sntryu_owner_token_0123456789abcdef";
const ROSTER = "version: 1\norganization: acme\nteams:\n  backend: {}\nmembers:\n  - email: alice@example.com\n    role: owner\n    teams: [backend]\n";

/** A loopback server that records every request's headers and answers with `answer`. */
async function recordingServer(answer: (res: ServerResponse) => void): Promise<{ url: string; seen: IncomingHttpHeaders[]; close: () => Promise<void> }> {
  const seen: IncomingHttpHeaders[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    answer(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function rosterFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "client-security-"));
  const file = join(dir, "roster.yaml");
  writeFileSync(file, ROSTER);
  return file;
}

function expectOneClearLine(run: CliRun, pattern: RegExp): void {
  expect(run.code).toBe(1);
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at |node:internal/);
  assertNoLeaks([{ where: "stdout", text: run.stdout }, { where: "stderr", text: run.stderr }], { tokens: [TOKEN] });
}

describe("Sentry URL and token safety through the built CLI", () => {
  beforeAll(() => ensureDistBuilt(), 120_000);

  it("refuses plain http to any host but loopback, before sending anything", async () => {
    const roster = rosterFile();
    const runs = await Promise.all(
      ["http://sentry.example.com", "http://localhost.evil.example", "ftp://127.0.0.1.nip.io"].map((url) =>
        runCli(["plan", roster, "--url", url], { env: { SENTRY_AUTH_TOKEN: TOKEN } }),
      ),
    );
    for (const run of runs) expectOneClearLine(run, /must use https \(plain http is allowed only for localhost\)/);
  });

  it("refuses a Sentry URL that carries credentials, without echoing them", async () => {
    const run = await runCli(["plan", rosterFile(), "--url", "https://user:s3cr3t-pass@sentry.example.com"], { env: { SENTRY_AUTH_TOKEN: TOKEN } });
    expectOneClearLine(run, /must not contain credentials/);
    expect(run.stderr).not.toContain("s3cr3t-pass");
  });

  it.each([301, 302, 307, 308])("never sends the token to the host a %i redirect names", async (status) => {
    const elsewhere = await recordingServer((res) => res.writeHead(200, { "Content-Type": "application/json" }).end("[]"));
    cleanups.push(elsewhere.close);
    const redirecting = await recordingServer((res) => res.writeHead(status, { Location: `${elsewhere.url}/api/0/organizations/acme/` }).end());
    cleanups.push(redirecting.close);
    const run = await runCli(["plan", rosterFile(), "--url", redirecting.url], { env: { SENTRY_AUTH_TOKEN: TOKEN } });
    expectOneClearLine(run, new RegExp(`was redirected to ${elsewhere.url.replace(/[.]/g, "\\.")}; the token is not sent there`));
    expect(redirecting.seen.length).toBeGreaterThan(0);
    expect(elsewhere.seen).toEqual([]);
  });

  it("sends the token only in the Authorization header, and no output or log of a full run holds it", async () => {
    const fake: FakeSentry = await startFakeSentry(repoFile("test/fixtures/orgs/example-org.json"));
    cleanups.push(() => fake.close());
    const run = await runCli(["plan", rosterFile(), "--json"], { env: { SENTRY_AUTH_TOKEN: TOKEN, SENTRY_URL: fake.url } });
    expect(run.code).toBe(0);
    expect(fake.requests.length).toBeGreaterThan(2);
    expect(fake.requests.every((request) => request.auth === "Bearer [redacted]" && request.method === "GET")).toBe(true);
    expect(assertNoLeaks([{ where: "stdout", text: run.stdout }, { where: "stderr", text: run.stderr }, requestLogText("fake Sentry log", fake.requests)], { tokens: [TOKEN] })).toBe(3);
  });

  it("keeps a rejected token out of the error it prints", async () => {
    const fake: FakeSentry = await startFakeSentry(repoFile("test/fixtures/orgs/example-org.json"));
    cleanups.push(() => fake.close());
    const badToken = "sntryu_not_a_known_token_feedfacecafebeef";
    const run = await runCli(["plan", rosterFile()], { env: { SENTRY_AUTH_TOKEN: badToken, SENTRY_URL: fake.url } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/401/);
    assertNoLeaks([{ where: "stdout", text: run.stdout }, { where: "stderr", text: run.stderr }], { tokens: [badToken] });
  });
});

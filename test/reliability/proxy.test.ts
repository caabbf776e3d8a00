/**
 * Proxies, through the built CLI (docs/cli.md#proxies): HTTP_PROXY and
 * HTTPS_PROXY in either case route every Sentry request through the proxy,
 * NO_PROXY bypasses it, and the https and redirect rules still hold through
 * it. The proxy is a small forward proxy on loopback that logs what it
 * carries (absolute-URI requests and CONNECT tunnels). Every test starts its
 * own servers, so they run concurrently: the dead-proxy test's back-off
 * overlaps the others.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, OWNER_TOKEN as TOKEN, test, type ServerFixture } from "../support/fixtures.js";
import { rosterPath, rosterText } from "../support/rosters.js";
import { runAction } from "../support/run-action.js";
import { runCli } from "../support/run-dist.js";

const ROSTER = rosterPath("example-alice-only");

interface TestProxy {
  readonly url: string;
  /** "GET http://127.0.0.1:PORT/api/0/…" per forwarded request, "CONNECT host:port" per tunnel. */
  readonly log: string[];
  close(): Promise<void>;
}

/** A forward proxy: absolute-URI requests are sent on to their origin; CONNECT opens a tunnel. */
async function startProxy(startServer: ServerFixture["startServer"]): Promise<TestProxy> {
  const log: string[] = [];
  const proxy = await startServer((req, res) => {
    log.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? "");
    const upstream = httpRequest(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  proxy.server.on("connect", (req, socket, head) => {
    log.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? "").split(":");
    const upstream = connect(Number(port), host, () => {
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  return { url: proxy.url, log, close: () => proxy.close() };
}

describe.concurrent("proxies, through the built CLI", { timeout: 60_000 }, () => {
  test("plan goes through HTTP_PROXY: the proxy's log shows every request Sentry received", async ({ startSentry, startServer }) => {
    const fake = await startSentry();
    const proxy = await startProxy(startServer);
    const run = await runCli(["plan", ROSTER], { env: { SENTRY_AUTH_TOKEN: TOKEN, SENTRY_URL: fake.url, HTTP_PROXY: proxy.url } });
    expect(run.code, run.stderr).toBe(0);
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(proxy.log.some((line) => line.startsWith(`GET ${fake.url}/api/0/organizations/acme/members/`))).toBe(true);
    // Nothing reached Sentry around the proxy.
    expect(proxy.log.filter((line) => line.startsWith(`GET ${fake.url}/api/0/`))).toHaveLength(fake.requests.length);
  });

  test("reads the lower-case variable too, and NO_PROXY sends a host around the proxy", async ({ startSentry, startServer }) => {
    const fake = await startSentry();
    const proxy = await startProxy(startServer);
    const lower = await runCli(["plan", ROSTER], { env: { SENTRY_AUTH_TOKEN: TOKEN, SENTRY_URL: fake.url, http_proxy: proxy.url } });
    expect(lower.code, lower.stderr).toBe(0);
    expect(proxy.log.length).toBe(fake.requests.length);
    proxy.log.length = 0;
    const bypass = await runCli(["plan", ROSTER], { env: { SENTRY_AUTH_TOKEN: TOKEN, SENTRY_URL: fake.url, HTTP_PROXY: proxy.url, NO_PROXY: "localhost,127.0.0.1" } });
    expect(bypass.code, bypass.stderr).toBe(0);
    expect(proxy.log).toEqual([]);
  });

  test("still refuses a redirect through the proxy: the other server receives nothing", async ({ startServer }) => {
    const elsewhere = await startProxy(startServer); // any server that logs what reaches it
    const redirecting = await startServer((req, res) => {
      req.resume();
      res.writeHead(302, { Location: `${elsewhere.url}/api/0/organizations/acme/` }).end();
    });
    const sentryUrl = redirecting.url;
    const proxy = await startProxy(startServer);
    const run = await runCli(["plan", ROSTER], { env: { SENTRY_AUTH_TOKEN: TOKEN, SENTRY_URL: sentryUrl, HTTP_PROXY: proxy.url } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/was redirected to http:\/\/127\.0\.0\.1:\d+; the token is not sent there/);
    expect(proxy.log.length).toBeGreaterThan(0);
    expect(proxy.log.every((line) => line.startsWith(`GET ${sentryUrl}/`))).toBe(true);
    expect(elsewhere.log).toEqual([]);
  });

  test("still refuses plain http to a remote host with a proxy set, before sending anything", async ({ startServer }) => {
    const proxy = await startProxy(startServer);
    const run = await runCli(["plan", ROSTER, "--url", "http://sentry.example.com"], { env: { SENTRY_AUTH_TOKEN: TOKEN, HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/must use https/);
    expect(proxy.log).toEqual([]);
  });

  test("names what to check when the proxy cannot be reached", async ({ startSentry, startServer }) => {
    // The fake starts before the proxy closes, so it cannot be given the port the dead proxy leaves free.
    const fake = await startSentry();
    const proxy = await startProxy(startServer);
    const deadProxy = proxy.url;
    await proxy.close();
    const run = await runCli(["plan", ROSTER], { env: { SENTRY_AUTH_TOKEN: TOKEN, SENTRY_URL: fake.url, HTTP_PROXY: deadProxy } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+ \(.+\): check --url \(or SENTRY_URL\), DNS, and the proxy variables HTTPS_PROXY, HTTP_PROXY and NO_PROXY/);
    expect(fake.requests).toEqual([]);
  });

  test("the Action's Sentry requests go through HTTPS_PROXY/HTTP_PROXY too", async ({ startSentry, startGitHub, startServer }) => {
    const fake = await startSentry();
    const github = await startGitHub({ tokens: { ghs_fake_workflow_token_0123456789: { login: "github-actions[bot]" } } });
    const proxy = await startProxy(startServer);
    const dir = mkdtempSync(join(tmpdir(), "proxy-action-"));
    writeFileSync(join(dir, "roster.yaml"), rosterText("example-alice-only"));
    const run = await runAction({
      eventName: "workflow_dispatch",
      payload: { repository: { private: true, default_branch: "main" } },
      workspace: dir,
      github: { apiUrl: github.apiUrl, graphqlUrl: github.graphqlUrl, serverUrl: github.url },
      inputs: { "sentry-token": TOKEN, "sentry-url": fake.url, "github-token": "ghs_fake_workflow_token_0123456789", mode: "plan" },
      env: { HTTP_PROXY: proxy.url, NO_PROXY: new URL(github.apiUrl).host },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(proxy.log.filter((line) => line.startsWith(`GET ${fake.url}/api/0/`))).toHaveLength(fake.requests.length);
  });
});

/**
 * A fake Sentry server on 127.0.0.1 for tests, the demo and the bench.
 * It follows docs/sentry-behaviour.md (checklist F01–F65, X1–X5): its own
 * tests in fake-sentry.test.ts pin it to the recorded payloads.
 *
 * API (keep it stable; plan/apply/Action e2e tests use it):
 *
 *   const fake = await startFakeSentry("test/fixtures/orgs/example-org.json", { now: () => T });
 *   fake.url            "http://127.0.0.1:PORT" (plus options.pathPrefix): pass as --url / SENTRY_URL
 *   fake.requests       log of every request: { method, path, query, body, auth, status, userAgent }
 *                       (path starts at /api/0/; auth is "Bearer [redacted]" or null: never the token)
 *   fake.faults         failNext(n, "429"|"429-bare"|"500"|"502"|"503"|"reset"|"html-502"|"truncated-json", { method?, path? }),
 *                       failAfterCommit(n, "reset"|"500"|"truncated-json", match?)  (the write takes effect, the answer is lost or cut),
 *                       failAlways(kind, match?), setRandom({ rate, kinds, seed, maxPerRequest, includeWrites }),
 *                       setLatency(ms, match?), clear()
 *   fake.state()        the org now, as an OrgSeed (deep copy): assert on members, roles, teams
 *   fake.world          the live mutable model, for tests that need to poke (e.g. accept an invite)
 *   fake.require2FA()   X5: members without 2FA become pending invites with the same id
 *   fake.clearLog()     empties `requests` and resets `peakInFlight` and `connections`
 *   fake.peakInFlight   the most requests answered at once (latency included)
 *   fake.connections    TCP connections opened to it (HTTP fake only): keep-alive reuse shows here
 *   fake.close()
 *
 * Without sockets (unit tests of src/sentry): `createInMemorySentry(seed, options)`
 * gives the same engine behind a `fetch` function (connection resets become
 * fetch errors with code ECONNRESET), plus requests/faults/state().
 *
 * Seeds: an OrgSeed value or the path of a JSON file (test/fixtures/orgs/*.json);
 * tokens are listed in the seed with their kind, member and scopes.
 * Options: now (injectable clock, ms), pathPrefix ("/sentry" for a server under a
 * prefix), linkBaseUrl (host the Link URLs name, e.g. an org subdomain),
 * membersIndexLimit (40/s), defaultLimit (470/s), concurrentLimit, bare429
 * (F60 switch), switches (legacy behaviours, invite caps), randomFaults,
 * contentEncoding ("gzip": compressed answers, HTTP fake only).
 * Self-hosted mode (organization.mode = "self-hosted") sends no rate-limit
 * headers and never answers 429 from its limiter (F62).
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import { gzipSync } from "node:zlib";
import type { AddressInfo } from "node:net";
import { type EngineAnswer, FakeEngine, type FakeSentryOptions, type LoggedRequest } from "./fake-sentry/engine.js";
import type { FaultControl } from "./fake-sentry/faults.js";
import type { World } from "./fake-sentry/model.js";
import { type OrgSeed, readSeedFile } from "./fake-sentry/seed.js";

export type { OrgSeed, SeedMember, SeedTeam, SeedToken } from "./fake-sentry/seed.js";
export type { FaultControl, FaultKind, RandomFaults, RequestMatch } from "./fake-sentry/faults.js";
export type { FakeSwitches } from "./fake-sentry/handlers.js";
export { DEFAULT_LIMIT, MEMBERS_INDEX_LIMIT } from "./fake-sentry/engine.js";
export type { FakeSentryOptions, LoggedRequest } from "./fake-sentry/engine.js";

/** A running fake (HTTP or in-memory). */
export interface FakeSentryControl {
  readonly requests: LoggedRequest[];
  /** The most requests answered at once since the last clearLog(), each counted from arrival to answer. */
  readonly peakInFlight: number;
  readonly faults: FaultControl;
  readonly world: World;
  state(): OrgSeed;
  require2FA(): void;
  clearLog(): void;
}

/** The fake on a loopback port. */
export interface FakeSentry extends FakeSentryControl {
  /** http://127.0.0.1:PORT plus the path prefix: what --url takes. */
  readonly url: string;
  /**
   * TCP connections clients opened since the start or the last clearLog(). Each
   * one is a TCP and TLS handshake against sentry.io, a round trip or two that
   * loopback does not charge, so tests count them instead (docs/reliability.md#11-connections).
   */
  readonly connections: number;
  close(): Promise<void>;
}

/** The fake behind a fetch function, for unit tests without sockets. */
export interface InMemorySentry extends FakeSentryControl {
  /** Base URL to give the client (http://127.0.0.1:1 plus the prefix; nothing listens there). */
  readonly url: string;
  readonly fetch: typeof globalThis.fetch;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (text += chunk));
    req.on("end", () => resolve(text));
    req.on("error", reject);
  });
}

/** Whether an Accept-Encoding header names `coding` (without q=0). */
function acceptsCoding(header: string | undefined, coding: string): boolean {
  return (header ?? "")
    .split(",")
    .map((part) => part.trim().toLowerCase().split(";"))
    .some(([name, ...params]) => name === coding && !params.some((param) => /^\s*q=0(\.0*)?\s*$/.test(param)));
}

function control(engine: FakeEngine): FakeSentryControl {
  return {
    requests: engine.requests,
    faults: engine.faults,
    world: engine.world,
    state: () => engine.state(),
    require2FA: () => engine.require2FA(),
    get peakInFlight() {
      return engine.peakInFlight;
    },
    clearLog: () => {
      engine.peakInFlight = 0;
      engine.requests.length = 0;
    },
  };
}

function loadSeed(seed: OrgSeed | string): OrgSeed {
  return typeof seed === "string" ? readSeedFile(seed) : seed;
}

/** Starts the fake on 127.0.0.1 and a free port. */
export async function startFakeSentry(seed: OrgSeed | string, options: FakeSentryOptions = {}): Promise<FakeSentry> {
  const engine = new FakeEngine(loadSeed(seed), options);
  const server: Server = createServer((req, res) => {
    void (async () => {
      const answer: EngineAnswer = await engine.respond({
        method: (req.method ?? "GET").toUpperCase(),
        url: new URL(req.url ?? "/", engine.origin),
        authorization: req.headers.authorization,
        userAgent: req.headers["user-agent"],
        bodyText: await readBody(req),
      });
      if (answer.kind === "reset") {
        req.socket.destroy();
        return;
      }
      const coding = options.contentEncoding;
      if (coding && answer.body !== undefined && acceptsCoding(req.headers["accept-encoding"], coding)) {
        res.writeHead(answer.status, { ...answer.headers, "Content-Encoding": coding }).end(gzipSync(answer.body));
        return;
      }
      res.writeHead(answer.status, answer.headers).end(answer.body);
    })().catch((error: unknown) => {
      if (!res.headersSent)
        res.writeHead(500, { "Content-Type": "application/json" }).end(JSON.stringify({ detail: String(error) }));
    });
  });
  let connections = 0;
  server.on("connection", () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  engine.origin = `http://127.0.0.1:${port}`;
  const controls = control(engine);
  const clearEngineLog = controls.clearLog;
  // Added as property descriptors, not spread or assigned, so getters stay live:
  // the control's (peakInFlight) and this one's (connections).
  return Object.defineProperties(
    controls,
    Object.getOwnPropertyDescriptors({
      get connections() {
        return connections;
      },
      clearLog: () => {
        clearEngineLog();
        connections = 0;
      },
      url: `${engine.origin}${(options.pathPrefix ?? "").replace(/\/$/, "")}`,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    }),
  ) as FakeSentry;
}

/** The same fake without a socket: `fetch` goes straight to the engine. */
export function createInMemorySentry(seed: OrgSeed | string, options: FakeSentryOptions = {}): InMemorySentry {
  const engine = new FakeEngine(loadSeed(seed), options);
  // Nothing listens on port 1: the URL only names the fake in Link headers and messages.
  engine.origin = "http://127.0.0.1:1";
  const fakeFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
    const headers = new Headers(init?.headers);
    const answer = await engine.respond({
      method: (init?.method ?? "GET").toUpperCase(),
      url,
      authorization: headers.get("authorization") ?? undefined,
      userAgent: headers.get("user-agent") ?? undefined,
      bodyText: typeof init?.body === "string" ? init.body : "",
    });
    if (answer.kind === "reset") {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("other side closed"), { code: "ECONNRESET" }),
      });
    }
    return new Response(answer.body ?? null, { status: answer.status, headers: answer.headers });
  };
  return Object.assign(control(engine), {
    url: `${engine.origin}${(options.pathPrefix ?? "").replace(/\/$/, "")}`,
    fetch: fakeFetch as typeof globalThis.fetch,
  });
}

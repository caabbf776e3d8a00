/**
 * A fake Sentry server on 127.0.0.1 for tests, the demo and the bench.
 * It follows /work/shared/sentry-api.md (checklist F01–F65, X1–X5): its own
 * tests in fake-sentry.test.ts pin it to the recorded payloads.
 *
 * API (keep it stable; plan/apply/Action e2e tests use it):
 *
 *   const fake = await startFakeSentry("test/fixtures/orgs/example-org.json", { now: () => T });
 *   fake.url            "http://127.0.0.1:PORT" (plus options.pathPrefix): pass as --url / SENTRY_URL
 *   fake.requests       log of every request: { method, path, query, body, auth, status, userAgent }
 *                       (path starts at /api/0/; auth is "Bearer [redacted]" or null: never the token)
 *   fake.faults         failNext(n, "429"|"429-bare"|"500"|"502"|"503"|"reset", { method?, path? }),
 *                       failAfterCommit(n, "reset"|"500", match?)  (the write takes effect, the answer is lost),
 *                       failAlways(kind, match?), setRandom({ rate, kinds, seed, maxPerRequest, includeWrites }),
 *                       setLatency(ms), clear()
 *   fake.state()        the org now, as an OrgSeed (deep copy): assert on members, roles, teams
 *   fake.world          the live mutable model, for tests that need to poke (e.g. accept an invite)
 *   fake.require2FA()   X5: members without 2FA become pending invites with the same id
 *   fake.clearLog()     empties `requests`
 *   fake.close()
 *
 * Seeds: an OrgSeed value or the path of a JSON file (test/fixtures/orgs/*.json);
 * tokens are listed in the seed with their kind, member and scopes.
 * Options: now (injectable clock, ms), pathPrefix ("/sentry" for a server under a
 * prefix), linkBaseUrl (host the Link URLs name, e.g. an org subdomain),
 * membersIndexLimit (40/s), defaultLimit (470/s), concurrentLimit, bare429
 * (F60 switch), switches (legacy behaviours, invite caps), randomFaults.
 * Self-hosted mode (organization.mode = "self-hosted") sends no rate-limit
 * headers and never answers 429 from its limiter (F62).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Faults, type FaultControl, type FaultKind, type RandomFaults } from "./fake-sentry/faults.js";
import { type Caller, type FakeSwitches, type Reply, handle, internalError } from "./fake-sentry/handlers.js";
import { ROLE_SCOPES, type World, worldFromSeed, worldToSeed } from "./fake-sentry/model.js";
import { type OrgSeed, readSeedFile } from "./fake-sentry/seed.js";

export type { OrgSeed, SeedMember, SeedTeam, SeedToken } from "./fake-sentry/seed.js";
export type { FaultControl, FaultKind, RandomFaults, RequestMatch } from "./fake-sentry/faults.js";
export type { FakeSwitches } from "./fake-sentry/handlers.js";

/** Sentry's members index limit: 40 requests per second (sentry-api.md §3). */
export const MEMBERS_INDEX_LIMIT = 40;
/** The open-source default for other endpoints. */
export const DEFAULT_LIMIT = 470;

export interface FakeSentryOptions {
  /** The fake's clock in ms since the epoch (expiry, rate-limit windows, new invites). Default Date.now. */
  readonly now?: () => number;
  /** Serve under this path prefix, e.g. "/sentry" (self-hosted behind a proxy). */
  readonly pathPrefix?: string;
  /** Origin the Link header URLs name (default: the fake's own), to check clients use the cursor only. */
  readonly linkBaseUrl?: string;
  readonly membersIndexLimit?: number;
  readonly defaultLimit?: number;
  /** When set, answers carry the two Concurrent headers (F59). */
  readonly concurrentLimit?: number;
  /** F60 switch: 429 bodies are a bare JSON string. */
  readonly bare429?: boolean;
  readonly switches?: FakeSwitches;
  readonly randomFaults?: RandomFaults;
}

/** One logged request. */
export interface LoggedRequest {
  readonly method: string;
  /** Path from /api/0/ on (prefix removed), with trailing slash as sent. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** "Bearer [redacted]", "[malformed]" or null. */
  readonly auth: string | null;
  readonly userAgent: string | null;
  /** Answer status, or "reset" when the connection was dropped. */
  status: number | "reset";
}

export interface FakeSentry {
  readonly url: string;
  readonly requests: LoggedRequest[];
  readonly faults: FaultControl;
  readonly world: World;
  state(): OrgSeed;
  require2FA(): void;
  clearLog(): void;
  close(): Promise<void>;
}

const RATE_429 = "You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds";

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (text += chunk));
    req.on("end", () => resolve(text));
    req.on("error", reject);
  });
}

function callerFor(world: World, token: NonNullable<World["tokens"][number]>): Caller {
  const member = token.kind === "user" ? (world.members.find((m) => String(m.id) === token.memberId && !m.pending && !m.inactive) ?? null) : null;
  const roleScopes = new Set(member ? (ROLE_SCOPES[member.role] ?? []) : []);
  const scopes = token.kind === "user" ? token.scopes.filter((s) => roleScopes.has(s)) : [...token.scopes];
  return { token, member, role: member?.role ?? null, scopes: new Set(scopes) };
}

/** Starts the fake on 127.0.0.1 and a free port. */
export async function startFakeSentry(seed: OrgSeed | string, options: FakeSentryOptions = {}): Promise<FakeSentry> {
  const world = worldFromSeed(typeof seed === "string" ? readSeedFile(seed) : seed);
  const now = options.now ?? (() => Date.now());
  const prefix = (options.pathPrefix ?? "").replace(/\/$/, "");
  const faults = new Faults();
  if (options.randomFaults) faults.setRandom(options.randomFaults);
  const requests: LoggedRequest[] = [];
  const windows = new Map<string, { window: number; count: number }>();
  const inFlight = new Map<string, number>();
  const inviteCounts = new Map<string, number>();
  let origin = "";

  function rateHeaders(group: string, limit: number, tokenKey: string): { headers: Record<string, string>; limited: boolean } {
    if (world.org.mode === "self-hosted") return { headers: {}, limited: false };
    const second = Math.floor(now() / 1000);
    const key = `${tokenKey}|${group}`;
    const entry = windows.get(key);
    const state = entry && entry.window === second ? entry : { window: second, count: 0 };
    state.count += 1;
    windows.set(key, state);
    const limited = state.count > limit;
    const headers: Record<string, string> = {
      "X-Sentry-Rate-Limit-Limit": String(limit),
      "X-Sentry-Rate-Limit-Remaining": String(Math.max(0, limit - state.count)),
      "X-Sentry-Rate-Limit-Reset": String(second + 1),
    };
    if (options.concurrentLimit !== undefined) {
      headers["X-Sentry-Rate-Limit-ConcurrentLimit"] = String(options.concurrentLimit);
      headers["X-Sentry-Rate-Limit-ConcurrentRemaining"] = String(Math.max(0, options.concurrentLimit - (inFlight.get(tokenKey) ?? 0)));
    }
    return { headers, limited };
  }

  function send(res: ServerResponse, reply: Reply, extraHeaders: Record<string, string>): void {
    const headers: Record<string, string> = { ...extraHeaders, ...(reply.headers ?? {}) };
    if (reply.body === undefined) {
      res.writeHead(reply.status, headers).end();
      return;
    }
    headers["Content-Type"] = "application/json";
    res.writeHead(reply.status, headers).end(JSON.stringify(reply.body));
  }

  function faultReply(kind: FaultKind): Reply {
    if (kind === "429" || kind === "429-bare") return { status: 429, body: kind === "429-bare" || options.bare429 ? RATE_429 : { detail: RATE_429 } };
    if (kind === "500") return internalError();
    return { status: Number(kind), body: kind === "502" ? undefined : { detail: "Service unavailable" } };
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const rawBody = await readBody(req);
    let body: unknown = undefined;
    let badJson = false;
    if (rawBody) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        badJson = true;
      }
    }
    const authHeader = req.headers.authorization;
    const path = prefix && url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
    const entry: LoggedRequest = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      auth: authHeader === undefined ? null : /^Bearer \S+$/.test(authHeader) ? "Bearer [redacted]" : "[malformed]",
      userAgent: req.headers["user-agent"] ?? null,
      status: 0,
    };
    requests.push(entry);
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    const finish = (reply: Reply, headers: Record<string, string> = {}) => {
      entry.status = reply.status;
      send(res, reply, headers);
    };
    const drop = () => {
      entry.status = "reset";
      req.socket.destroy();
    };
    if ((prefix && !url.pathname.startsWith(`${prefix}/`)) || !path.startsWith("/api/0/")) {
      entry.status = 404;
      res.writeHead(404, { "Content-Type": "text/html" }).end("<h1>Not Found</h1>");
      return;
    }
    const decision = faults.decide(method, path, url.searchParams.toString());
    if (decision.before === "reset") return drop();
    if (decision.before !== undefined) {
      const reset = String(Math.floor(now() / 1000));
      const headers: Record<string, string> =
        decision.before.startsWith("429") && world.org.mode !== "self-hosted"
          ? { "X-Sentry-Rate-Limit-Limit": String(MEMBERS_INDEX_LIMIT), "X-Sentry-Rate-Limit-Remaining": "0", "X-Sentry-Rate-Limit-Reset": reset }
          : {};
      return finish(faultReply(decision.before), headers);
    }
    // F04: authentication.
    if (authHeader === undefined) return finish({ status: 401, body: { detail: "Authentication credentials were not provided." } });
    const match = /^Bearer (\S+)$/.exec(authHeader);
    if (!match) return finish({ status: 401, body: { detail: "Invalid token header. No credentials provided." } });
    const token = world.tokens.find((t) => t.token === match[1]);
    if (!token) return finish({ status: 401, body: { detail: "Invalid token" } });
    if (badJson) return finish({ status: 400, body: { detail: "JSON parse error - Expecting value: line 1 column 1 (char 0)" } });
    const tokenKey = token.token;
    const segments = path.slice("/api/0/".length).split("/").filter((s) => s !== "");
    const membersIndex = segments[0] === "organizations" && segments[2] === "members" && segments.length === 3 && (method === "GET" || method === "POST");
    const rate = membersIndex
      ? rateHeaders("members-index", options.membersIndexLimit ?? MEMBERS_INDEX_LIMIT, tokenKey)
      : rateHeaders(`${method} ${segments.map((s) => (/^\d+$/.test(s) ? "{id}" : s)).join("/")}`, options.defaultLimit ?? DEFAULT_LIMIT, tokenKey);
    if (rate.limited) return finish(faultReply("429"), rate.headers);
    inFlight.set(tokenKey, (inFlight.get(tokenKey) ?? 0) + 1);
    try {
      const reply = handle({
        world,
        now: now(),
        caller: callerFor(world, token),
        method,
        segments,
        query: url.searchParams,
        body,
        linkBase: `${options.linkBaseUrl ?? origin}${prefix}${path}`,
        switches: options.switches ?? {},
        inviteCounts,
      });
      if (decision.afterCommit === "reset") return drop();
      if (decision.afterCommit === "500") return finish(internalError(), rate.headers);
      finish(reply, rate.headers);
    } finally {
      inFlight.set(tokenKey, (inFlight.get(tokenKey) ?? 1) - 1);
    }
  }

  const server: Server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" }).end(JSON.stringify({ detail: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}${prefix}`,
    requests,
    faults,
    world,
    state: () => worldToSeed(world),
    require2FA: () => {
      world.org.require2FA = true;
      for (const m of world.members) {
        if (!m.pending && !m.has2fa) {
          m.pending = true;
          m.userId = null;
          m.invitedAt = now();
        }
      }
    },
    clearLog: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { Faults, type FaultKind, type RandomFaults } from "./faults.js";
import { type Caller, type FakeSwitches, type Reply, handle, internalError } from "./handlers.js";
import { ROLE_SCOPES, type World, worldFromSeed, worldToSeed } from "./model.js";
import type { OrgSeed } from "./seed.js";

/** Sentry's members index limit: 40 requests per second (docs/sentry-behaviour.md S3). */
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
  /**
   * HTTP fake only: compress answers with bodies in this coding when the request's
   * Accept-Encoding names it, as a proxy or CDN in front of Sentry may (the client asks
   * for gzip, deflate and br). Off by default: answers go as they are.
   */
  readonly contentEncoding?: "gzip";
}

/** One logged request. */
export interface LoggedRequest {
  readonly method: string;
  /** Path from /api/0/ on (prefix removed), with trailing slash as sent. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** "Bearer [redacted]", "[malformed]" or null: never the token. */
  readonly auth: string | null;
  readonly userAgent: string | null;
  /** Answer status, or "reset" when the connection was dropped. */
  status: number | "reset";
}

/** A request as the engine sees it, transport aside. */
export interface EngineRequest {
  readonly method: string;
  /** Absolute URL as requested. */
  readonly url: URL;
  readonly authorization: string | undefined;
  readonly userAgent: string | undefined;
  readonly bodyText: string;
}

/** What the transport should do: answer, or drop the connection. */
export type EngineAnswer =
  | {
      readonly kind: "reply";
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: string | undefined;
    }
  | { readonly kind: "reset" };

/** What nginx answers when Sentry behind it is down ("html-502" fault). */
const NGINX_502 =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
const RATE_429 = "You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds";

function callerFor(world: World, token: NonNullable<World["tokens"][number]>): Caller {
  const member =
    token.kind === "user"
      ? (world.members.find((m) => String(m.id) === token.memberId && !m.pending && !m.inactive) ?? null)
      : null;
  const roleScopes = new Set(member ? (ROLE_SCOPES[member.role] ?? []) : []);
  const scopes = token.kind === "user" ? token.scopes.filter((s) => roleScopes.has(s)) : [...token.scopes];
  return { token, member, role: member?.role ?? null, scopes: new Set(scopes) };
}

/** The fake's brain: world, limiter, faults and log; transports (HTTP, in-memory fetch) call `respond`. */
export class FakeEngine {
  readonly world: World;
  readonly faults = new Faults();
  readonly requests: LoggedRequest[] = [];
  /** Origin used in Link URLs when options.linkBaseUrl is not set. */
  origin = "http://127.0.0.1";
  private readonly options: FakeSentryOptions;
  private readonly now: () => number;
  private readonly prefix: string;
  private readonly windows = new Map<string, { window: number; count: number }>();
  /** Requests being answered per token, from arrival to answer (the latency included). */
  private readonly inFlight = new Map<string, number>();
  private inFlightNow = 0;
  /** The most requests answered at once since the log was last cleared: how many a client keeps in flight. */
  peakInFlight = 0;
  private readonly inviteCounts = new Map<string, number>();

  constructor(seed: OrgSeed, options: FakeSentryOptions = {}) {
    this.world = worldFromSeed(seed);
    this.options = options;
    this.now = options.now ?? (() => Date.now());
    this.prefix = (options.pathPrefix ?? "").replace(/\/$/, "");
    if (options.randomFaults) this.faults.setRandom(options.randomFaults);
  }

  /** The org now, as a seed (deep copy). */
  state(): OrgSeed {
    return worldToSeed(this.world);
  }

  /** X5: members without 2FA become pending invites with the same id (user unlinked, email kept). */
  require2FA(): void {
    this.world.org.require2FA = true;
    for (const m of this.world.members) {
      if (!m.pending && !m.has2fa) {
        m.pending = true;
        m.userId = null;
        m.invitedAt = this.now();
      }
    }
  }

  private rateHeaders(
    group: string,
    limit: number,
    tokenKey: string,
  ): { headers: Record<string, string>; limited: boolean; overConcurrency: boolean } {
    if (this.world.org.mode === "self-hosted") return { headers: {}, limited: false, overConcurrency: false };
    const second = Math.floor(this.now() / 1000);
    const key = `${tokenKey}|${group}`;
    const entry = this.windows.get(key);
    const state = entry && entry.window === second ? entry : { window: second, count: 0 };
    state.count += 1;
    this.windows.set(key, state);
    const headers: Record<string, string> = {
      "X-Sentry-Rate-Limit-Limit": String(limit),
      "X-Sentry-Rate-Limit-Remaining": String(Math.max(0, limit - state.count)),
      "X-Sentry-Rate-Limit-Reset": String(second + 1),
    };
    let overConcurrency = false;
    if (this.options.concurrentLimit !== undefined) {
      // This request is already counted in inFlight (it arrived before its latency).
      const concurrent = this.inFlight.get(tokenKey) ?? 1;
      headers["X-Sentry-Rate-Limit-ConcurrentLimit"] = String(this.options.concurrentLimit);
      headers["X-Sentry-Rate-Limit-ConcurrentRemaining"] = String(Math.max(0, this.options.concurrentLimit - concurrent));
      overConcurrency = concurrent > this.options.concurrentLimit;
    }
    return { headers, limited: state.count > limit, overConcurrency };
  }

  private faultReply(kind: FaultKind): Reply {
    if (kind === "429" || kind === "429-bare" || kind === "429-burst")
      return { status: 429, body: kind === "429-bare" || this.options.bare429 ? RATE_429 : { detail: RATE_429 } };
    if (kind === "500") return internalError();
    return { status: Number(kind), body: kind === "502" ? undefined : { detail: "Service unavailable" } };
  }

  /**
   * Answers one request; synchronous apart from the optional latency. A request
   * counts as in flight from its arrival to its answer, latency included, as
   * Sentry's concurrency limiter counts it (docs/sentry-behaviour.md S3).
   */
  async respond(request: EngineRequest): Promise<EngineAnswer> {
    const tokenKey = /^Bearer (\S+)$/.exec(request.authorization ?? "")?.[1] ?? "";
    this.inFlight.set(tokenKey, (this.inFlight.get(tokenKey) ?? 0) + 1);
    this.inFlightNow += 1;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlightNow);
    try {
      return await this.answer(request);
    } finally {
      this.inFlightNow -= 1;
      this.inFlight.set(tokenKey, (this.inFlight.get(tokenKey) ?? 1) - 1);
    }
  }

  private async answer(request: EngineRequest): Promise<EngineAnswer> {
    const { method, url } = request;
    let body: unknown = undefined;
    let badJson = false;
    if (request.bodyText) {
      try {
        body = JSON.parse(request.bodyText);
      } catch {
        badJson = true;
      }
    }
    const prefix = this.prefix;
    const path = prefix && url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
    const authHeader = request.authorization;
    const entry: LoggedRequest = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      auth: authHeader === undefined ? null : /^Bearer \S+$/.test(authHeader) ? "Bearer [redacted]" : "[malformed]",
      userAgent: request.userAgent ?? null,
      status: 0,
    };
    this.requests.push(entry);
    const latencyMs = this.faults.latencyFor(method, path);
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    const finish = (reply: Reply, headers: Record<string, string> = {}): EngineAnswer => {
      entry.status = reply.status;
      const all: Record<string, string> = { ...headers, ...(reply.headers ?? {}) };
      if (reply.body === undefined) return { kind: "reply", status: reply.status, headers: all, body: undefined };
      all["Content-Type"] = "application/json";
      return { kind: "reply", status: reply.status, headers: all, body: JSON.stringify(reply.body) };
    };
    const drop = (): EngineAnswer => {
      entry.status = "reset";
      return { kind: "reset" };
    };
    if ((prefix && !url.pathname.startsWith(`${prefix}/`)) || !path.startsWith("/api/0/")) {
      entry.status = 404;
      return { kind: "reply", status: 404, headers: { "Content-Type": "text/html" }, body: "<h1>Not Found</h1>" };
    }
    const decision = this.faults.decide(method, path, url.searchParams.toString());
    if (decision.before === "reset") return drop();
    if (decision.before === "html-502") {
      entry.status = 502;
      return { kind: "reply", status: 502, headers: { "Content-Type": "text/html" }, body: NGINX_502 };
    }
    const truncate = decision.before === "truncated-json" || decision.afterCommit === "truncated-json";
    if (decision.before !== undefined && decision.before !== "truncated-json") {
      const reset = String(Math.floor(this.now() / 1000) + (decision.before === "429-burst" ? 1 : 0));
      const headers: Record<string, string> =
        decision.before.startsWith("429") && this.world.org.mode !== "self-hosted"
          ? {
              "X-Sentry-Rate-Limit-Limit": String(MEMBERS_INDEX_LIMIT),
              "X-Sentry-Rate-Limit-Remaining": "0",
              "X-Sentry-Rate-Limit-Reset": reset,
            }
          : {};
      return finish(this.faultReply(decision.before), headers);
    }
    // F04: authentication.
    if (authHeader === undefined)
      return finish({ status: 401, body: { detail: "Authentication credentials were not provided." } });
    const match = /^Bearer (\S+)$/.exec(authHeader);
    if (!match) return finish({ status: 401, body: { detail: "Invalid token header. No credentials provided." } });
    const token = this.world.tokens.find((t) => t.token === match[1]);
    if (!token) return finish({ status: 401, body: { detail: "Invalid token" } });
    if (badJson)
      return finish({ status: 400, body: { detail: "JSON parse error - Expecting value: line 1 column 1 (char 0)" } });
    const tokenKey = token.token;
    const segments = path
      .slice("/api/0/".length)
      .split("/")
      .filter((s) => s !== "");
    const membersIndex =
      segments[0] === "organizations" &&
      segments[2] === "members" &&
      segments.length === 3 &&
      (method === "GET" || method === "POST");
    // Counted per HTTP method, in fixed one-second windows (docs/sentry-behaviour.md S3).
    const rate = membersIndex
      ? this.rateHeaders(`members-index ${method}`, this.options.membersIndexLimit ?? MEMBERS_INDEX_LIMIT, tokenKey)
      : this.rateHeaders(
          `${method} ${segments.map((s) => (/^\d+$/.test(s) ? "{id}" : s)).join("/")}`,
          this.options.defaultLimit ?? DEFAULT_LIMIT,
          tokenKey,
        );
    if (rate.limited) return finish(this.faultReply("429"), rate.headers);
    if (rate.overConcurrency) {
      const detail = `You are attempting to go above the allowed concurrency for this endpoint. Concurrency limit is ${this.options.concurrentLimit}`;
      return finish({ status: 429, body: { detail } }, rate.headers);
    }
    const reply = handle({
      world: this.world,
      now: this.now(),
      caller: callerFor(this.world, token),
      method,
      segments,
      query: url.searchParams,
      body,
      linkBase: `${this.options.linkBaseUrl ?? this.origin}${prefix}${path}`,
      switches: this.options.switches ?? {},
      inviteCounts: this.inviteCounts,
    });
    if (decision.afterCommit === "reset") return drop();
    if (decision.afterCommit === "500") return finish(internalError(), rate.headers);
    const answer = finish(reply, rate.headers);
    // The handler ran (a write took effect); a proxy or a dropped stream then cut the body in half.
    if (truncate && answer.kind === "reply" && answer.body)
      return { ...answer, body: answer.body.slice(0, Math.floor(answer.body.length / 2)) };
    return answer;
  }
}

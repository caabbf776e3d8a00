import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);
import {
  VERSION
} from "./chunk-ZV4FVV53.js";
import {
  UsageError
} from "./chunk-CV2I63CP.js";

// src/commands/organization.ts
var OrganizationChoiceError = class extends Error {
  name = "OrganizationChoiceError";
};
function resolveOrganization(sources, rosterPath) {
  const flag = nonEmpty(sources.flag);
  const roster = nonEmpty(sources.roster);
  if (flag !== void 0 && roster !== void 0 && flag.toLowerCase() !== roster.toLowerCase()) {
    throw new OrganizationChoiceError(
      `--org ${flag} differs from the organization "${roster}" that ${rosterPath ?? "the roster"} names: drop --org, or change organization in ${rosterPath ?? "the roster"}`
    );
  }
  const chosen = flag ?? roster ?? nonEmpty(sources.env);
  if (chosen === void 0) {
    throw new OrganizationChoiceError(
      rosterPath === void 0 ? "which organization? Pass --org SLUG or set SENTRY_ORG" : `no organization: add "organization: SLUG" to ${rosterPath}, or pass --org SLUG, or set SENTRY_ORG`
    );
  }
  return chosen;
}
function nonEmpty(value) {
  const trimmed = value?.trim();
  return trimmed ? trimmed : void 0;
}

// src/commands/node-deps.ts
import { open, readFile } from "node:fs/promises";
import { setTimeout as delay } from "node:timers/promises";
function createNodeDeps(logger) {
  let transport;
  const openTransport = async () => (await import("./undici-transport-QSAZDUVO.js")).createUndiciTransport();
  const send = async (url, init) => (await (transport ??= openTransport()))(url, init);
  return {
    readFile: (path) => readFile(path, "utf8"),
    writeFile: writePrivateFile,
    logger,
    now: () => Date.now(),
    sleep: (ms) => delay(ms),
    fetch: send
  };
}
var PRIVATE_FILE_MODE = 384;
async function writePrivateFile(path, text2) {
  const handle = await open(path, "w", PRIVATE_FILE_MODE);
  try {
    await handle.chmod(PRIVATE_FILE_MODE);
    await handle.writeFile(text2, "utf8");
  } finally {
    await handle.close();
  }
}

// src/domain/token-scopes.ts
var SCOPES_NEEDED = {
  "create-team": ["team:write", "org:write", "org:admin"],
  invite: ["member:admin", "member:write", "member:invite"],
  reinvite: ["member:admin"],
  "set-role": ["member:admin"],
  "add-to-team": ["team:write", "org:write", "org:read"],
  "set-team-role": ["member:admin", "team:write", "team:admin", "org:read", "org:write", "org:admin", "member:read", "member:write"],
  "remove-from-team": ["org:read", "team:admin", "org:write", "org:admin"],
  "remove-member": ["member:admin"]
};
var PLAN_SCOPES = ["org:read", "member:read", "team:read"];
var APPLY_SCOPES = ["member:admin", "team:write"];
function describeScopes(action) {
  const [first, ...others] = SCOPES_NEEDED[action];
  return others.length === 0 ? `${first}` : `${first} (or ${others.join(", ")})`;
}

// src/cli/sentry-options.ts
var DEFAULT_SENTRY_URL = "https://sentry.io";
function resolveSentryTarget(values, env) {
  const token = env["SENTRY_AUTH_TOKEN"]?.trim();
  if (!token) {
    throw new UsageError(
      `SENTRY_AUTH_TOKEN is not set: create a Sentry user auth token (scopes ${PLAN_SCOPES.join(", ")} to plan; ${APPLY_SCOPES.join(", ")} too to apply) and export it as SENTRY_AUTH_TOKEN`
    );
  }
  const url = stringValue(values["url"]) ?? nonEmpty2(env["SENTRY_URL"]) ?? DEFAULT_SENTRY_URL;
  return { connection: { baseUrl: url, token, urlSource: "--url (or SENTRY_URL)" }, org: stringValue(values["org"]), envOrg: nonEmpty2(env["SENTRY_ORG"]) };
}
function stringValue(value) {
  return typeof value === "string" ? nonEmpty2(value) : void 0;
}
function nonEmpty2(value) {
  const trimmed = value?.trim();
  return trimmed ? trimmed : void 0;
}
function cliLogger(io) {
  return {
    progress: (message) => {
      if (io.stderrIsTTY) io.stderr(`${message}
`);
    },
    warn: (message) => io.stderr(`warning: ${message}
`)
  };
}

// src/domain/api-error.ts
var ApiStatusError = class extends Error {
  /** The HTTP status of the answer. */
  status;
  /** The request it answered, e.g. "PUT /api/0/organizations/acme/members/42/". */
  request;
  /** The service's own reason ("detail", "message", a first field error), when it sent one. */
  detail;
  constructor(message, answer, options) {
    super(message, options);
    this.status = answer.status;
    this.request = answer.request;
    this.detail = answer.detail;
  }
};

// src/sentry/errors.ts
var SentryApiError = class extends ApiStatusError {
  name = "SentryApiError";
  constructor(status, request, detail, options) {
    super(options?.message ?? `${request} failed with HTTP ${status}${detail ? `: ${detail}` : ""}`, { status, request, detail }, options);
  }
};
var SentryConnectionError = class extends Error {
  name = "SentryConnectionError";
  url;
  reason;
  /** `urlSource` names where the URL came from, e.g. "--url or SENTRY_URL", "the sentry-url input". */
  constructor(url, reason, options) {
    super(
      `cannot reach ${url} (${reason}): check ${options?.urlSource ?? "the Sentry URL"}, DNS, and the proxy variables HTTPS_PROXY, HTTP_PROXY and NO_PROXY`,
      options
    );
    this.url = url;
    this.reason = reason;
  }
};
var SentryAmbiguousWriteError = class extends Error {
  name = "SentryAmbiguousWriteError";
  request;
  /** What went wrong: "HTTP 500 after the request was sent", … */
  why;
  constructor(request, why, options) {
    super(options?.message ?? `${request}: outcome unknown (${why}); it was not sent again`, options);
    this.request = request;
    this.why = why;
  }
};
var SentryWriteNotSentError = class extends Error {
  name = "SentryWriteNotSentError";
  /** Marks it for the executor, which cannot import this class (docs/architecture.md#layers-and-dependency-direction). */
  notSent = true;
  request;
  constructor(request) {
    super(`${request} was not sent: apply was interrupted`);
    this.request = request;
  }
};
var SentryConfigError = class extends Error {
  name = "SentryConfigError";
};
var SentryProtocolError = class extends Error {
  name = "SentryProtocolError";
};
function likelyScope(method, apiPath2) {
  const path = apiPath2.replace(/^.*\/api\/0\//, "");
  if (/^teams\/[^/]+\/[^/]+\/members\/$/.test(path)) return "team:read";
  if (/\/members\/[^/]+\/teams\/[^/]+\/$/.test(path)) {
    return describeScopes(method === "PUT" ? "set-team-role" : method === "DELETE" ? "remove-from-team" : "add-to-team");
  }
  if (/^organizations\/[^/]+\/teams\/$/.test(path)) return method === "GET" ? "org:read" : describeScopes("create-team");
  if (/^organizations\/[^/]+\/members\//.test(path)) {
    if (method === "GET") return "member:read";
    if (method === "POST") return describeScopes("invite");
    return describeScopes(method === "DELETE" ? "remove-member" : "set-role");
  }
  return "org:read";
}
function errorDetail(body) {
  if (typeof body === "string") return body.trim() && !body.trimStart().startsWith("<") ? oneLine(body) : void 0;
  if (Array.isArray(body)) return typeof body[0] === "string" ? oneLine(body[0]) : void 0;
  if (typeof body !== "object" || body === null) return void 0;
  const record = body;
  const detail = record["detail"];
  if (typeof detail === "string") return oneLine(detail);
  if (typeof detail === "object" && detail !== null && typeof detail["message"] === "string") {
    return oneLine(detail["message"]);
  }
  for (const [field, value] of Object.entries(record)) {
    if (typeof value === "string") return oneLine(`${field}: ${value}`);
    if (Array.isArray(value) && typeof value[0] === "string") return oneLine(`${field}: ${value[0]}`);
  }
  return void 0;
}
var MAX_DETAIL_CHARS = 300;
function oneLine(text2) {
  const flat = text2.replace(/\s+/g, " ").trim();
  return flat.length > MAX_DETAIL_CHARS ? `${flat.slice(0, MAX_DETAIL_CHARS)}…` : flat;
}
function apiErrorFor(status, method, path, body, tokenSource = "SENTRY_AUTH_TOKEN") {
  const request = `${method} ${path}`;
  const detail = errorDetail(body);
  if (status === 401) {
    return new SentryApiError(status, request, detail, {
      message: `Sentry rejected the token (HTTP 401 on ${request}): check ${tokenSource}`
    });
  }
  if (status === 403 && detail === "You do not have permission to perform this action.") {
    return new SentryApiError(status, request, detail, {
      message: `Sentry refused ${request} (HTTP 403): the token likely lacks the ${likelyScope(method, path)} scope, or its user is not a member of the organization`
    });
  }
  return new SentryApiError(status, request, detail);
}
function networkReason(error) {
  let current = error;
  let message = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (typeof current !== "object" || current === null) break;
    const record = current;
    if (record.name === "TimeoutError" || record.name === "AbortError") return "timed out";
    if (typeof record.code === "string" && record.code) return record.code;
    if (typeof record.message === "string" && record.message) message = record.message;
    current = record.cause;
  }
  return message;
}
function failedBeforeSending(reason) {
  return [
    "ECONNREFUSED",
    "ENOTFOUND",
    "EAI_AGAIN",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "UND_ERR_CONNECT_TIMEOUT",
    "CERT_HAS_EXPIRED",
    "DEPTH_ZERO_SELF_SIGNED_CERT",
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE"
  ].includes(reason);
}
function redirectRefusal(request, location, url) {
  let target = location ?? "elsewhere";
  try {
    if (location !== null) target = new URL(location, url).origin;
  } catch {
  }
  return new SentryConfigError(
    `${request} was redirected to ${target}; the token is not sent there. Set --url (or SENTRY_URL) to the address Sentry answers at`
  );
}

// src/sentry/base-url.ts
function isLoopback(hostname) {
  const host = hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
function normalizeBaseUrl(text2) {
  let url;
  try {
    url = new URL(text2);
  } catch (error) {
    throw new SentryConfigError(`invalid Sentry URL "${text2}": expected e.g. https://sentry.io`, { cause: error });
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url.hostname))) {
    throw new SentryConfigError(`Sentry URL "${url.origin}" must use https (plain http is allowed only for localhost)`);
  }
  if (url.username || url.password)
    throw new SentryConfigError("the Sentry URL must not contain credentials: use SENTRY_AUTH_TOKEN");
  url.search = "";
  url.hash = "";
  url.pathname = url.pathname.replace(/\/+$/, "").replace(/\/api\/0$/, "");
  return url;
}

// src/sentry/read-slots.ts
var ReadSlots = class {
  free;
  waiting = [];
  constructor(limit) {
    this.free = limit;
  }
  /** Waits for a slot; the returned function gives it back (once). */
  async take() {
    if (this.free > 0) this.free -= 1;
    else await new Promise((resolve) => this.waiting.push(resolve));
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free += 1;
    };
  }
};

// src/sentry/seeded-random.ts
function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = state + 1831565813 >>> 0;
    let t = state;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}

// src/sentry/retry-policy.ts
var READ_RETRY_BUDGET_MS = 6e4;
var MAX_CONNECT_ATTEMPTS = 5;
var MAX_WRITE_ATTEMPTS = 5;
var MAX_RATE_LIMITED_ATTEMPTS = 8;
var MAX_RATE_LIMIT_WAIT_MS = 6e4;
var RATE_LIMIT_MARGIN_MS = 100;
var BASE_BACKOFF_MS = 200;
var MAX_BACKOFF_MS = 5e3;
var INVITE_CAP_TEXT = "too many invitations";
function readRateLimit(headers) {
  const number = (name) => {
    const text2 = headers.get(name);
    if (text2 === null || text2.trim() === "") return void 0;
    const value = Number(text2);
    return Number.isFinite(value) ? value : void 0;
  };
  return {
    limit: number("x-sentry-rate-limit-limit"),
    remaining: number("x-sentry-rate-limit-remaining"),
    reset: number("x-sentry-rate-limit-reset"),
    concurrentRemaining: number("x-sentry-rate-limit-concurrentremaining")
  };
}
function backoffMs(attempt, jitter) {
  const step = Math.min(BASE_BACKOFF_MS * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);
  return Math.round(step * (0.5 + jitter / 2));
}
function untilReset(rate, now, jitter) {
  if (rate.reset === void 0) return void 0;
  const wait = Math.max(0, rate.reset * 1e3 - now);
  return Math.min(wait, MAX_RATE_LIMIT_WAIT_MS) + Math.round(RATE_LIMIT_MARGIN_MS * jitter);
}
function decideRetry(input) {
  const { outcome, attempt, write } = input;
  const backoff = backoffMs(attempt, input.jitter);
  const spent = (input.waitedMs ?? 0) + backoff > READ_RETRY_BUDGET_MS;
  if (outcome.kind === "network") {
    if (write && outcome.sent) return { kind: "ambiguous", reason: "the connection failed after the request was sent" };
    if (spent || !outcome.sent && attempt >= MAX_CONNECT_ATTEMPTS) return { kind: "give-up", reason: `no answer after ${attempt} attempts` };
    return { kind: "retry", waitMs: backoff, reason: "no answer" };
  }
  const { status, rate, detail } = outcome;
  if (status < 400) return { kind: "done" };
  if (status === 429) {
    if (detail?.toLowerCase().includes(INVITE_CAP_TEXT))
      return { kind: "give-up", reason: "Sentry's daily invite cap was reached" };
    if (attempt >= MAX_RATE_LIMITED_ATTEMPTS)
      return { kind: "give-up", reason: `still rate limited after ${attempt} attempts` };
    const exhausted = rate.remaining === 0 || rate.concurrentRemaining === 0;
    const wait = exhausted ? untilReset(rate, input.now, input.jitter) : void 0;
    return { kind: "retry", waitMs: wait ?? backoffMs(attempt, input.jitter), reason: "rate limited" };
  }
  if (status >= 500) {
    if (write) return { kind: "ambiguous", reason: `HTTP ${status} after the request was sent` };
    if (spent) return { kind: "give-up", reason: `HTTP ${status} after ${attempt} attempts` };
    return { kind: "retry", waitMs: backoff, reason: `HTTP ${status}` };
  }
  return { kind: "give-up", reason: `HTTP ${status}` };
}
function paceWaitMs(rate, now, jitter) {
  if (!rate || rate.remaining !== 0 && rate.concurrentRemaining !== 0) return 0;
  const wait = untilReset(rate, now, jitter);
  return wait === void 0 || rate.reset === void 0 || rate.reset * 1e3 <= now ? 0 : wait;
}

// src/sentry/transport.ts
var TruncatedAnswer = class extends Error {
  name = "TruncatedAnswer";
};
function isSuccess(status) {
  return status >= 200 && status < 300;
}
async function readBody(response) {
  const text2 = await response.text();
  if (!text2) return void 0;
  try {
    return JSON.parse(text2);
  } catch (error) {
    if (isSuccess(response.status) && (response.headers.get("content-type") ?? "").includes("json"))
      throw new TruncatedAnswer("the answer's JSON was cut short", { cause: error });
    return text2;
  }
}

// src/sentry/client.ts
var REQUEST_TIMEOUT_MS = 6e4;
var MAX_CONCURRENT_READS = 4;
function apiPath(...segments) {
  return `${segments.map((s) => encodeURIComponent(s)).join("/")}/`;
}
function limiterKey(path) {
  return path.replace(/^teams\/[^/]+\/[^/]+\/members\/$/, "teams/{org}/{team}/members/").replace(/^organizations\/[^/]+\//, "organizations/{org}/").replace(/\/members\/[^/]+\//, "/members/{id}/").replace(/\/teams\/[^/]+\/$/, "/teams/{team}/");
}
var SentryClient = class {
  baseUrl;
  options;
  random;
  rates = /* @__PURE__ */ new Map();
  writeQueue = Promise.resolve();
  readSlots = new ReadSlots(MAX_CONCURRENT_READS);
  constructor(options) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.options = options;
    this.random = options.random ?? seededRandom(24087);
  }
  /** The base URL as people wrote it, for messages. */
  get displayUrl() {
    return `${this.baseUrl.origin}${this.baseUrl.pathname}`.replace(/\/$/, "");
  }
  /** GET a JSON resource; retried on 5xx, dropped connections and 429. Throws SentryApiError for other errors. */
  get(path, query = {}) {
    return this.request("GET", path, query, void 0);
  }
  /**
   * Sends a write. Only refusals that prove nothing happened (429, connection
   * refused) are resent; a 5xx or a connection lost after sending throws
   * SentryAmbiguousWriteError. Writes are serialized (docs/sentry-behaviour.md S3).
   */
  send(method, path, body) {
    const run = this.writeQueue.then(() => {
      if (this.options.stopWrites?.aborted)
        throw new SentryWriteNotSentError(`${method} ${this.url(path, {}).pathname}`);
      return this.request(method, path, {}, body);
    });
    this.writeQueue = run.catch(() => void 0);
    return run;
  }
  /**
   * Waits the capped, jittered back-off that follows attempt `attempt` of a
   * write the writer repeats or re-reads after a lost answer.
   */
  async backOff(attempt, request) {
    await this.wait(backoffMs(attempt, this.random()), request);
  }
  url(path, query) {
    const url = new URL(this.baseUrl.href);
    url.pathname = `${this.baseUrl.pathname.replace(/\/$/, "")}/api/0/${path.replace(/^\//, "")}`;
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url;
  }
  /**
   * One request with its retries: pacing from the rate-limit headers, then
   * send, then let retry-policy.ts decide what a failure means (S3, S6).
   */
  async request(method, path, query, body) {
    const url = this.url(path, query);
    const request = `${method} ${url.pathname}`;
    const key = limiterKey(path);
    const write = method !== "GET";
    let waitedMs = 0;
    for (let attempt = 1; ; attempt += 1) {
      const pace = paceWaitMs(this.rates.get(key), this.options.now(), this.random());
      if (pace > 0) await this.wait(pace, request);
      const attemptOf = { request, write, attempt, waitedMs };
      const exchanged = await this.exchange(url, method, body, request);
      if (exchanged.kind === "lost") {
        waitedMs += await this.retryAfterLostAnswer(attemptOf, exchanged.reason, exchanged.sent, exchanged.error);
        continue;
      }
      const { response, parsed } = exchanged;
      const rate = readRateLimit(response.headers);
      if (rate.remaining !== void 0 || rate.concurrentRemaining !== void 0) this.rates.set(key, rate);
      if (isSuccess(response.status)) return { status: response.status, headers: response.headers, body: parsed };
      const decision = decideRetry({
        write,
        attempt,
        outcome: { kind: "response", status: response.status, rate, detail: errorDetail(parsed) },
        waitedMs,
        now: this.options.now(),
        jitter: this.random()
      });
      if (decision.kind === "retry") {
        if (response.status !== 429) waitedMs += decision.waitMs;
        await this.wait(decision.waitMs, request);
        continue;
      }
      const error = apiErrorFor(response.status, method, url.pathname, parsed, this.options.tokenSource);
      if (decision.kind === "ambiguous")
        throw new SentryAmbiguousWriteError(request, decision.reason, { cause: error });
      throw error;
    }
  }
  /**
   * One HTTP exchange: the request, then its whole answer read. A GET holds
   * one of MAX_CONCURRENT_READS read slots meanwhile; writes are one at a time
   * already (send). A redirect is refused here, its body drained first so
   * the connection goes back to the pool.
   */
  async exchange(url, method, body, request) {
    const giveBack = method === "GET" ? await this.readSlots.take() : void 0;
    try {
      let response;
      try {
        response = await this.fetchOnce(url, method, body);
      } catch (error) {
        const reason = networkReason(error);
        return { kind: "lost", reason, sent: !failedBeforeSending(reason), error };
      }
      if (response.status >= 300 && response.status < 400) {
        await response.text().catch(() => void 0);
        throw redirectRefusal(request, response.headers.get("location"), url);
      }
      try {
        return { kind: "answer", response, parsed: await readBody(response) };
      } catch (error) {
        const reason = error instanceof TruncatedAnswer ? error.message : networkReason(error);
        return { kind: "lost", reason, sent: true, error };
      }
    } finally {
      giveBack?.();
    }
  }
  fetchOnce(url, method, body) {
    return this.options.fetch(url.href, {
      method,
      headers: {
        Authorization: `Bearer ${this.options.token}`,
        Accept: "application/json",
        ...this.options.userAgent ? { "User-Agent": this.options.userAgent } : {},
        ...body !== void 0 ? { "Content-Type": "application/json" } : {}
      },
      body: body === void 0 ? void 0 : JSON.stringify(body),
      redirect: "manual",
      signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS)
    });
  }
  /**
   * A connection that failed or an answer that broke off: waits and returns
   * the back-off to count when retry-policy.ts says retry; otherwise throws
   * the ambiguous-write or connection error it calls for.
   */
  async retryAfterLostAnswer(attemptOf, reason, sent, cause) {
    const decision = decideRetry({
      write: attemptOf.write,
      attempt: attemptOf.attempt,
      outcome: { kind: "network", sent },
      waitedMs: attemptOf.waitedMs,
      now: this.options.now(),
      jitter: this.random()
    });
    if (decision.kind === "ambiguous")
      throw new SentryAmbiguousWriteError(attemptOf.request, `${decision.reason}: ${reason}`, { cause });
    if (decision.kind === "retry") {
      await this.wait(decision.waitMs, attemptOf.request);
      return decision.waitMs;
    }
    throw new SentryConnectionError(this.displayUrl, reason, {
      cause,
      ...this.options.urlSource ? { urlSource: this.options.urlSource } : {}
    });
  }
  async wait(ms, request) {
    if (ms >= 1e3) this.options.logger?.progress(`waiting ${Math.ceil(ms / 1e3)} s for Sentry (${request})`);
    await this.options.sleep(ms);
  }
};

// src/sentry/dto.ts
function object(value, what) {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new SentryProtocolError(`Sentry sent ${what} that is not an object`);
  return value;
}
function text(value) {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return void 0;
}
function teamRole(value) {
  return value === "admin" || value === "contributor" ? value : null;
}
function flags(value) {
  const raw = typeof value === "object" && value !== null ? value : {};
  const flag = (name) => raw[name] === true;
  return {
    idpProvisioned: flag("idp:provisioned"),
    idpRoleRestricted: flag("idp:role-restricted"),
    ssoLinked: flag("sso:linked"),
    ssoInvalid: flag("sso:invalid"),
    memberLimitRestricted: flag("member-limit:restricted"),
    partnershipRestricted: flag("partnership:restricted")
  };
}
function readMember(value) {
  const row = object(value, "a member");
  const id = text(row["id"]);
  if (!id) throw new SentryProtocolError("Sentry sent a member without an id");
  const email = text(row["email"]) ?? "";
  return {
    id,
    email,
    name: text(row["name"]) || email || `member ${id}`,
    orgRole: text(row["orgRole"]) ?? text(row["role"]) ?? "member",
    pending: row["pending"] === true,
    expired: row["expired"] === true,
    flags: flags(row["flags"]),
    inviterName: text(row["inviterName"]) ?? null
  };
}
function readTeamMember(value) {
  return { ...readMember(value), teamRole: teamRole(object(value, "a team member")["teamRole"]) };
}
function readMemberDetails(value) {
  const row = object(value, "member details");
  const teamRoles = Array.isArray(row["teamRoles"]) ? row["teamRoles"].flatMap((item) => {
    const entry = typeof item === "object" && item !== null ? item : {};
    const slug = text(entry["teamSlug"]);
    return slug ? [{ teamSlug: slug, role: teamRole(entry["role"]) }] : [];
  }) : Array.isArray(row["teams"]) ? row["teams"].flatMap((slug) => typeof slug === "string" ? [{ teamSlug: slug, role: null }] : []) : [];
  return { ...readMember(row), teamRoles };
}
function readTeam(value) {
  const row = object(value, "a team");
  const id = text(row["id"]);
  const slug = text(row["slug"]);
  if (!id || !slug) throw new SentryProtocolError("Sentry sent a team without id or slug");
  const teamFlags = typeof row["flags"] === "object" && row["flags"] !== null ? row["flags"] : {};
  return { id, slug, name: text(row["name"]) ?? slug, idpProvisioned: teamFlags["idp:provisioned"] === true };
}
function readOrgDetails(value) {
  const row = object(value, "organization details");
  const features = Array.isArray(row["features"]) ? row["features"].filter((f) => typeof f === "string") : [];
  const roles = Array.isArray(row["orgRoleList"]) ? row["orgRoleList"] : Array.isArray(row["roles"]) ? row["roles"] : [];
  const roleRows = roles.filter((r) => typeof r === "object" && r !== null);
  const adminRetired = roleRows.some((r) => r["id"] === "admin" && r["isRetired"] === true);
  const orgRoles = roleRows.filter((r) => r["isRetired"] !== true).flatMap((r) => typeof r["id"] === "string" ? [r["id"]] : []);
  return {
    orgRoles: orgRoles.length > 0 ? orgRoles : ["member", "admin", "manager", "owner"],
    teamRolesEnabled: features.includes("team-roles") || adminRetired,
    openMembership: row["openMembership"] === true
  };
}
function readTeamRoleAnswer(value) {
  return teamRole(typeof value === "object" && value !== null ? value["teamRole"] : void 0);
}
function readTokenScopesAnswer(value) {
  const auth = typeof value === "object" && value !== null ? value["auth"] : void 0;
  const scopes = typeof auth === "object" && auth !== null ? auth["scopes"] : void 0;
  return Array.isArray(scopes) ? scopes.filter((scope) => typeof scope === "string") : null;
}

// src/sentry/link-header.ts
var MAX_LINKS = 16;
var MAX_VALUE_CHARS = 2048;
function parseLinkHeader(header) {
  const links = {};
  if (!header) return links;
  let i = 0;
  let seen = 0;
  const n = header.length;
  while (i < n && seen < MAX_LINKS) {
    const open2 = header.indexOf("<", i);
    if (open2 < 0) break;
    const close = header.indexOf(">", open2 + 1);
    if (close < 0) break;
    const url = header.slice(open2 + 1, close);
    i = close + 1;
    seen += 1;
    const read = readAttributes(header, i);
    i = read.end;
    const attributes = read.attributes;
    const valid = url.length <= MAX_VALUE_CHARS && read.valid;
    const rel = attributes.get("rel");
    if (!valid || rel !== "next" && rel !== "previous" || links[rel]) continue;
    const results = attributes.get("results");
    links[rel] = {
      url,
      cursor: attributes.get("cursor"),
      results: results === "true" ? true : results === "false" ? false : void 0
    };
  }
  return links;
}
function readAttributes(header, start) {
  const attributes = /* @__PURE__ */ new Map();
  const n = header.length;
  let i = start;
  let valid = true;
  while (i < n) {
    while (i < n && (header[i] === " " || header[i] === "	")) i += 1;
    if (header[i] === ",") {
      i += 1;
      break;
    }
    if (header[i] !== ";") {
      const comma = header.indexOf(",", i);
      i = comma < 0 ? n : comma + 1;
      break;
    }
    i += 1;
    while (i < n && header[i] === " ") i += 1;
    const nameStart = i;
    while (i < n && header[i] !== "=" && header[i] !== ";" && header[i] !== ",") i += 1;
    const name = header.slice(nameStart, i).trim().toLowerCase();
    if (header[i] !== "=") continue;
    i += 1;
    let value;
    if (header[i] === '"') {
      const end = header.indexOf('"', i + 1);
      if (end < 0) return { attributes, end: n, valid: false };
      value = header.slice(i + 1, end);
      i = end + 1;
    } else {
      const valueStart = i;
      while (i < n && header[i] !== ";" && header[i] !== ",") i += 1;
      value = header.slice(valueStart, i).trim();
    }
    if (value.length > MAX_VALUE_CHARS) valid = false;
    else if (!attributes.has(name)) attributes.set(name, value);
  }
  return { attributes, end: i, valid };
}

// src/sentry/paginate.ts
var PER_PAGE = 100;
var MAX_PAGES = 1e3;
async function* paginate(client, path, query = {}) {
  const seen = /* @__PURE__ */ new Set();
  let cursor;
  for (let pageNumber = 1; ; pageNumber += 1) {
    if (pageNumber > MAX_PAGES)
      throw new SentryProtocolError(`GET ${path}: more than ${MAX_PAGES} pages; stopped reading`);
    const page = await client.get(path, {
      ...query,
      per_page: String(PER_PAGE),
      ...cursor ? { cursor } : {}
    });
    if (!Array.isArray(page.body))
      throw new SentryProtocolError(`GET ${path}: expected a list, got ${typeof page.body}`);
    yield page.body;
    const next = parseLinkHeader(page.headers.get("link")).next;
    if (!next || next.results !== true || !next.cursor) return;
    if (seen.has(next.cursor))
      throw new SentryProtocolError(`GET ${path}: Sentry sent cursor "${next.cursor}" twice; stopped to avoid a loop`);
    seen.add(next.cursor);
    cursor = next.cursor;
  }
}
async function readAll(client, path, query = {}) {
  return readAllAs(client, path, (row) => row, query);
}
async function readAllAs(client, path, read, query = {}) {
  const rows = [];
  for await (const page of paginate(client, path, query)) for (const row of page) rows.push(read(row));
  return rows;
}

// src/sentry/read-live-state.ts
async function mapLimit(items, limit, run) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
async function readTokenIdentity(client, organization, withScopes) {
  const [member, scopes] = await Promise.all([
    readTokenMember(client, organization),
    withScopes ? readTokenScopes(client) : null
  ]);
  return { ...member, scopes };
}
async function readTokenMember(client, organization) {
  try {
    const me = readMember((await client.get(apiPath("organizations", organization, "members", "me"))).body);
    return { memberId: me.id, email: me.email, role: me.orgRole };
  } catch (error) {
    if (error instanceof SentryApiError && (error.status === 404 || error.status === 400))
      return { memberId: null, email: null, role: null };
    throw error;
  }
}
async function readTokenScopes(client) {
  try {
    return readTokenScopesAnswer((await client.get(apiPath())).body);
  } catch (error) {
    if (error instanceof SentryApiError || error instanceof SentryProtocolError) return null;
    throw error;
  }
}
async function readLiveState(client, options) {
  const org = options.organization;
  const detailsRead = readDetails(client, org);
  const rest = Promise.all([
    readAllAs(client, apiPath("organizations", org, "members"), toLiveMember),
    readTeamsAndMembers(client, options),
    readTokenIdentity(client, org, options.tokenScopes ?? true)
  ]);
  const [detailsResult, restResult] = await Promise.allSettled([detailsRead, rest]);
  if (detailsResult.status === "rejected") throw detailsResult.reason;
  if (restResult.status === "rejected") throw restResult.reason;
  const details = detailsResult.value;
  const [members, { teams, toRead, lists }, token] = restResult.value;
  options.onProgress?.(`read ${members.length} members and ${teams.length} teams`);
  const teamsById = new Map(members.map((m) => [m.id, m.teams]));
  const vanished = new Set(lists.filter((list) => list.rows === void 0).map((list) => list.slug));
  for (const { slug, rows } of lists) {
    for (const row of rows ?? []) {
      const memberTeams = teamsById.get(row.id);
      if (memberTeams) memberTeams[slug] = row.teamRole;
    }
  }
  members.sort((a, b) => compareIds(a.id, b.id));
  return {
    organization: org,
    members,
    teams: teams.filter((t) => !vanished.has(t.slug)),
    teamsRead: toRead.filter((slug) => !vanished.has(slug)),
    orgRoles: details.orgRoles,
    teamRolesEnabled: details.teamRolesEnabled,
    openMembership: details.openMembership,
    token
  };
}
function toLiveMember(row) {
  const m = readMember(row);
  return {
    id: m.id,
    email: m.email,
    name: m.name,
    role: m.orgRole,
    pending: m.pending,
    expired: m.expired,
    flags: m.flags,
    ...m.pending ? { inviterName: m.inviterName } : {},
    teams: {}
  };
}
async function readDetails(client, org) {
  try {
    const answer = await client.get(apiPath("organizations", org), {
      detailed: "0",
      include_feature_flags: "1"
    });
    return readOrgDetails(answer.body);
  } catch (error) {
    if (error instanceof SentryProtocolError) {
      throw new SentryConfigError(
        `${client.displayUrl} did not answer like a Sentry server (GET organizations/${org}/): check --url (or SENTRY_URL)`,
        { cause: error }
      );
    }
    if (error instanceof SentryApiError && error.status === 404) {
      throw new SentryConfigError(
        `organization "${org}" not found at ${client.displayUrl}: check --org (or SENTRY_ORG) and --url (or SENTRY_URL)`,
        { cause: error }
      );
    }
    throw error;
  }
}
async function readTeamsAndMembers(client, options) {
  const org = options.organization;
  let done = 0;
  const readMembersOf = async (slugs) => mapLimit(slugs, MAX_CONCURRENT_READS, async (slug) => {
    let rows;
    try {
      rows = await readAllAs(client, apiPath("teams", org, slug, "members"), readTeamMember);
    } catch (error) {
      if (!(error instanceof SentryApiError && error.status === 404)) throw error;
    }
    done += 1;
    if (done % 10 === 0 || done === slugs.length)
      options.onProgress?.(`read the members of ${done}/${slugs.length} teams`);
    return { slug, rows };
  });
  const readTeamList = async () => (await readAllAs(client, apiPath("organizations", org, "teams"), readTeam, { detailed: "0" })).sort(
    (a, b) => a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0
  );
  if (options.managedTeams === "all") {
    const teams2 = await readTeamList();
    const toRead = teams2.map((team) => team.slug);
    return { teams: teams2, toRead, lists: await readMembersOf(toRead) };
  }
  const wanted = [...new Set(options.managedTeams)].sort();
  const [teams, lists] = await Promise.all([readTeamList(), readMembersOf(wanted)]);
  const liveSlugs = new Set(teams.map((team) => team.slug));
  return {
    teams,
    toRead: wanted.filter((slug) => liveSlugs.has(slug)),
    lists: lists.filter((list) => liveSlugs.has(list.slug))
  };
}
function compareIds(a, b) {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

// src/commands/sentry-session.ts
var USER_AGENT = `sentry-roster/${VERSION}`;
function openSentry(connection, deps, stopWrites) {
  return new SentryClient({
    ...stopWrites ? { stopWrites } : {},
    baseUrl: connection.baseUrl,
    token: connection.token,
    fetch: deps.fetch,
    sleep: deps.sleep,
    now: deps.now,
    logger: deps.logger,
    userAgent: USER_AGENT,
    ...connection.tokenSource ? { tokenSource: connection.tokenSource } : {},
    ...connection.urlSource ? { urlSource: connection.urlSource } : {}
  });
}

export {
  SCOPES_NEEDED,
  SentryApiError,
  SentryAmbiguousWriteError,
  SentryWriteNotSentError,
  MAX_WRITE_ATTEMPTS,
  MAX_CONCURRENT_READS,
  apiPath,
  readMember,
  readMemberDetails,
  readTeam,
  readTeamRoleAnswer,
  readAll,
  mapLimit,
  readLiveState,
  resolveOrganization,
  openSentry,
  createNodeDeps,
  resolveSentryTarget,
  cliLogger
};

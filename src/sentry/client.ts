import { normalizeBaseUrl } from "./base-url.js";
import type { SentryClientOptions, SentryReader, SentryResponse, WriteMethod } from "./client-contract.js";
import { ReadSlots } from "./read-slots.js";
import { seededRandom } from "./seeded-random.js";
import {
  SentryAmbiguousWriteError,
  SentryConnectionError,
  SentryWriteNotSentError,
  apiErrorFor,
  errorDetail,
  failedBeforeSending,
  networkReason,
  redirectRefusal,
} from "./errors.js";
import { type RateLimitState, backoffMs, decideRetry, paceWaitMs, readRateLimit } from "./retry-policy.js";
import { type TransportAnswer, TruncatedAnswer, isSuccess, readBody } from "./transport.js";

/** One request's time budget, on top of the agent's connect/headers/body timeouts. */
export const REQUEST_TIMEOUT_MS = 60_000;

/**
 * Reads in flight at once, over every list a reading makes (members, teams,
 * team members, org details, the token's member and scopes): well under
 * sentry.io's concurrency limit of 25 (docs/sentry-behaviour.md S3). The
 * bench's lower bound of a plan's time assumes exactly this many readers.
 */
export const MAX_CONCURRENT_READS = 4;

/** Builds an API path from segments, encoding each: apiPath("organizations", org, "members") → "organizations/acme/members/". */
export function apiPath(...segments: readonly string[]): string {
  return `${segments.map((s) => encodeURIComponent(s)).join("/")}/`;
}


/** Rate-limit bucket of a path: Sentry limits per endpoint, so ids and slugs are folded. */
function limiterKey(path: string): string {
  return path
    .replace(/^teams\/[^/]+\/[^/]+\/members\/$/, "teams/{org}/{team}/members/")
    .replace(/^organizations\/[^/]+\//, "organizations/{org}/")
    .replace(/\/members\/[^/]+\//, "/members/{id}/")
    .replace(/\/teams\/[^/]+\/$/, "/teams/{team}/");
}

/**
 * Speaks HTTP to Sentry: bearer token, user agent, retries and rate limits by
 * retry-policy.ts, no redirects followed (the token stays with our host),
 * writes one at a time and never resent after an ambiguous failure.
 */
export class SentryClient {
  readonly baseUrl: URL;
  private readonly options: SentryClientOptions;
  private readonly random: () => number;
  private readonly rates = new Map<string, RateLimitState>();
  private writeQueue: Promise<unknown> = Promise.resolve();
  private readonly readSlots = new ReadSlots(MAX_CONCURRENT_READS);

  constructor(options: SentryClientOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.options = options;
    this.random = options.random ?? seededRandom(0x5e17);
  }

  /** The base URL as people wrote it, for messages. */
  get displayUrl(): string {
    return `${this.baseUrl.origin}${this.baseUrl.pathname}`.replace(/\/$/, "");
  }

  /** GET a JSON resource; retried on 5xx, dropped connections and 429. Throws SentryApiError for other errors. */
  get<T>(path: string, query: Readonly<Record<string, string>> = {}): Promise<SentryResponse<T>> {
    return this.request<T>("GET", path, query, undefined);
  }

  /**
   * One reader: its GETs share one read slot, taken now and held until
   * `close()`, so a list's pages follow each other as one reader's instead of
   * each queueing behind the other lists (paginate.ts). The members list's
   * pages are the chain that bounds a large plan's time
   * (docs/benchmarks.md#how-the-figures-are-obtained).
   */
  async openReader(): Promise<SentryReader> {
    const giveBack = await this.readSlots.take();
    return {
      get: <T>(path: string, query: Readonly<Record<string, string>> = {}) =>
        this.request<T>("GET", path, query, undefined, { slotHeld: true }),
      close: giveBack,
    };
  }

  /**
   * Sends a write. Only refusals that prove nothing happened (429, connection
   * refused) are resent; a 5xx or a connection lost after sending throws
   * SentryAmbiguousWriteError. Writes are serialized (docs/sentry-behaviour.md S3).
   */
  send<T>(method: WriteMethod, path: string, body?: unknown): Promise<SentryResponse<T>> {
    const run = this.writeQueue.then(() => {
      if (this.options.stopWrites?.aborted)
        throw new SentryWriteNotSentError(`${method} ${this.url(path, {}).pathname}`);
      return this.request<T>(method, path, {}, body);
    });
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  /**
   * Waits the capped, jittered back-off that follows attempt `attempt` of a
   * write the writer repeats or re-reads after a lost answer.
   */
  async backOff(attempt: number, request: string): Promise<void> {
    await this.wait(backoffMs(attempt, this.random()), request);
  }

  private url(path: string, query: Readonly<Record<string, string>>): URL {
    const url = new URL(this.baseUrl.href);
    url.pathname = `${this.baseUrl.pathname.replace(/\/$/, "")}/api/0/${path.replace(/^\//, "")}`;
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url;
  }

  /**
   * One request with its retries: pacing from the rate-limit headers, then
   * send, then let retry-policy.ts decide what a failure means (S3, S6).
   */
  private async request<T>(
    method: "GET" | WriteMethod,
    path: string,
    query: Readonly<Record<string, string>>,
    body: unknown,
    { slotHeld = false }: { readonly slotHeld?: boolean } = {},
  ): Promise<SentryResponse<T>> {
    const url = this.url(path, query);
    const request = `${method} ${url.pathname}`;
    const key = limiterKey(path);
    const write = method !== "GET";
    // Back-off waited after 5xx and dropped connections: reads retry within a time budget (retry-policy.ts).
    let waitedMs = 0;
    for (let attempt = 1; ; attempt += 1) {
      const pace = paceWaitMs(this.rates.get(key), this.options.now(), this.random());
      if (pace > 0) await this.wait(pace, request);
      const attemptOf: AttemptContext = { request, write, attempt, waitedMs };
      const exchanged = await this.exchange(url, method, body, request, slotHeld);
      if (exchanged.kind === "lost") {
        waitedMs += await this.retryAfterLostAnswer(attemptOf, exchanged.reason, exchanged.sent, exchanged.error);
        continue;
      }
      const { response, parsed } = exchanged;
      const rate = readRateLimit(response.headers);
      if (rate.remaining !== undefined || rate.concurrentRemaining !== undefined) this.rates.set(key, rate);
      if (isSuccess(response.status)) return { status: response.status, headers: response.headers, body: parsed as T };
      const decision = decideRetry({
        write,
        attempt,
        outcome: { kind: "response", status: response.status, rate, detail: errorDetail(parsed) },
        waitedMs,
        now: this.options.now(),
        jitter: this.random(),
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
   * one of MAX_CONCURRENT_READS read slots meanwhile (unless its reader holds one); writes are one at a time
   * already (send). A redirect is refused here, its body drained first so
   * the connection goes back to the pool.
   */
  private async exchange(
    url: URL,
    method: "GET" | WriteMethod,
    body: unknown,
    request: string,
    slotHeld: boolean,
  ): Promise<Exchange> {
    const giveBack = method === "GET" && !slotHeld ? await this.readSlots.take() : undefined;
    try {
      let response: TransportAnswer;
      try {
        response = await this.fetchOnce(url, method, body);
      } catch (error) {
        const reason = networkReason(error);
        return { kind: "lost", reason, sent: !failedBeforeSending(reason), error };
      }
      if (response.status >= 300 && response.status < 400) {
        await response.text().catch(() => undefined);
        throw redirectRefusal(request, response.headers.get("location"), url);
      }
      try {
        return { kind: "answer", response, parsed: await readBody(response) };
      } catch (error) {
        // The answer broke off mid-body: as good as no answer.
        const reason = error instanceof TruncatedAnswer ? error.message : networkReason(error);
        return { kind: "lost", reason, sent: true, error };
      }
    } finally {
      giveBack?.();
    }
  }

  private fetchOnce(url: URL, method: "GET" | WriteMethod, body: unknown): Promise<TransportAnswer> {
    return this.options.fetch(url.href, {
      method,
      headers: {
        Authorization: `Bearer ${this.options.token}`,
        Accept: "application/json",
        ...(this.options.userAgent ? { "User-Agent": this.options.userAgent } : {}),
        ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: "manual",
      signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS),
    });
  }

  /**
   * A connection that failed or an answer that broke off: waits and returns
   * the back-off to count when retry-policy.ts says retry; otherwise throws
   * the ambiguous-write or connection error it calls for.
   */
  private async retryAfterLostAnswer(
    attemptOf: AttemptContext,
    reason: string,
    sent: boolean,
    cause: unknown,
  ): Promise<number> {
    const decision = decideRetry({
      write: attemptOf.write,
      attempt: attemptOf.attempt,
      outcome: { kind: "network", sent },
      waitedMs: attemptOf.waitedMs,
      now: this.options.now(),
      jitter: this.random(),
    });
    if (decision.kind === "ambiguous")
      throw new SentryAmbiguousWriteError(attemptOf.request, `${decision.reason}: ${reason}`, { cause });
    if (decision.kind === "retry") {
      await this.wait(decision.waitMs, attemptOf.request);
      return decision.waitMs;
    }
    throw new SentryConnectionError(this.displayUrl, reason, {
      cause,
      ...(this.options.urlSource ? { urlSource: this.options.urlSource } : {}),
    });
  }

  private async wait(ms: number, request: string): Promise<void> {
    if (ms >= 1000) this.options.logger?.progress(`waiting ${Math.ceil(ms / 1000)} s for Sentry (${request})`);
    await this.options.sleep(ms);
  }
}

/** What one exchange gave: an answer read whole, or a lost one (no connection, or the answer broke off). */
type Exchange =
  | { readonly kind: "answer"; readonly response: TransportAnswer; readonly parsed: unknown }
  | { readonly kind: "lost"; readonly reason: string; readonly sent: boolean; readonly error: unknown };

/** Where one attempt of a request stands, for the retry decision after a lost answer. */
interface AttemptContext {
  readonly request: string;
  readonly write: boolean;
  readonly attempt: number;
  readonly waitedMs: number;
}

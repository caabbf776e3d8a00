/**
 * When to send a request again, and when to wait first: a pure decision
 * table (docs/sentry-behaviour.md S3). The client applies it.
 */

/**
 * Back-off a read may wait in all after 5xx answers and dropped connections:
 * every read is safe to repeat, so it is retried for up to a minute of
 * capped, jittered back-off rather than a small count (docs/reliability.md).
 */
export const READ_RETRY_BUDGET_MS = 60_000;
/**
 * Tries per request when the server cannot be reached at all (connection
 * refused, DNS): these prove nothing was sent, but a wrong --url or a
 * missing proxy does not heal by waiting, so they stop early.
 */
export const MAX_CONNECT_ATTEMPTS = 5;
/**
 * Tries per write whose answer was lost (5xx, reset, timeout), the first
 * included: idempotent writes are repeated, invites and team creations are
 * read back and sent again only when absent (src/sentry/writer.ts).
 */
export const MAX_WRITE_ATTEMPTS = 5;
/** Tries per request while Sentry answers 429: a burst can span several one-second windows. */
export const MAX_RATE_LIMITED_ATTEMPTS = 8;
/** Longest wait for a rate-limit window to reset; sentry.io windows are one second. */
export const MAX_RATE_LIMIT_WAIT_MS = 60_000;
/** Added to a rate-limit wait, scaled by jitter, so parallel readers do not return together. */
export const RATE_LIMIT_MARGIN_MS = 100;
/** First backoff after a 5xx or a dropped connection; doubles per attempt. */
export const BASE_BACKOFF_MS = 200;
export const MAX_BACKOFF_MS = 5_000;

/** Sentry's rate-limit headers, when sent (self-hosted sends none). */
export interface RateLimitState {
  readonly limit: number | undefined;
  readonly remaining: number | undefined;
  /** UTC epoch seconds. */
  readonly reset: number | undefined;
  readonly concurrentRemaining: number | undefined;
}

/** What happened to one attempt. */
export type AttemptOutcome =
  | {
      readonly kind: "response";
      readonly status: number;
      readonly rate: RateLimitState;
      readonly detail: string | undefined;
    }
  /** No answer. `sent` is false when the failure proves nothing left (connection refused, DNS). */
  | { readonly kind: "network"; readonly sent: boolean };

/** Everything the decision depends on. */
export interface RetryInput {
  /** Reads are safe to repeat; writes are not, after an ambiguous failure. */
  readonly write: boolean;
  /** 1 for the first try. */
  readonly attempt: number;
  /** Back-off already waited for this request after 5xx answers and dropped connections, in ms (0 when absent). */
  readonly waitedMs?: number;
  readonly outcome: AttemptOutcome;
  /** Epoch ms. */
  readonly now: number;
  /** In [0, 1): spreads waits (seeded in the client, fixed in tests). */
  readonly jitter: number;
}

/** The verdict. */
export type RetryDecision =
  | { readonly kind: "done" }
  | { readonly kind: "retry"; readonly waitMs: number; readonly reason: string }
  | { readonly kind: "give-up"; readonly reason: string }
  /** A write that may or may not have taken effect: re-read, never resend. */
  | { readonly kind: "ambiguous"; readonly reason: string };

const INVITE_CAP_TEXT = "too many invitations";

/** Reads the rate-limit headers leniently. */
export function readRateLimit(headers: { get(name: string): string | null }): RateLimitState {
  const number = (name: string): number | undefined => {
    const text = headers.get(name);
    if (text === null || text.trim() === "") return undefined;
    const value = Number(text);
    return Number.isFinite(value) ? value : undefined;
  };
  return {
    limit: number("x-sentry-rate-limit-limit"),
    remaining: number("x-sentry-rate-limit-remaining"),
    reset: number("x-sentry-rate-limit-reset"),
    concurrentRemaining: number("x-sentry-rate-limit-concurrentremaining"),
  };
}

/** Exponential backoff, capped, spread by jitter into [½, 1] of the step. */
export function backoffMs(attempt: number, jitter: number): number {
  const step = Math.min(BASE_BACKOFF_MS * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);
  return Math.round(step * (0.5 + jitter / 2));
}

/** Time until the window resets, capped; undefined when the headers do not say. */
function untilReset(rate: RateLimitState, now: number, jitter: number): number | undefined {
  if (rate.reset === undefined) return undefined;
  const wait = Math.max(0, rate.reset * 1000 - now);
  return Math.min(wait, MAX_RATE_LIMIT_WAIT_MS) + Math.round(RATE_LIMIT_MARGIN_MS * jitter);
}

/** The decision table. */
export function decideRetry(input: RetryInput): RetryDecision {
  const { outcome, attempt, write } = input;
  const backoff = backoffMs(attempt, input.jitter);
  const spent = (input.waitedMs ?? 0) + backoff > READ_RETRY_BUDGET_MS;
  if (outcome.kind === "network") {
    if (write && outcome.sent) return { kind: "ambiguous", reason: "the connection failed after the request was sent" };
    if (spent || (!outcome.sent && attempt >= MAX_CONNECT_ATTEMPTS)) return { kind: "give-up", reason: `no answer after ${attempt} attempts` };
    return { kind: "retry", waitMs: backoff, reason: "no answer" };
  }
  const { status, rate, detail } = outcome;
  if (status < 400) return { kind: "done" };
  if (status === 429) {
    // Invite caps answer 429 with Remaining above 0: waiting does not help (docs/sentry-behaviour.md T22).
    if (detail?.toLowerCase().includes(INVITE_CAP_TEXT))
      return { kind: "give-up", reason: "Sentry's daily invite cap was reached" };
    if (attempt >= MAX_RATE_LIMITED_ATTEMPTS)
      return { kind: "give-up", reason: `still rate limited after ${attempt} attempts` };
    // A 429 is a refusal, not an ambiguous write: resending is safe.
    const exhausted = rate.remaining === 0 || rate.concurrentRemaining === 0;
    const wait = exhausted ? untilReset(rate, input.now, input.jitter) : undefined;
    return { kind: "retry", waitMs: wait ?? backoffMs(attempt, input.jitter), reason: "rate limited" };
  }
  if (status >= 500) {
    if (write) return { kind: "ambiguous", reason: `HTTP ${status} after the request was sent` };
    if (spent) return { kind: "give-up", reason: `HTTP ${status} after ${attempt} attempts` };
    return { kind: "retry", waitMs: backoff, reason: `HTTP ${status}` };
  }
  return { kind: "give-up", reason: `HTTP ${status}` };
}

/**
 * Pacing ahead of time: when the last answer said the window is used up,
 * wait for it to reset before the next request (0 when there is no need).
 */
export function paceWaitMs(rate: RateLimitState | undefined, now: number, jitter: number): number {
  if (!rate || (rate.remaining !== 0 && rate.concurrentRemaining !== 0)) return 0;
  const wait = untilReset(rate, now, jitter);
  return wait === undefined || rate.reset === undefined || rate.reset * 1000 <= now ? 0 : wait;
}

import { describe, expect, it } from "vitest";
import {
  BASE_BACKOFF_MS,
  MAX_CONNECT_ATTEMPTS,
  MAX_BACKOFF_MS,
  MAX_RATE_LIMITED_ATTEMPTS,
  MAX_RATE_LIMIT_WAIT_MS,
  RATE_LIMIT_MARGIN_MS,
  type AttemptOutcome,
  type RateLimitState,
  READ_RETRY_BUDGET_MS,
  backoffMs,
  decideRetry,
  paceWaitMs,
  readRateLimit,
} from "./retry-policy.js";

const NOW = 1_700_000_000_000;
const NONE: RateLimitState = {
  limit: undefined,
  remaining: undefined,
  reset: undefined,
  concurrentRemaining: undefined,
};
const SPENT: RateLimitState = { limit: 40, remaining: 0, reset: NOW / 1000 + 2, concurrentRemaining: undefined };
const response = (status: number, rate: RateLimitState = NONE, detail?: string): AttemptOutcome => ({
  kind: "response",
  status,
  rate,
  detail,
});

describe("decideRetry", () => {
  it.each<[string, boolean, number, AttemptOutcome, ReturnType<typeof decideRetry>]>([
    ["a 200 read is done", false, 1, response(200), { kind: "done" }],
    ["a 204 write is done", true, 1, response(204), { kind: "done" }],
    [
      "a 429 with Remaining 0 waits until Reset",
      false,
      1,
      response(429, SPENT),
      { kind: "retry", waitMs: 2_000, reason: "rate limited" },
    ],
    [
      "a 429 with ConcurrentRemaining 0 waits until Reset",
      false,
      1,
      response(429, { ...SPENT, remaining: 5, concurrentRemaining: 0 }),
      { kind: "retry", waitMs: 2_000, reason: "rate limited" },
    ],
    [
      "a 429 on a write is a refusal: resend after the wait",
      true,
      1,
      response(429, SPENT),
      { kind: "retry", waitMs: 2_000, reason: "rate limited" },
    ],
    [
      "a 429 whose Reset is far away waits at most the cap",
      false,
      1,
      response(429, { ...SPENT, reset: NOW / 1000 + 3_600 }),
      { kind: "retry", waitMs: MAX_RATE_LIMIT_WAIT_MS, reason: "rate limited" },
    ],
    [
      "a 429 whose Reset has passed retries at once",
      false,
      1,
      response(429, { ...SPENT, reset: NOW / 1000 - 5 }),
      { kind: "retry", waitMs: 0, reason: "rate limited" },
    ],
    [
      "a 429 without headers backs off",
      false,
      2,
      response(429),
      { kind: "retry", waitMs: BASE_BACKOFF_MS, reason: "rate limited" },
    ],
    [
      "a 429 for the invite cap gives up (waiting does not help)",
      true,
      1,
      response(429, { ...SPENT, remaining: 30 }, "You are being rate limited for too many invitations."),
      { kind: "give-up", reason: "Sentry's daily invite cap was reached" },
    ],
    [
      "a 429 burst gets more attempts than a host that cannot be reached",
      false,
      MAX_CONNECT_ATTEMPTS,
      response(429, SPENT),
      { kind: "retry", waitMs: 2_000, reason: "rate limited" },
    ],
    [
      "a 429 on the last rate-limited attempt gives up",
      false,
      MAX_RATE_LIMITED_ATTEMPTS,
      response(429, SPENT),
      { kind: "give-up", reason: `still rate limited after ${MAX_RATE_LIMITED_ATTEMPTS} attempts` },
    ],
    [
      "a 500 read backs off",
      false,
      1,
      response(500),
      { kind: "retry", waitMs: BASE_BACKOFF_MS / 2, reason: "HTTP 500" },
    ],
    [
      "a 503 read backs off longer each attempt",
      false,
      3,
      response(503),
      { kind: "retry", waitMs: BASE_BACKOFF_MS * 2, reason: "HTTP 503" },
    ],
    [
      "a 502 read is retried long after five attempts (the budget is time, not a count)",
      false,
      9,
      response(502),
      { kind: "retry", waitMs: MAX_BACKOFF_MS / 2, reason: "HTTP 502" },
    ],
    [
      "a 500 write is ambiguous, never resent",
      true,
      1,
      response(500),
      { kind: "ambiguous", reason: "HTTP 500 after the request was sent" },
    ],
    [
      "a dropped read backs off",
      false,
      1,
      { kind: "network", sent: true },
      { kind: "retry", waitMs: BASE_BACKOFF_MS / 2, reason: "no answer" },
    ],
    [
      "a write dropped after sending is ambiguous",
      true,
      1,
      { kind: "network", sent: true },
      { kind: "ambiguous", reason: "the connection failed after the request was sent" },
    ],
    [
      "a write refused before sending is retried",
      true,
      1,
      { kind: "network", sent: false },
      { kind: "retry", waitMs: BASE_BACKOFF_MS / 2, reason: "no answer" },
    ],
    [
      "a host that cannot be reached gives up after a few attempts",
      false,
      MAX_CONNECT_ATTEMPTS,
      { kind: "network", sent: false },
      { kind: "give-up", reason: `no answer after ${MAX_CONNECT_ATTEMPTS} attempts` },
    ],
    ["a 400 is never retried", false, 1, response(400), { kind: "give-up", reason: "HTTP 400" }],
    ["a 401 is never retried", false, 1, response(401), { kind: "give-up", reason: "HTTP 401" }],
    ["a 403 is never retried", true, 1, response(403), { kind: "give-up", reason: "HTTP 403" }],
    ["a 404 is never retried", false, 1, response(404), { kind: "give-up", reason: "HTTP 404" }],
    ["a 409 is never retried", true, 1, response(409), { kind: "give-up", reason: "HTTP 409" }],
  ])("%s", (_name, write, attempt, outcome, expected) => {
    expect(decideRetry({ write, attempt, outcome, now: NOW, jitter: 0 })).toEqual(expected);
  });

  it("retries reads after 5xx and dropped connections until the next back-off would pass the time budget", () => {
    for (const outcome of [response(500), { kind: "network", sent: true } as const]) {
      const within = decideRetry({ write: false, attempt: 12, outcome, waitedMs: READ_RETRY_BUDGET_MS - MAX_BACKOFF_MS, now: NOW, jitter: 1 });
      expect(within).toMatchObject({ kind: "retry", waitMs: MAX_BACKOFF_MS });
      const past = decideRetry({ write: false, attempt: 13, outcome, waitedMs: READ_RETRY_BUDGET_MS - MAX_BACKOFF_MS + 1, now: NOW, jitter: 1 });
      expect(past).toMatchObject({ kind: "give-up", reason: expect.stringContaining("after 13 attempts") });
    }
  });

  it("adds at most the margin as jitter to a rate-limit wait", () => {
    const decision = decideRetry({ write: false, attempt: 1, outcome: response(429, SPENT), now: NOW, jitter: 0.999 });
    expect(decision).toMatchObject({ kind: "retry" });
    const wait = (decision as { waitMs: number }).waitMs;
    expect(wait).toBeGreaterThan(2_000);
    expect(wait).toBeLessThanOrEqual(2_000 + RATE_LIMIT_MARGIN_MS);
  });
});

describe("backoffMs", () => {
  it("doubles per attempt, spread into [half, full] of the step, and is capped", () => {
    expect([1, 2, 3].map((a) => backoffMs(a, 1))).toEqual([BASE_BACKOFF_MS, BASE_BACKOFF_MS * 2, BASE_BACKOFF_MS * 4]);
    expect(backoffMs(1, 0)).toBe(BASE_BACKOFF_MS / 2);
    expect(backoffMs(30, 1)).toBe(MAX_BACKOFF_MS);
  });
});

describe("paceWaitMs", () => {
  it.each<[string, RateLimitState | undefined, number]>([
    ["nothing known yet", undefined, 0],
    ["requests left in the window", { ...SPENT, remaining: 3 }, 0],
    ["the window used up: wait for Reset", SPENT, 2_000],
    ["the window used up but already reset", { ...SPENT, reset: NOW / 1000 }, 0],
    ["no Reset header", { ...SPENT, reset: undefined }, 0],
  ])("%s", (_name, rate, expected) => {
    expect(paceWaitMs(rate, NOW, 0)).toBe(expected);
  });
});

describe("readRateLimit", () => {
  it("reads Sentry's headers and ignores junk", () => {
    const headers = new Headers({
      "X-Sentry-Rate-Limit-Limit": "40",
      "X-Sentry-Rate-Limit-Remaining": "0",
      "X-Sentry-Rate-Limit-Reset": "1654566542",
      "X-Sentry-Rate-Limit-ConcurrentRemaining": "soon",
    });
    expect(readRateLimit(headers)).toEqual({
      limit: 40,
      remaining: 0,
      reset: 1654566542,
      concurrentRemaining: undefined,
    });
    expect(readRateLimit(new Headers())).toEqual(NONE);
  });
});

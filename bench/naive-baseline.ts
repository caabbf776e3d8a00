/**
 * The naive baseline: read the org the way Terraform's Sentry provider
 * refreshes it, one member-details request (E2) per member, one after the
 * other. It runs in-process on the same HTTP client as sentry-roster, so the
 * comparison is about the request pattern, not the transport; it is not
 * charged for process start or roster parsing, which favours it.
 */
import { setTimeout as delay } from "node:timers/promises";
import { performance } from "node:perf_hooks";
import { SentryClient, apiPath } from "../src/sentry/client.js";

/** What the baseline took. */
export interface BaselineRun {
  readonly requests: number;
  readonly wallMs: number;
}

/** GET organizations/{org}/members/{id}/ for each id, sequentially. */
export async function runNaiveBaseline(options: {
  readonly baseUrl: string;
  readonly token: string;
  readonly organization: string;
  readonly memberIds: readonly string[];
}): Promise<BaselineRun> {
  const client = new SentryClient({
    baseUrl: options.baseUrl,
    token: options.token,
    fetch: globalThis.fetch,
    sleep: (ms) => delay(ms),
    now: () => Date.now(),
  });
  const start = performance.now();
  for (const id of options.memberIds)
    await client.get<unknown>(apiPath("organizations", options.organization, "members", id));
  return { requests: options.memberIds.length, wallMs: performance.now() - start };
}

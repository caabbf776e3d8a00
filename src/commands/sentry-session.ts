import { SentryClient } from "../sentry/client.js";
import type { Deps, SentryConnection } from "./deps.js";
import { VERSION } from "./version.js";

/** The User-Agent every request carries. */
export const USER_AGENT = `sentry-roster/${VERSION}`;

/**
 * A Sentry client on the process's transport, clock and logger. Throws
 * SentryConfigError for a bad URL. Once `stopWrites` is aborted, it sends no
 * further write.
 */
export function openSentry(connection: SentryConnection, deps: Deps, stopWrites?: AbortSignal): SentryClient {
  return new SentryClient({
    ...(stopWrites ? { stopWrites } : {}),
    baseUrl: connection.baseUrl,
    token: connection.token,
    fetch: deps.fetch,
    sleep: deps.sleep,
    now: deps.now,
    logger: deps.logger,
    userAgent: USER_AGENT,
    ...(connection.tokenSource ? { tokenSource: connection.tokenSource } : {}),
    ...(connection.urlSource ? { urlSource: connection.urlSource } : {}),
  });
}

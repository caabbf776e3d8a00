import { SentryConfigError } from "./errors.js";

/** localhost, ::1 or 127.x.x.x: the only hosts plain http may reach (docs/security.md#talking-to-sentry). */
function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Checks and normalizes the base URL: https unless loopback, no query, no credentials, no trailing slash. */
export function normalizeBaseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    throw new SentryConfigError(`invalid Sentry URL "${text}": expected e.g. https://sentry.io`, { cause: error });
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

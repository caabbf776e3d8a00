import { ApiStatusError } from "../domain/api-error.js";
import { describeScopes } from "../domain/token-scopes.js";
/**
 * Typed failures of the Sentry edge (docs/architecture.md#rules-the-code-keeps). Each message is
 * one line a person can act on; none ever contains the token.
 */

/** Sentry answered with an error status. */
export class SentryApiError extends ApiStatusError {
  override name = "SentryApiError";
  constructor(status: number, request: string, detail: string | undefined, options?: { cause?: unknown; message?: string }) {
    super(options?.message ?? `${request} failed with HTTP ${status}${detail ? `: ${detail}` : ""}`, { status, request, detail }, options);
  }
}

/** The Sentry server could not be reached (DNS, refused, TLS, timeout before any answer). */
export class SentryConnectionError extends Error {
  override name = "SentryConnectionError";
  readonly url: string;
  readonly reason: string;
  /** `urlSource` names where the URL came from, e.g. "--url or SENTRY_URL", "the sentry-url input". */
  constructor(url: string, reason: string, options?: { cause?: unknown; urlSource?: string }) {
    super(
      `cannot reach ${url} (${reason}): check ${options?.urlSource ?? "the Sentry URL"}, DNS, and the proxy variables HTTPS_PROXY, HTTP_PROXY and NO_PROXY`,
      options,
    );
    this.url = url;
    this.reason = reason;
  }
}

/**
 * A write whose outcome is unknown: it was sent, then the connection failed
 * or Sentry answered 5xx. It is never resent blindly; the writer re-reads.
 */
export class SentryAmbiguousWriteError extends Error {
  override name = "SentryAmbiguousWriteError";
  readonly request: string;
  /** What went wrong: "HTTP 500 after the request was sent", and so on. */
  readonly why: string;
  constructor(request: string, why: string, options?: { cause?: unknown; message?: string }) {
    super(options?.message ?? `${request}: outcome unknown (${why}); it was not sent again`, options);
    this.request = request;
    this.why = why;
  }
}

/** A write held back because apply was told to stop (Ctrl-C, a cancelled job): it never left. */
export class SentryWriteNotSentError extends Error {
  override name = "SentryWriteNotSentError";
  /** Marks it for the executor, which cannot import this class (docs/architecture.md#layers-and-dependency-direction). */
  readonly notSent = true;
  readonly request: string;
  constructor(request: string) {
    super(`${request} was not sent: apply was interrupted`);
    this.request = request;
  }
}

/** The Sentry URL or an answer's shape is unusable (bad --url, redirect elsewhere, cursor loop). */
export class SentryConfigError extends Error {
  override name = "SentryConfigError";
}

/** Sentry answered something we cannot read (wrong shape, pagination that never ends). */
export class SentryProtocolError extends Error {
  override name = "SentryProtocolError";
}

/** The scope a request most likely needs, named in 403 messages (the one table: domain/token-scopes.ts). */
export function likelyScope(method: string, apiPath: string): string {
  const path = apiPath.replace(/^.*\/api\/0\//, "");
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

/** Text Sentry gave as the reason, from any of its error shapes (docs/sentry-behaviour.md S6). */
export function errorDetail(body: unknown): string | undefined {
  // An HTML page (a proxy's 502, a login page) says nothing a person can act on.
  if (typeof body === "string") return body.trim() && !body.trimStart().startsWith("<") ? oneLine(body) : undefined;
  if (Array.isArray(body)) return typeof body[0] === "string" ? oneLine(body[0]) : undefined;
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const detail = record["detail"];
  if (typeof detail === "string") return oneLine(detail);
  if (
    typeof detail === "object" &&
    detail !== null &&
    typeof (detail as Record<string, unknown>)["message"] === "string"
  ) {
    return oneLine((detail as Record<string, string>)["message"]!);
  }
  for (const [field, value] of Object.entries(record)) {
    if (typeof value === "string") return oneLine(`${field}: ${value}`);
    if (Array.isArray(value) && typeof value[0] === "string") return oneLine(`${field}: ${value[0]}`);
  }
  return undefined;
}

// Non-JSON bodies (an HTML error page) are cut so an error stays one line.
const MAX_DETAIL_CHARS = 300;

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX_DETAIL_CHARS ? `${flat.slice(0, MAX_DETAIL_CHARS)}…` : flat;
}

/**
 * Builds the error for an error answer, with the message people need:
 * 401 → the token; 403 → the likely missing scope; other statuses → Sentry's reason.
 */
export function apiErrorFor(
  status: number,
  method: string,
  path: string,
  body: unknown,
  tokenSource = "SENTRY_AUTH_TOKEN",
): SentryApiError {
  const request = `${method} ${path}`;
  const detail = errorDetail(body);
  if (status === 401) {
    return new SentryApiError(status, request, detail, {
      message: `Sentry rejected the token (HTTP 401 on ${request}): check ${tokenSource}`,
    });
  }
  if (status === 403 && detail === "You do not have permission to perform this action.") {
    return new SentryApiError(status, request, detail, {
      message: `Sentry refused ${request} (HTTP 403): the token likely lacks the ${likelyScope(method, path)} scope, or its user is not a member of the organization`,
    });
  }
  return new SentryApiError(status, request, detail);
}

/** Why a fetch failed, as a short code: ECONNREFUSED, ENOTFOUND, timeout, … */
export function networkReason(error: unknown): string {
  let current: unknown = error;
  let message = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (typeof current !== "object" || current === null) break;
    const record = current as { code?: unknown; name?: unknown; cause?: unknown; message?: unknown };
    if (record.name === "TimeoutError" || record.name === "AbortError") return "timed out";
    if (typeof record.code === "string" && record.code) return record.code;
    // undici wraps the real reason: the innermost message says most ("bad port", "other side closed").
    if (typeof record.message === "string" && record.message) message = record.message;
    current = record.cause;
  }
  return message;
}

/** Network failures that prove the request never left: safe to send again, even a write. */
export function failedBeforeSending(reason: string): boolean {
  return [
    "ECONNREFUSED",
    "ENOTFOUND",
    "EAI_AGAIN",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "UND_ERR_CONNECT_TIMEOUT",
    "CERT_HAS_EXPIRED",
    "DEPTH_ZERO_SELF_SIGNED_CERT",
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  ].includes(reason);
}

/** The token never follows a redirect (docs/security.md): the error for a 3xx answer, naming what to set instead. */
export function redirectRefusal(request: string, location: string | null, url: URL): SentryConfigError {
  let target = location ?? "elsewhere";
  try {
    if (location !== null) target = new URL(location, url).origin;
  } catch {
    // keep the raw text
  }
  return new SentryConfigError(
    `${request} was redirected to ${target}; the token is not sent there. Set --url (or SENTRY_URL) to the address Sentry answers at`,
  );
}

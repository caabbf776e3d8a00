import { ApiStatusError } from "../domain/api-error.js";

/** A request GitHub answered with an error status; the message says what to do. */
export class GitHubApiError extends ApiStatusError {
  override name = "GitHubApiError";
  constructor(status: number, request: string, detail: string | undefined, options?: { cause?: unknown }) {
    super(`GitHub ${request} failed with HTTP ${status}${detail ? `: ${detail}` : ""}${adviceFor(status, detail, request)}`, { status, request, detail }, options);
  }
}

/** GitHub could not be reached at all (DNS, refused connection, TLS). */
export class GitHubConnectionError extends Error {
  override name = "GitHubConnectionError";
  readonly request: string;
  constructor(request: string, reason: string, options?: { cause?: unknown }) {
    super(`cannot reach GitHub for ${request}: ${reason}; check GITHUB_API_URL and the runner's network`, options);
    this.request = request;
  }
}

function adviceFor(status: number, detail: string | undefined, request: string): string {
  if (status === 403 && /not accessible by integration/i.test(detail ?? "")) {
    if (/\/issues(?:\/\d+)?$/.test(request)) return " (the workflow token cannot write issues: grant the job issues: write)";
    return request.startsWith("GET")
      ? " (the workflow token cannot read this: grant the job pull-requests: read or write)"
      : " (the workflow token cannot comment: grant pull-requests: write; fork pull requests get a read-only token)";
  }
  if (status === 401) return " (check the github-token input)";
  if (status === 422 && /too long/i.test(detail ?? "")) return " (the comment is over GitHub's size limit)";
  return "";
}

/**
 * Translates whatever Octokit threw into one of our errors, once, at the call
 * site (docs/architecture.md#rules-the-code-keeps). Octokit's RequestError carries `status` and
 * `response.data.message`; anything without a status is a connection problem.
 */
export function translateGitHubError(error: unknown, request: string): Error {
  if (error instanceof GitHubApiError || error instanceof GitHubConnectionError) return error;
  const record = (typeof error === "object" && error !== null ? error : {}) as {
    status?: unknown;
    message?: unknown;
    response?: { data?: unknown };
    errors?: unknown;
  };
  const status = typeof record.status === "number" ? record.status : undefined;
  if (status !== undefined && status > 0) {
    const data = record.response?.data as { message?: unknown; errors?: { message?: unknown }[] } | undefined;
    const detail =
      typeof data?.message === "string"
        ? data.message + firstFieldError(data.errors)
        : typeof record.message === "string"
          ? record.message
          : undefined;
    return new GitHubApiError(status, request, detail, { cause: error });
  }
  if (Array.isArray(record.errors) && record.errors.length > 0) {
    // GraphQL answered 200 with errors.
    const first = record.errors[0] as { message?: unknown; type?: unknown };
    const message = typeof first.message === "string" ? first.message : "GraphQL error";
    return new GitHubApiError(first.type === "FORBIDDEN" ? 403 : 200, request, message, { cause: error });
  }
  const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  return new GitHubConnectionError(request, reason, { cause: error });
}

function firstFieldError(errors: { message?: unknown }[] | undefined): string {
  const message = errors?.[0]?.message;
  return typeof message === "string" ? ` (${message})` : "";
}

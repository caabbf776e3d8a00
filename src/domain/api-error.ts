/**
 * The shape both edges give an error answer (docs/architecture.md#rules-the-code-keeps):
 * Sentry's (sentry/errors.ts SentryApiError) and GitHub's (github/errors.ts
 * GitHubApiError) differ only in their wording, so they share this base.
 * It lives in domain/ because those two edges may import nothing else.
 */
export abstract class ApiStatusError extends Error {
  /** The HTTP status of the answer. */
  readonly status: number;
  /** The request it answered, e.g. "PUT /api/0/organizations/acme/members/42/". */
  readonly request: string;
  /** The service's own reason ("detail", "message", a first field error), when it sent one. */
  readonly detail: string | undefined;
  constructor(message: string, answer: { readonly status: number; readonly request: string; readonly detail: string | undefined }, options?: { cause?: unknown }) {
    super(message, options);
    this.status = answer.status;
    this.request = answer.request;
    this.detail = answer.detail;
  }
}

import { getOctokit } from "@actions/github";

/** The Octokit that @actions/github builds: REST methods, pagination and GraphQL. */
export type GitHubClient = ReturnType<typeof getOctokit>;

/** Where GitHub is and how to reach it. */
export interface GitHubClientOptions {
  /** REST base URL: https://api.github.com, or https://HOST/api/v3 on GHES (GraphQL maps to /api/graphql). */
  readonly apiUrl: string;
  /** Transport for unit tests; production uses Octokit's bundled undici. */
  readonly fetch?: typeof globalThis.fetch;
}

/**
 * The one Octokit factory. The base URL is always passed: @actions/github
 * fixes its default at import time, and GHES must never see api.github.com.
 */
export function createGitHubClient(token: string, options: GitHubClientOptions): GitHubClient {
  return getOctokit(token, {
    baseUrl: options.apiUrl.replace(/\/+$/, ""),
    ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
  });
}

import { describe, expect, it } from "vitest";
import { GitHubApiError, translateGitHubError } from "../github/errors.js";
import { apiErrorFor, SentryApiError } from "../sentry/errors.js";
import { ApiStatusError } from "./api-error.js";

describe("ApiStatusError, the shape both edges' error answers share", () => {
  it("carries status, request and the service's reason for Sentry, with Sentry's wording", () => {
    const error = apiErrorFor(409, "POST", "/api/0/organizations/acme/members/", { detail: "The user is already a member" });
    expect(error).toBeInstanceOf(SentryApiError);
    expect(error).toBeInstanceOf(ApiStatusError);
    expect(error).toMatchObject({ name: "SentryApiError", status: 409, request: "POST /api/0/organizations/acme/members/", detail: "The user is already a member" });
    expect(error.message).toBe("POST /api/0/organizations/acme/members/ failed with HTTP 409: The user is already a member");
  });

  it("carries the same fields for GitHub, with GitHub's wording and advice", () => {
    const error = translateGitHubError({ status: 401, response: { data: { message: "Bad credentials" } } }, "GET /user");
    expect(error).toBeInstanceOf(GitHubApiError);
    expect(error).toBeInstanceOf(ApiStatusError);
    expect(error).toMatchObject({ name: "GitHubApiError", status: 401, request: "GET /user", detail: "Bad credentials" });
    expect(error.message).toBe("GitHub GET /user failed with HTTP 401: Bad credentials (check the github-token input)");
  });

  it("keeps the cause it was given", () => {
    const cause = new Error("socket");
    expect(new SentryApiError(500, "GET /x", undefined, { cause }).cause).toBe(cause);
    expect(new GitHubApiError(500, "GET /x", undefined, { cause }).cause).toBe(cause);
  });
});

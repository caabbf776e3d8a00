import { createInMemorySentry } from "../../test/fakes/fake-sentry.js";
import { describe, EXAMPLE_ORG as EXAMPLE, expect, OWNER_TOKEN as OWNER, test } from "../../test/support/fixtures.js";
import { parseRosterText } from "../roster/validate-roster.js";
import { SentryConfigError } from "../sentry/errors.js";
import { exportCommand } from "./export.js";
import { openSentry, USER_AGENT } from "./sentry-session.js";
import { VERSION } from "./version.js";

/** The clock export runs at. */
const MARCH = Date.parse("2026-03-01T00:00:00Z");

describe("exportCommand", () => {
  test("reads every team's members and writes a roster that validates, reporting progress", async ({ depsDouble }) => {
    const fake = createInMemorySentry(EXAMPLE);
    const { deps, files, progress } = depsDouble({ fetch: fake.fetch, now: () => MARCH });
    const result = await exportCommand(
      { org: "acme", connection: { baseUrl: fake.url, token: OWNER }, out: "roster.yaml" },
      deps,
    );
    expect(files.get("roster.yaml")).toBe(result.text);
    expect(result.live.teamsRead).toEqual(["backend", "frontend", "platform"]);
    const parsed = parseRosterText("roster.yaml", result.text);
    expect(parsed.issues.filter((issue) => issue.severity === "error")).toEqual([]);
    expect(parsed.desired?.members).toHaveLength(6);
    expect(parsed.desired?.ignore).toHaveLength(1);
    expect(result.summary).toBe("6 members, 3 teams, 1 expired invite under ignore");
    expect(progress.length).toBeGreaterThan(0);
    expect(fake.requests.every((r) => r.method === "GET")).toBe(true);
  });

  test("writes no file without --out", async ({ depsDouble }) => {
    const fake = createInMemorySentry(EXAMPLE);
    const { deps, files } = depsDouble({ fetch: fake.fetch, now: () => MARCH });
    const result = await exportCommand({ org: "acme", connection: { baseUrl: fake.url, token: OWNER } }, deps);
    expect(result.text).toContain("organization: acme");
    expect(files.size).toBe(0);
  });
});

describe("openSentry", () => {
  test("identifies itself as sentry-roster/VERSION", async ({ depsDouble }) => {
    const fake = createInMemorySentry(EXAMPLE);
    const { deps } = depsDouble({ fetch: fake.fetch, now: () => MARCH });
    await openSentry({ baseUrl: fake.url, token: OWNER }, deps).get("organizations/acme/");
    expect(USER_AGENT).toBe(`sentry-roster/${VERSION}`);
    expect(fake.requests[0]?.userAgent).toBe(USER_AGENT);
  });

  test("refuses plain http to a remote host", ({ depsDouble }) => {
    const { deps } = depsDouble({ now: () => MARCH });
    expect(() => openSentry({ baseUrl: "http://sentry.example.com", token: OWNER }, deps)).toThrow(SentryConfigError);
  });
});

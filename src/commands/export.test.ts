import { describe, expect, it } from "vitest";
import { createInMemorySentry } from "../../test/fakes/fake-sentry.js";
import { parseRosterText } from "../roster/validate-roster.js";
import { SentryConfigError } from "../sentry/errors.js";
import type { Deps } from "./deps.js";
import { exportCommand } from "./export.js";
import { openSentry, USER_AGENT } from "./sentry-session.js";
import { VERSION } from "./version.js";

const EXAMPLE = new URL("../../test/fixtures/orgs/example-org.json", import.meta.url).pathname;
const OWNER = "sntryu_owner_token_0123456789abcdef";

function fakeDeps(fetch: typeof globalThis.fetch) {
  const files = new Map<string, string>();
  const progress: string[] = [];
  const deps: Deps = {
    readFile: async (path) => files.get(path) ?? "",
    writeFile: async (path, text) => {
      files.set(path, typeof text === "string" ? text : [...text].join(""));
    },
    logger: { progress: (m) => progress.push(m), warn: (m) => progress.push(`warning: ${m}`) },
    now: () => Date.parse("2026-03-01T00:00:00Z"),
    sleep: async () => {},
    fetch,
  };
  return { deps, files, progress };
}

describe("exportCommand", () => {
  it("reads every team's members and writes a roster that validates, reporting progress", async () => {
    const fake = createInMemorySentry(EXAMPLE);
    const { deps, files, progress } = fakeDeps(fake.fetch);
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

  it("writes no file without --out", async () => {
    const fake = createInMemorySentry(EXAMPLE);
    const { deps, files } = fakeDeps(fake.fetch);
    const result = await exportCommand({ org: "acme", connection: { baseUrl: fake.url, token: OWNER } }, deps);
    expect(result.text).toContain("organization: acme");
    expect(files.size).toBe(0);
  });
});

describe("openSentry", () => {
  it("identifies itself as sentry-roster/VERSION", async () => {
    const fake = createInMemorySentry(EXAMPLE);
    const { deps } = fakeDeps(fake.fetch);
    await openSentry({ baseUrl: fake.url, token: OWNER }, deps).get("organizations/acme/");
    expect(USER_AGENT).toBe(`sentry-roster/${VERSION}`);
    expect(fake.requests[0]?.userAgent).toBe(USER_AGENT);
  });

  it("refuses plain http to a remote host", () => {
    const { deps } = fakeDeps((async () => new Response()) as unknown as typeof globalThis.fetch);
    expect(() => openSentry({ baseUrl: "http://sentry.example.com", token: OWNER }, deps)).toThrow(SentryConfigError);
  });
});

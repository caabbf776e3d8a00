import { describe, expect, it } from "vitest";
import { createInMemorySentry } from "../../test/fakes/fake-sentry.js";
import { RosterFileError } from "../roster/errors.js";
import { SILENT_LOGGER, type Deps } from "./deps.js";
import { OrganizationChoiceError } from "./organization.js";
import { planCommand } from "./plan.js";

const SEED = new URL("../../test/fixtures/orgs/example-org.json", import.meta.url).pathname;
const OWNER_TOKEN = "sntryu_owner_token_0123456789abcdef";
const NOW = Date.parse("2026-11-23T12:00:00.000Z");

const ROSTER = `version: 1
organization: acme
teams:
  backend: {}
  mobile: { name: Mobile }
ignore: [ci-bot@example.com]
members:
  - email: alice@example.com
    role: owner
    teams: [backend]
  - email: bob@example.com
    role: manager
    teams: [backend, mobile]
  - email: zoe@example.com
    role: member
`;

function deps(files: Record<string, string>, fetch: typeof globalThis.fetch): Deps {
  return {
    readFile: async (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: "ENOENT" });
      return text;
    },
    writeFile: async () => {
      throw new Error("plan writes nothing");
    },
    logger: SILENT_LOGGER,
    now: () => NOW,
    sleep: async () => {},
    fetch,
  };
}

describe("planCommand", () => {
  it("reads the live org with GET requests only and plans the roster against it", async () => {
    const sentry = createInMemorySentry(SEED, { now: () => NOW });
    const result = await planCommand({ rosterPath: "roster.yaml", connection: { baseUrl: sentry.url, token: OWNER_TOKEN } }, deps({ "roster.yaml": ROSTER }, sentry.fetch));
    expect(result.kind).toBe("planned");
    if (result.kind !== "planned") return;
    expect(result.live.organization).toBe("acme");
    expect(result.plan.changes.map((change) => change.action)).toContain("create-team");
    expect(result.plan.changes.some((change) => change.action === "invite" && change.email === "zoe@example.com")).toBe(true);
    expect(result.live.token.memberId).toBe("101");
    expect(sentry.requests.length).toBeGreaterThan(0);
    expect(sentry.requests.filter((request) => request.method !== "GET")).toEqual([]);
  });

  it("returns the roster's errors without contacting Sentry", async () => {
    const fetch = (async () => {
      throw new Error("Sentry must not be contacted");
    }) as unknown as typeof globalThis.fetch;
    const result = await planCommand(
      { rosterPath: "roster.yaml", connection: { baseUrl: "http://127.0.0.1:1", token: OWNER_TOKEN } },
      deps({ "roster.yaml": ROSTER.replace("role: manager", "role: manger") }, fetch),
    );
    expect(result.kind).toBe("roster-invalid");
    expect(result.issues.some((issue) => issue.severity === "error" && issue.message.includes("manger"))).toBe(true);
  });

  it("refuses an --org that differs from the roster's organization before reading Sentry", async () => {
    const sentry = createInMemorySentry(SEED, { now: () => NOW });
    const planning = planCommand(
      { rosterPath: "roster.yaml", org: "acme", connection: { baseUrl: sentry.url, token: OWNER_TOKEN } },
      deps({ "roster.yaml": ROSTER.replace("organization: acme", "organization: other") }, sentry.fetch),
    );
    await expect(planning).rejects.toThrow('--org acme differs from the organization "other" that roster.yaml names');
    expect(sentry.requests).toEqual([]);
  });

  it("uses SENTRY_ORG only when the roster names no organization", async () => {
    const sentry = createInMemorySentry(SEED, { now: () => NOW });
    const connection = { baseUrl: sentry.url, token: OWNER_TOKEN };
    const unnamed = ROSTER.replace("organization: acme\n", "");
    const named = await planCommand({ rosterPath: "roster.yaml", defaultOrg: "elsewhere", connection }, deps({ "roster.yaml": ROSTER }, sentry.fetch));
    expect(named.kind === "planned" && named.live.organization).toBe("acme");
    const fallback = await planCommand({ rosterPath: "roster.yaml", defaultOrg: "acme", connection }, deps({ "roster.yaml": unnamed }, sentry.fetch));
    expect(fallback.kind === "planned" && fallback.plan.violations).toEqual([]);
    await expect(planCommand({ rosterPath: "roster.yaml", connection }, deps({ "roster.yaml": unnamed }, sentry.fetch))).rejects.toBeInstanceOf(OrganizationChoiceError);
  });

  it("throws a RosterFileError for a missing roster", async () => {
    const sentry = createInMemorySentry(SEED, { now: () => NOW });
    await expect(planCommand({ rosterPath: "missing.yaml", connection: { baseUrl: sentry.url, token: OWNER_TOKEN } }, deps({}, sentry.fetch))).rejects.toBeInstanceOf(RosterFileError);
    expect(sentry.requests).toEqual([]);
  });
});

import { createInMemorySentry } from "../../test/fakes/fake-sentry.js";
import { DOUBLE_NOW as NOW } from "../../test/support/deps-double.js";
import { describe, EXAMPLE_ORG as SEED, expect, OWNER_TOKEN, test as sharedTest } from "../../test/support/fixtures.js";
import { rosterText } from "../../test/support/rosters.js";
import { RosterFileError } from "../roster/errors.js";
import type { Deps } from "./deps.js";
import { OrganizationChoiceError } from "./organization.js";
import { planCommand } from "./plan.js";

const ROSTER = rosterText("example-mobile-team");

/** Deps for plan: these files in memory, this transport, and no write allowed (plan writes nothing). */
const test = sharedTest.extend<{ planDeps: (files: Record<string, string>, fetch: typeof globalThis.fetch) => Deps }>({
  planDeps: async ({ depsDouble }, use) => use((files, fetch) => depsDouble({ files, fetch, refuseWrites: true }).deps),
});

describe("planCommand", () => {
  test("reads the live org with GET requests only and plans the roster against it", async ({ planDeps }) => {
    const sentry = createInMemorySentry(SEED, { now: () => NOW });
    const result = await planCommand({ rosterPath: "roster.yaml", connection: { baseUrl: sentry.url, token: OWNER_TOKEN } }, planDeps({ "roster.yaml": ROSTER }, sentry.fetch));
    expect(result.kind).toBe("planned");
    if (result.kind !== "planned") return;
    expect(result.live.organization).toBe("acme");
    expect(result.plan.changes.map((change) => change.action)).toContain("create-team");
    expect(result.plan.changes.some((change) => change.action === "invite" && change.email === "zoe@example.com")).toBe(true);
    expect(result.live.token.memberId).toBe("101");
    expect(sentry.requests.length).toBeGreaterThan(0);
    expect(sentry.requests.filter((request) => request.method !== "GET")).toEqual([]);
  });

  test("returns the roster's errors without contacting Sentry", async ({ planDeps }) => {
    const fetch = (async () => {
      throw new Error("Sentry must not be contacted");
    }) as unknown as typeof globalThis.fetch;
    const result = await planCommand(
      { rosterPath: "roster.yaml", connection: { baseUrl: "http://127.0.0.1:1", token: OWNER_TOKEN } },
      planDeps({ "roster.yaml": ROSTER.replace("role: manager", "role: manger") }, fetch),
    );
    expect(result.kind).toBe("roster-invalid");
    expect(result.issues.some((issue) => issue.severity === "error" && issue.message.includes("manger"))).toBe(true);
  });

  test("refuses an --org that differs from the roster's organization before reading Sentry", async ({ planDeps }) => {
    const sentry = createInMemorySentry(SEED, { now: () => NOW });
    const planning = planCommand(
      { rosterPath: "roster.yaml", org: "acme", connection: { baseUrl: sentry.url, token: OWNER_TOKEN } },
      planDeps({ "roster.yaml": ROSTER.replace("organization: acme", "organization: other") }, sentry.fetch),
    );
    await expect(planning).rejects.toThrow('--org acme differs from the organization "other" that roster.yaml names');
    expect(sentry.requests).toEqual([]);
  });

  test("uses SENTRY_ORG only when the roster names no organization", async ({ planDeps }) => {
    const sentry = createInMemorySentry(SEED, { now: () => NOW });
    const connection = { baseUrl: sentry.url, token: OWNER_TOKEN };
    const unnamed = ROSTER.replace("organization: acme\n", "");
    const named = await planCommand({ rosterPath: "roster.yaml", defaultOrg: "elsewhere", connection }, planDeps({ "roster.yaml": ROSTER }, sentry.fetch));
    expect(named.kind === "planned" && named.live.organization).toBe("acme");
    const fallback = await planCommand({ rosterPath: "roster.yaml", defaultOrg: "acme", connection }, planDeps({ "roster.yaml": unnamed }, sentry.fetch));
    expect(fallback.kind === "planned" && fallback.plan.violations).toEqual([]);
    await expect(planCommand({ rosterPath: "roster.yaml", connection }, planDeps({ "roster.yaml": unnamed }, sentry.fetch))).rejects.toBeInstanceOf(OrganizationChoiceError);
  });

  test("throws a RosterFileError for a missing roster", async ({ planDeps }) => {
    const sentry = createInMemorySentry(SEED, { now: () => NOW });
    await expect(planCommand({ rosterPath: "missing.yaml", connection: { baseUrl: sentry.url, token: OWNER_TOKEN } }, planDeps({}, sentry.fetch))).rejects.toBeInstanceOf(RosterFileError);
    expect(sentry.requests).toEqual([]);
  });
});

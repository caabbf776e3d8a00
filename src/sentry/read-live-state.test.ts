import { describe, expect, it } from "vitest";
import { createInMemorySentry } from "../../test/fakes/fake-sentry.js";
import { generateOrg, GENERATED_OWNER_TOKEN } from "../../test/fakes/generate-org.js";
import { MAX_CONCURRENT_READS, SentryClient } from "./client.js";
import { readLiveState } from "./read-live-state.js";

const EXAMPLE = new URL("../../test/fixtures/orgs/example-org.json", import.meta.url).pathname;
const OWNER = "sntryu_owner_token_0123456789abcdef";
const INTEGRATION = "sntrys_integration_token_0123456789abcdef";
const MARCH = Date.parse("2026-03-01T00:00:00Z");

function setup(token = OWNER, seed: Parameters<typeof createInMemorySentry>[0] = EXAMPLE, options: Parameters<typeof createInMemorySentry>[1] = {}) {
  const fake = createInMemorySentry(seed, { now: () => MARCH, ...options });
  const client = new SentryClient({
    baseUrl: fake.url,
    token,
    fetch: fake.fetch,
    sleep: async () => {},
    now: () => MARCH,
  });
  return { fake, client };
}

const pages = (n: number) => Math.max(1, Math.ceil(n / 100));

describe("readLiveState", () => {
  it("maps members, pending and expired invites, flags and org settings in one place", async () => {
    const { client } = setup();
    const live = await readLiveState(client, { organization: "acme", managedTeams: ["backend", "frontend"] });
    expect(live.members.map((m) => m.id)).toEqual(["101", "102", "103", "104", "105", "106", "107"]);
    expect(live.members.find((m) => m.email === "frank@example.com")).toMatchObject({
      pending: true,
      expired: true,
      name: "frank@example.com",
    });
    expect(live.members.find((m) => m.email === "grace@example.com")).toMatchObject({
      pending: true,
      expired: false,
      teams: { frontend: null },
    });
    expect(live.members.find((m) => m.id === "104")?.flags).toMatchObject({
      idpProvisioned: true,
      ssoLinked: true,
      partnershipRestricted: false,
    });
    expect(live.orgRoles).toEqual(["billing", "member", "manager", "owner"]);
    expect(live).toMatchObject({ organization: "acme", teamRolesEnabled: true, openMembership: false });
    expect(live.teams).toEqual([
      { id: "11", slug: "backend", name: "Backend", idpProvisioned: false },
      { id: "12", slug: "frontend", name: "Frontend", idpProvisioned: false },
      { id: "13", slug: "platform", name: "Platform", idpProvisioned: true },
    ]);
  });

  it("reads only the managed teams' member lists, keeping stored team roles (null = the role's minimum)", async () => {
    const { client, fake } = setup();
    const live = await readLiveState(client, { organization: "acme", managedTeams: ["backend", "missing-team"] });
    expect(live.teamsRead).toEqual(["backend"]);
    expect(live.members.find((m) => m.id === "101")?.teams).toEqual({ backend: null });
    expect(live.members.find((m) => m.id === "102")?.teams).toEqual({ backend: "admin" });
    expect(live.members.find((m) => m.id === "103")?.teams).toEqual({});
    // The roster's teams are read by slug without waiting for the team list: a team Sentry lacks costs one 404.
    expect(
      fake.requests
        .filter((r) => r.path.startsWith("/api/0/teams/"))
        .map((r) => r.path)
        .sort(),
    ).toEqual(["/api/0/teams/acme/backend/members/", "/api/0/teams/acme/missing-team/members/"]);
    expect(live.teams.map((team) => team.slug)).not.toContain("missing-team");
  });

  it("knows the token's own member and scopes (E14), and no member for an integration token", async () => {
    expect((await readLiveState(setup().client, { organization: "acme", managedTeams: [] })).token).toEqual({
      memberId: "101",
      email: "alice@example.com",
      role: "owner",
      scopes: ["org:read", "org:write", "member:read", "member:write", "member:admin", "team:read", "team:write", "team:admin"],
    });
    expect((await readLiveState(setup(INTEGRATION).client, { organization: "acme", managedTeams: [] })).token).toEqual({
      memberId: null,
      email: null,
      role: null,
      scopes: ["org:read", "member:read", "member:write", "team:read", "team:write"],
    });
  });

  it("judges by the role alone when the server does not answer the API root (scopes null)", async () => {
    const { client } = setup(OWNER, EXAMPLE, { switches: { noApiRoot: true } });
    expect((await readLiveState(client, { organization: "acme", managedTeams: [] })).token).toMatchObject({ memberId: "101", scopes: null });
  });

  it("uses no more than ⌈members/100⌉ + ⌈teams/100⌉ + Σ⌈team members/100⌉ + 3 requests (2 without the token's scopes)", async () => {
    const seed = generateOrg({ members: 1000, teams: 150, maxTeamsPerMember: 40 });
    const { client, fake } = setup(GENERATED_OWNER_TOKEN, seed);
    const live = await readLiveState(client, { organization: "bigco", managedTeams: "all" });
    const perTeam = seed.teams.map((t) => seed.members.filter((m) => m.teams && t.slug in m.teams).length);
    expect(Math.max(...perTeam)).toBeGreaterThan(100);
    const bound = pages(1000) + pages(150) + perTeam.reduce((sum, n) => sum + pages(n), 0) + 3;
    expect(fake.requests.length).toBeLessThanOrEqual(bound);
    fake.clearLog();
    await readLiveState(client, { organization: "bigco", managedTeams: "all", tokenScopes: false });
    expect(fake.requests.length).toBeLessThanOrEqual(bound - 1);
    expect(live.members).toHaveLength(1000);
    expect(live.teamsRead).toHaveLength(150);
    const memberships = live.members.reduce((sum, m) => sum + Object.keys(m.teams).length, 0);
    expect(memberships).toBe(perTeam.reduce((a, b) => a + b, 0));
  });

  it("keeps at most MAX_CONCURRENT_READS reads in flight, whatever it reads beside the team lists", async () => {
    const seed = generateOrg({ members: 300, teams: 12, maxTeamsPerMember: 3 });
    const { client, fake } = setup(GENERATED_OWNER_TOKEN, seed);
    // Every answer takes a while, so reads overlap as they would against sentry.io.
    fake.faults.setLatency(5);
    const teams = seed.teams.map((team) => team.slug);
    await readLiveState(client, { organization: "bigco", managedTeams: teams });
    expect(fake.peakInFlight).toBe(MAX_CONCURRENT_READS);
    fake.clearLog();
    await readLiveState(client, { organization: "bigco", managedTeams: "all" });
    expect(fake.peakInFlight).toBe(MAX_CONCURRENT_READS);
  });

  it("leaves out a team deleted between the team list and its member list", async () => {
    const fake = createInMemorySentry(EXAMPLE, { now: () => MARCH });
    let deleted = false;
    const racing = (async (input: string, init?: RequestInit) => {
      if (!deleted && String(input).includes("/api/0/teams/acme/")) {
        deleted = true;
        fake.world.teams = fake.world.teams.filter((t) => t.slug !== "frontend");
      }
      return fake.fetch(input, init);
    }) as typeof globalThis.fetch;
    const client = new SentryClient({
      baseUrl: fake.url,
      token: OWNER,
      fetch: racing,
      sleep: async () => {},
      now: () => MARCH,
    });
    const live = await readLiveState(client, { organization: "acme", managedTeams: "all" });
    expect(live.teams.map((t) => t.slug)).toEqual(["backend", "platform"]);
    expect(live.teamsRead).toEqual(["backend", "platform"]);
  });

  it("reads the teams list with detailed=0", async () => {
    const { client, fake } = setup();
    await readLiveState(client, { organization: "acme", managedTeams: [] });
    expect(fake.requests.find((r) => r.path === "/api/0/organizations/acme/teams/")?.query).toEqual({
      detailed: "0",
      per_page: "100",
    });
  });

  it("says which organization was not found at which URL", async () => {
    const { client, fake } = setup();
    await expect(readLiveState(client, { organization: "nope", managedTeams: [] })).rejects.toThrow(
      `organization "nope" not found at ${fake.url}: check --org (or SENTRY_ORG) and --url (or SENTRY_URL)`,
    );
    // The lists start beside the org details; their 404s are not what the user is told.
    expect(fake.requests.map((r) => r.path).sort()).toEqual([
      "/api/0/",
      "/api/0/organizations/nope/",
      "/api/0/organizations/nope/members/",
      "/api/0/organizations/nope/members/me/",
      "/api/0/organizations/nope/teams/",
    ]);
  });

  it("says a URL that answers with something other than Sentry's JSON is probably not Sentry", async () => {
    const fetch = (async () =>
      new Response("<html>welcome</html>", {
        status: 200,
        headers: { "Content-Type": "text/html" },
      })) as typeof globalThis.fetch;
    const client = new SentryClient({
      baseUrl: "https://www.example.com",
      token: OWNER,
      fetch,
      sleep: async () => {},
      now: () => MARCH,
    });
    await expect(readLiveState(client, { organization: "acme", managedTeams: [] })).rejects.toThrow(
      "https://www.example.com did not answer like a Sentry server (GET organizations/acme/): check --url (or SENTRY_URL)",
    );
  });

  it("gives the same state through 20% faults (5xx, 429, resets)", async () => {
    const seed = generateOrg({ members: 400, teams: 30 });
    const clean = await readLiveState(setup(GENERATED_OWNER_TOKEN, seed).client, {
      organization: "bigco",
      managedTeams: "all",
    });
    const { client, fake } = setup(GENERATED_OWNER_TOKEN, seed);
    fake.faults.setRandom({ rate: 0.2, kinds: ["500", "503", "429", "reset"], seed: 4 });
    const faulty = await readLiveState(client, { organization: "bigco", managedTeams: "all" });
    expect(faulty).toEqual(clean);
    expect(fake.requests.some((r) => r.status === "reset")).toBe(true);
  });

  it("hides the fake's self-hosted difference: no rate-limit headers, no billing role", async () => {
    const seed = generateOrg({ members: 5, teams: 1 });
    const selfHosted = {
      ...seed,
      organization: { ...seed.organization, mode: "self-hosted" as const, features: ["invite-members"] },
    };
    const live = await readLiveState(setup(GENERATED_OWNER_TOKEN, selfHosted).client, {
      organization: "bigco",
      managedTeams: "all",
    });
    expect(live.orgRoles).toEqual(["member", "admin", "manager", "owner"]);
    expect(live.teamRolesEnabled).toBe(false);
  });
});

import { gunzipSync } from "node:zlib";
import { Agent, get as httpGet } from "node:http";
import { describe, expect, it } from "vitest";
import { type FakeSentryOptions, type OrgSeed, createInMemorySentry, startFakeSentry } from "./fake-sentry.js";
import { Faults } from "./fake-sentry/faults.js";
import { readSeedFile } from "./fake-sentry/seed.js";
import { generateOrg, GENERATED_OWNER_TOKEN } from "./generate-org.js";

/**
 * One test per checklist item of docs/sentry-behaviour.md S9 that the fake
 * implements, pinned to the texts of E1–E14, S2 and S3 and the answers of S10.
 */

const EXAMPLE = new URL("../fixtures/orgs/example-org.json", import.meta.url).pathname;
const OWNER = "sntryu_owner_token_0123456789abcdef";
const MANAGER = "sntryu_manager_token_0123456789abcdef";
const READONLY = "sntryu_readonly_token_0123456789abcdef";
const MEMBER = "sntryu_member_token_0123456789abcdef";
const INTEGRATION = "sntrys_integration_token_0123456789abcdef";
const MARCH = Date.parse("2026-03-01T00:00:00Z");
const FLAGS = {
  "idp:provisioned": false,
  "idp:role-restricted": false,
  "sso:linked": false,
  "sso:invalid": false,
  "member-limit:restricted": false,
  "partnership:restricted": false,
};

function seedWith(change: (seed: OrgSeed) => OrgSeed): OrgSeed {
  return change(readSeedFile(EXAMPLE));
}

function setup(seed: OrgSeed | string = EXAMPLE, options: FakeSentryOptions = {}) {
  const fake = createInMemorySentry(seed, { now: () => MARCH, ...options });
  const api = async (
    method: string,
    path: string,
    init: { token?: string | null; body?: unknown; auth?: string } = {},
  ) => {
    const token = init.token === undefined ? OWNER : init.token;
    const headers: Record<string, string> = {};
    if (init.auth !== undefined) headers["Authorization"] = init.auth;
    else if (token !== null) headers["Authorization"] = `Bearer ${token}`;
    if (init.body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fake.fetch(`${fake.url}/api/0/${path}`, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? (JSON.parse(text) as unknown) : undefined,
    };
  };
  return { fake, api };
}

const NOT_FOUND = { detail: "The requested resource does not exist" };
const FORBIDDEN = { detail: "You do not have permission to perform this action." };

describe("fake Sentry: routing, auth, errors", () => {
  it("F01 serves every endpoint with trailing slashes", async () => {
    const { api } = setup();
    for (const path of [
      "organizations/acme/members/",
      "organizations/acme/members/101/",
      "organizations/acme/teams/",
      "teams/acme/backend/members/",
      "organizations/acme/",
    ]) {
      expect((await api("GET", path)).status, path).toBe(200);
    }
    expect(
      (await api("PUT", "organizations/acme/members/102/teams/backend/", { body: { teamRole: "admin" } })).status,
    ).toBe(200);
  });

  it("F02 takes org and team by slug or id; unknown ones are 404 with Sentry's text", async () => {
    const { api } = setup();
    expect((await api("GET", "organizations/4501/members/")).status).toBe(200);
    expect((await api("GET", "teams/acme/11/members/")).status).toBe(200);
    expect(await api("GET", "organizations/nope/members/")).toMatchObject({ status: 404, body: NOT_FOUND });
    expect(await api("GET", "teams/acme/nope/members/")).toMatchObject({ status: 404, body: NOT_FOUND });
  });

  it("F03 member ids are integers or `me`; anything else is the same 404", async () => {
    const { api } = setup();
    expect(await api("GET", "organizations/acme/members/me/")).toMatchObject({ status: 200, body: { id: "101" } });
    expect(await api("GET", "organizations/acme/members/abc/")).toMatchObject({ status: 404, body: NOT_FOUND });
    expect(await api("GET", "organizations/acme/members/999/")).toMatchObject({ status: 404, body: NOT_FOUND });
    expect(await api("GET", "organizations/acme/members/me/", { token: INTEGRATION })).toMatchObject({ status: 404 });
  });

  it("F04 401 without credentials and for an unknown token", async () => {
    const { api } = setup();
    expect(await api("GET", "organizations/acme/", { token: null })).toMatchObject({
      status: 401,
      body: { detail: "Authentication credentials were not provided." },
    });
    expect(await api("GET", "organizations/acme/", { token: "nope" })).toMatchObject({
      status: 401,
      body: { detail: "Invalid token" },
    });
    expect(await api("GET", "organizations/acme/", { auth: "Token x y" })).toMatchObject({ status: 401 });
  });

  it("F05 effective scopes are the token's ∩ the role's: a member's token with member:admin still cannot delete others", async () => {
    const seed = seedWith((s) => ({
      ...s,
      tokens: [...s.tokens, { token: "wide", kind: "user", memberId: "102", scopes: ["member:read", "member:admin"] }],
    }));
    const { api } = setup(seed);
    expect(await api("DELETE", "organizations/acme/members/107/", { token: "wide" })).toMatchObject({
      status: 400,
      body: { detail: "You are missing the member:admin scope." },
    });
  });

  it("F06 refuses a method whose scopes the token lacks with 403", async () => {
    const { api } = setup();
    expect(
      await api("GET", "teams/acme/backend/members/", { token: "sntryu_noteam_token_0123456789abcdef" }),
    ).toMatchObject({ status: 403, body: FORBIDDEN });
    expect(await api("GET", "organizations/acme/members/", { token: READONLY })).toMatchObject({ status: 200 });
  });

  it("F07 uses Sentry's odd error shapes where it does", async () => {
    const { api } = setup();
    expect((await api("POST", "organizations/acme/members/", { body: { email: "bob@example.com" } })).body).toEqual({
      email: ["The user bob@example.com is already a member"],
    });
    expect(
      (
        await api("PUT", "organizations/acme/members/101/", {
          token: MANAGER,
          body: { orgRole: "member", teamRoles: [] },
        })
      ).body,
    ).toEqual({
      role: "You do not have permission to assign a role to the given user.",
    });
  });

  it("F08 a teamRoles item without role is a 500 with a 32-hex errorId", async () => {
    const { api } = setup();
    const answer = await api("POST", "organizations/acme/members/", {
      body: { email: "x@example.com", teamRoles: [{ teamSlug: "backend" }] },
    });
    expect(answer.status).toBe(500);
    expect(answer.body).toMatchObject({ detail: "Internal Error", errorId: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });
});

describe("fake Sentry: pagination", () => {
  const big = () => setup(generateOrg({ members: 250, teams: 0 }));
  const get = (api: ReturnType<typeof setup>["api"], query: string) =>
    api("GET", `organizations/bigco/members/${query}`, { token: GENERATED_OWNER_TOKEN });

  it("F09–F11 first page: previous n:-1:1 without results, next n:1:0 with results", async () => {
    const { api, fake } = big();
    const first = await get(api, "");
    expect((first.body as unknown[]).length).toBe(100);
    expect(first.headers.get("link")).toBe(
      `<${fake.url}/api/0/organizations/bigco/members/?&cursor=100:-1:1>; rel="previous"; results="false"; cursor="100:-1:1", ` +
        `<${fake.url}/api/0/organizations/bigco/members/?&cursor=100:1:0>; rel="next"; results="true"; cursor="100:1:0"`,
    );
  });

  it("F10 keeps other query parameters in the Link URLs", async () => {
    const { api } = big();
    expect((await get(api, "?per_page=100&cursor=100:1:0")).headers.get("link")).toContain(
      "/members/?per_page=100&cursor=100:0:1>",
    );
  });

  it("F11 the last page says results=false on next; previous says true", async () => {
    const { api } = big();
    const last = await get(api, "?cursor=100:2:0");
    expect((last.body as unknown[]).length).toBe(50);
    expect(last.headers.get("link")).toMatch(
      /rel="previous"; results="true"; cursor="100:1:1".*rel="next"; results="false"; cursor="100:3:0"/,
    );
  });

  it("F11 an exactly full last page already says results=false", async () => {
    const { api } = setup(generateOrg({ members: 100, teams: 0 }));
    const only = await api("GET", "organizations/bigco/members/", { token: GENERATED_OWNER_TOKEN });
    expect(only.headers.get("link")).toContain('rel="next"; results="false"');
  });

  it.each([
    ["?per_page=101", "Invalid per_page value. Cannot exceed 100."],
    ["?per_page=abc", "Invalid per_page parameter."],
    ["?cursor=garbage", "Invalid cursor parameter."],
    ["?cursor=100:-1:1", "Pagination offset cannot be negative"],
  ])("F12 %s → 400", async (query, detail) => {
    const { api } = big();
    expect(await get(api, query)).toMatchObject({ status: 400, body: { detail } });
  });

  it("F13 sends no X-Hits", async () => {
    const { api } = big();
    const page = await get(api, "");
    expect(page.headers.get("x-hits")).toBeNull();
    expect(page.headers.get("x-max-hits")).toBeNull();
  });
});

describe("fake Sentry: members list", () => {
  it("F14 lists approved members ordered by id, hiding inactive users", async () => {
    const seed = seedWith((s) => ({
      ...s,
      members: [...s.members, { id: "100", email: "gone@example.com", role: "member", inactive: true }],
    }));
    const { api } = setup(seed);
    const ids = ((await api("GET", "organizations/acme/members/")).body as { id: string }[]).map((m) => m.id);
    expect(ids).toEqual(["101", "102", "103", "104", "105", "106", "107"]);
  });

  it("F15 filters by query keys; an unknown key answers [] with 200", async () => {
    const { api } = setup();
    expect(await api("GET", "organizations/acme/members/?query=bogus:1")).toMatchObject({ status: 200, body: [] });
    expect(
      ((await api("GET", "organizations/acme/members/?query=role:manager")).body as { id: string }[]).map((m) => m.id),
    ).toEqual(["103"]);
    expect(
      ((await api("GET", "organizations/acme/members/?query=isInvited:true")).body as { id: string }[]).map(
        (m) => m.id,
      ),
    ).toEqual(["105", "106"]);
    expect(
      ((await api("GET", "organizations/acme/members/?query=scope:member:admin")).body as { id: string }[]).map(
        (m) => m.id,
      ),
    ).toEqual(["101", "103"]);
    expect((await api("GET", "organizations/acme/members/?query=hasExternalUsers:true")).body).toEqual([]);
  });

  it("F16 email: matches invites case-sensitively and users in any case", async () => {
    const { api } = setup();
    const count = async (q: string) =>
      ((await api("GET", `organizations/acme/members/?query=${encodeURIComponent(q)}`)).body as unknown[]).length;
    expect(await count("email:BOB@example.com")).toBe(1);
    expect(await count("email:Frank@example.com")).toBe(0);
    expect(await count("email:frank@example.com")).toBe(1);
  });

  it("F17/F18 list items have exactly P1's keys; a pending invite has user null and is named by its email", async () => {
    const { api } = setup();
    const rows = (await api("GET", "organizations/acme/members/")).body as Record<string, unknown>[];
    const keys = [
      "dateCreated",
      "email",
      "expired",
      "flags",
      "id",
      "inviteStatus",
      "inviterName",
      "name",
      "orgRole",
      "pending",
      "role",
      "roleName",
      "user",
    ];
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(keys);
    expect(rows.find((r) => r["id"] === "106")).toMatchObject({
      email: "grace@example.com",
      name: "grace@example.com",
      user: null,
      pending: true,
      inviteStatus: "approved",
      flags: FLAGS,
    });
    const user = rows.find((r) => r["id"] === "101")?.["user"] as Record<string, unknown>;
    expect(user).toMatchObject({ email: "alice@example.com" });
    expect(user).not.toHaveProperty("emails");
    const expanded = (await api("GET", "organizations/acme/members/?expand=externalUsers")).body as Record<
      string,
      unknown
    >[];
    expect(expanded[0]).toHaveProperty("externalUsers", []);
  });

  it("F19 an invite expires 30 days after it was sent (injectable clock)", async () => {
    const invited = Date.parse("2026-01-02T00:00:00Z");
    const day = 24 * 3600 * 1000;
    for (const [now, expired] of [
      [invited + 29 * day, false],
      [invited + 31 * day, true],
    ] as const) {
      const { api } = setup(EXAMPLE, { now: () => now });
      expect(((await api("GET", "organizations/acme/members/105/")).body as { expired: boolean }).expired).toBe(
        expired,
      );
    }
  });
});

describe("fake Sentry: invite", () => {
  const invite = (api: ReturnType<typeof setup>["api"], body: unknown, token?: string) =>
    api("POST", "organizations/acme/members/", { body, ...(token ? { token } : {}) });

  it("F20/F22/F31 201 with the list-item shape, no teams, email as sent, memberships with null roles", async () => {
    const { api, fake } = setup();
    const answer = await invite(api, {
      email: "Carol@Example.com",
      orgRole: "member",
      role: "member",
      teamRoles: [{ teamSlug: "backend", role: "admin" }],
    });
    expect(answer).toMatchObject({
      status: 201,
      body: {
        email: "Carol@Example.com",
        name: "Carol@Example.com",
        user: null,
        pending: true,
        expired: false,
        inviteStatus: "approved",
      },
    });
    expect(answer.body).not.toHaveProperty("teams");
    expect(fake.state().members.at(-1)).toMatchObject({ teams: { backend: null } });
  });

  it("F21 role = orgRole ‖ role ‖ member; the legacy switch reads role only", async () => {
    const { api } = setup();
    expect((await invite(api, { email: "a1@example.com", orgRole: "manager", role: "member" })).body).toMatchObject({
      orgRole: "manager",
    });
    expect((await invite(api, { email: "a2@example.com", role: "manager" })).body).toMatchObject({
      orgRole: "manager",
    });
    expect((await invite(api, { email: "a3@example.com" })).body).toMatchObject({ orgRole: "member" });
    const legacy = setup(EXAMPLE, { switches: { inviteReadsRoleOnly: true } });
    expect((await invite(legacy.api, { email: "a4@example.com", orgRole: "manager" })).body).toMatchObject({
      orgRole: "member",
    });
  });

  it("F23 existing user → already a member (any case); pending invite → already been invited (case-sensitive)", async () => {
    const { api } = setup();
    expect((await invite(api, { email: "ALICE@example.com" })).body).toEqual({
      email: ["The user ALICE@example.com is already a member"],
    });
    expect((await invite(api, { email: "grace@example.com" })).body).toEqual({
      email: ["The user grace@example.com has already been invited"],
    });
    expect((await invite(api, { email: "Grace@example.com" })).status).toBe(201);
  });

  it("F24 a role above the caller → 400 under orgRole and role", async () => {
    const { api } = setup();
    const answer = await invite(api, { email: "x@example.com", orgRole: "owner", role: "owner" }, MANAGER);
    expect(answer).toMatchObject({
      status: 400,
      body: { orgRole: ["You do not have permission to set that org-level role"], role: expect.any(Array) },
    });
  });

  it("F25 unknown team → Invalid teams; unknown team role → Invalid team-role", async () => {
    const { api } = setup();
    expect((await invite(api, { email: "x@example.com", teamRoles: [{ teamSlug: "nope", role: null }] })).body).toEqual(
      { teamRoles: ["Invalid teams"] },
    );
    expect(
      (await invite(api, { email: "x@example.com", teamRoles: [{ teamSlug: "backend", role: "member" }] })).body,
    ).toEqual({ teamRoles: ["Invalid team-role"] });
    expect((await invite(api, { email: "x@example.com", teams: ["nope"] })).body).toEqual({ teams: ["Invalid teams"] });
  });

  it("F26 a team-less role with teams → 400 with a string under email", async () => {
    const { api } = setup();
    expect((await invite(api, { email: "x@example.com", orgRole: "billing", teams: ["backend"] })).body).toEqual({
      email: "The user with a 'billing' role cannot have team-level permissions.",
    });
  });

  it("F27 a member may invite to its own teams only when Open Membership is off", async () => {
    const { api } = setup();
    expect(await invite(api, { email: "x@example.com", teams: ["frontend"] }, MEMBER)).toMatchObject({ status: 201 });
    expect(await invite(api, { email: "y@example.com", teams: ["platform"] }, MEMBER)).toMatchObject({
      status: 400,
      body: { detail: "You cannot assign members to teams you are not a member of." },
    });
    const closed = setup(seedWith((s) => ({ ...s, organization: { ...s.organization, allowMemberInvite: false } })));
    expect((await invite(closed.api, { email: "z@example.com" }, MEMBER)).status).toBe(403);
  });

  it("F28 an integration token invites members only, else 400 with a bare list", async () => {
    const { api } = setup();
    expect(await invite(api, { email: "x@example.com", orgRole: "manager" }, INTEGRATION)).toMatchObject({
      status: 400,
      body: ["Integration tokens are restricted to inviting new members with the member role only."],
    });
    expect((await invite(api, { email: "x@example.com" }, INTEGRATION)).status).toBe(201);
  });

  it("F29 inviting deletes invite and join requests for that email", async () => {
    const { api, fake } = setup(seedWith((s) => ({ ...s, inviteRequests: [{ id: "1", email: "req@example.com" }] })));
    await invite(api, { email: "req@example.com" });
    expect(fake.state().inviteRequests).toEqual([]);
  });

  it("F30 the caps switch answers 429 'too many invitations' with Remaining above 0", async () => {
    const { api } = setup(EXAMPLE, { switches: { inviteCaps: true }, membersIndexLimit: 1000 });
    for (let i = 0; i < 10; i += 1) {
      await api("POST", "organizations/acme/members/", { body: { email: "cap@example.com" } });
      await api("DELETE", `organizations/acme/members/${108 + i}/`);
    }
    const capped = await invite(api, { email: "cap@example.com" });
    expect(capped).toMatchObject({
      status: 429,
      body: { detail: "You are being rate limited for too many invitations." },
    });
    expect(Number(capped.headers.get("x-sentry-rate-limit-remaining"))).toBeGreaterThan(0);
  });

  it("refuses invites when the org lacks invite-members", async () => {
    const { api } = setup(seedWith((s) => ({ ...s, organization: { ...s.organization, features: ["team-roles"] } })));
    expect(await invite(api, { email: "x@example.com" })).toMatchObject({
      status: 403,
      body: { organization: "Your organization is not allowed to invite members" },
    });
  });
});

describe("fake Sentry: member details and PUT", () => {
  it("F32 GET adds teams, teamRoles, isOnlyOwner and the role lists (P2), without invite_link", async () => {
    const { api } = setup();
    const body = (await api("GET", "organizations/acme/members/102/")).body as Record<string, unknown>;
    expect(body).toMatchObject({
      teams: ["backend", "frontend"],
      teamRoles: [
        { teamSlug: "backend", role: "admin" },
        { teamSlug: "frontend", role: null },
      ],
      isOnlyOwner: false,
    });
    expect((body["orgRoleList"] as { id: string }[]).map((r) => r.id)).toEqual([
      "billing",
      "member",
      "admin",
      "manager",
      "owner",
    ]);
    expect(body["roles"]).toEqual(body["orgRoleList"]);
    expect(body).toHaveProperty("teamRoleList");
    expect(body).not.toHaveProperty("invite_link");
    expect(((await api("GET", "organizations/acme/members/101/")).body as { isOnlyOwner: boolean }).isOnlyOwner).toBe(
      true,
    );
  });

  it("F33 a pending invite's user is {} for member:admin callers, null otherwise", async () => {
    const { api } = setup();
    expect(((await api("GET", "organizations/acme/members/105/")).body as { user: unknown }).user).toEqual({});
    expect(
      ((await api("GET", "organizations/acme/members/105/", { token: READONLY })).body as { user: unknown }).user,
    ).toBeNull();
  });

  it("F34 orgRoleList[].allowed goes up to the caller's role, only with member:admin", async () => {
    const { api } = setup();
    const allowed = async (token: string) =>
      (
        (await api("GET", "organizations/acme/members/102/", { token })).body as {
          orgRoleList: { id: string; allowed: boolean }[];
        }
      ).orgRoleList
        .filter((r) => r.allowed)
        .map((r) => r.id);
    expect(await allowed(OWNER)).toEqual(["billing", "member", "admin", "manager", "owner"]);
    expect(await allowed(MANAGER)).toEqual(["billing", "member", "admin", "manager"]);
    expect(await allowed(READONLY)).toEqual([]);
  });

  it("F35 teams are saved before the role check and stay saved when it fails", async () => {
    const { api, fake } = setup();
    const answer = await api("PUT", "organizations/acme/members/101/", {
      body: { orgRole: "member", teamRoles: [{ teamSlug: "frontend", role: null }] },
    });
    expect(answer.status).toBe(400);
    expect(fake.state().members.find((m) => m.id === "101")?.teams).toEqual({ frontend: null });
  });

  it("F36 a PUT without teamRoles or teams clears every team (docs/sentry-behaviour.md T2)", async () => {
    const { api, fake } = setup();
    expect((await api("PUT", "organizations/acme/members/102/", { body: { orgRole: "manager" } })).status).toBe(200);
    expect(fake.state().members.find((m) => m.id === "102")).toMatchObject({ role: "manager", teams: {} });
  });

  it("F37 without team-roles, PUT teamRoles roles become null", async () => {
    const { api, fake } = setup(
      seedWith((s) => ({ ...s, organization: { ...s.organization, features: ["invite-members"] } })),
    );
    await api("PUT", "organizations/acme/members/107/", {
      body: { teamRoles: [{ teamSlug: "backend", role: "admin" }] },
    });
    expect(fake.state().members.find((m) => m.id === "107")?.teams).toEqual({ backend: null });
  });

  it("F38 a team-less resulting role with teams → 400", async () => {
    const { api } = setup();
    expect(
      await api("PUT", "organizations/acme/members/102/", {
        body: { orgRole: "billing", teamRoles: [{ teamSlug: "backend", role: null }] },
      }),
    ).toMatchObject({
      status: 400,
      body: { detail: "The user with a 'billing' role cannot have team-level permissions." },
    });
  });

  it("F39 a target above the caller → 403 with a string under role", async () => {
    const { api } = setup();
    expect(
      (
        await api("PUT", "organizations/acme/members/101/", {
          token: MANAGER,
          body: { orgRole: "manager", teamRoles: [] },
        })
      ).status,
    ).toBe(403);
  });

  it("F40 changing your own role → 400", async () => {
    const { api } = setup();
    expect(
      await api("PUT", "organizations/acme/members/103/", {
        token: MANAGER,
        body: { orgRole: "member", teamRoles: [] },
      }),
    ).toMatchObject({
      status: 400,
      body: { detail: "You cannot make changes to your own role." },
    });
  });

  it("F41 admin is retired on team-roles orgs", async () => {
    const { api } = setup();
    expect(
      await api("PUT", "organizations/acme/members/102/", { body: { orgRole: "admin", teamRoles: [] } }),
    ).toMatchObject({
      status: 400,
      body: { detail: "The role 'admin' is deprecated and may no longer be assigned." },
    });
  });

  it("F42 re-invite: alone in the body, regenerate renews an expired invite, full members refused", async () => {
    const { api, fake } = setup();
    expect(
      await api("PUT", "organizations/acme/members/105/", {
        body: { reinvite: true, regenerate: true, teamRoles: [] },
      }),
    ).toMatchObject({
      status: 403,
      body: {
        detail: "You cannot modify member details when resending an invitation. Separate requests are required.",
      },
    });
    expect(await api("PUT", "organizations/acme/members/105/", { body: { reinvite: true } })).toMatchObject({
      status: 400,
      body: { detail: "You cannot resend an expired invitation without regenerating the token." },
    });
    expect(
      await api("PUT", "organizations/acme/members/102/", { body: { reinvite: true, regenerate: true } }),
    ).toMatchObject({
      status: 400,
      body: { detail: "You cannot send an invitation to a user who is already a full member." },
    });
    expect(
      await api("PUT", "organizations/acme/members/105/", { body: { reinvite: true, regenerate: true } }),
    ).toMatchObject({ status: 200, body: { expired: false } });
    expect(fake.state().members.find((m) => m.id === "105")?.invitedAt).toBe(new Date(MARCH).toISOString());
  });

  it("F43 idp:role-restricted does not block role changes; the legacy switch answers 403", async () => {
    const seed = seedWith((s) => ({
      ...s,
      members: s.members.map((m) => (m.id === "107" ? { ...m, flags: { "idp:role-restricted": true } } : m)),
    }));
    expect(
      (await setup(seed).api("PUT", "organizations/acme/members/107/", { body: { orgRole: "manager", teamRoles: [] } }))
        .status,
    ).toBe(200);
    expect(
      (
        await setup(seed, { switches: { idpRoleRestrictedBlocks: true } }).api(
          "PUT",
          "organizations/acme/members/107/",
          { body: { orgRole: "manager", teamRoles: [] } },
        )
      ).status,
    ).toBe(403);
  });

  it("F44 partnership:restricted → 403 on PUT and DELETE", async () => {
    const seed = seedWith((s) => ({
      ...s,
      members: s.members.map((m) => (m.id === "107" ? { ...m, flags: { "partnership:restricted": true } } : m)),
    }));
    const { api } = setup(seed);
    expect(
      (await api("PUT", "organizations/acme/members/107/", { body: { orgRole: "manager", teamRoles: [] } })).status,
    ).toBe(403);
    expect((await api("DELETE", "organizations/acme/members/107/")).status).toBe(403);
  });
});

describe("fake Sentry: member DELETE", () => {
  it("F45 204 with an empty body", async () => {
    const { api } = setup();
    expect(await api("DELETE", "organizations/acme/members/107/")).toMatchObject({ status: 204, body: undefined });
  });

  it("F46 anyone may delete itself with member:read", async () => {
    const { api } = setup();
    expect((await api("DELETE", "organizations/acme/members/102/", { token: MEMBER })).status).toBe(204);
  });

  it("F47 a lower caller, or a caller that is no member, → 400 'more access'", async () => {
    const { api } = setup();
    const more = { status: 400, body: { detail: "You cannot remove a member who has more access than you." } };
    expect(await api("DELETE", "organizations/acme/members/101/", { token: MANAGER })).toMatchObject(more);
    expect(await api("DELETE", "organizations/acme/members/107/", { token: INTEGRATION })).toMatchObject(more);
  });

  it("F48 a non-admin deleting others → 400 missing member:admin; someone else's invite → 400", async () => {
    const { api } = setup();
    expect(await api("DELETE", "organizations/acme/members/107/", { token: MEMBER })).toMatchObject({
      status: 400,
      body: { detail: "You are missing the member:admin scope." },
    });
    expect(await api("DELETE", "organizations/acme/members/105/", { token: MEMBER })).toMatchObject({
      status: 400,
      body: { detail: "You cannot modify invitations sent by someone else." },
    });
  });

  it("F49 the last owner or manager → 403 (pending invites do not count); legacy text switch", async () => {
    const { api } = setup();
    await api("DELETE", "organizations/acme/members/103/");
    expect(await api("DELETE", "organizations/acme/members/101/")).toMatchObject({
      status: 403,
      body: { detail: "You cannot remove the only remaining owner or manager of the organization." },
    });
    const legacy = setup(EXAMPLE, { switches: { legacyLastOwnerText: true } });
    await legacy.api("DELETE", "organizations/acme/members/103/");
    expect((await legacy.api("DELETE", "organizations/acme/members/101/")).body).toEqual({
      detail: "You cannot remove the only remaining owner of the organization.",
    });
  });

  it("F50 idp:provisioned members cannot be deleted", async () => {
    const { api } = setup();
    expect(await api("DELETE", "organizations/acme/members/104/")).toMatchObject({
      status: 403,
      body: { detail: "This user is managed through your organization's identity provider." },
    });
  });

  it("F51 removing a member deletes the invites and invite requests it sent", async () => {
    const seed = seedWith((s) => ({
      ...s,
      inviteRequests: [{ id: "1", email: "r@example.com", inviterId: "103" }],
      members: s.members.map((m) => (m.id === "105" ? { ...m, inviterId: "103" } : m)),
    }));
    const { api, fake } = setup(seed);
    await api("DELETE", "organizations/acme/members/103/");
    expect(fake.state().members.map((m) => m.id)).toEqual(["101", "102", "104", "106", "107"]);
    expect(fake.state().inviteRequests).toEqual([]);
  });
});

describe("fake Sentry: team membership", () => {
  it("F52 POST: billing 403, already 204 (empty), idp team 403, else 201 + Team", async () => {
    const seed = seedWith((s) => ({
      ...s,
      members: [...s.members, { id: "108", email: "pay@example.com", role: "billing" }],
    }));
    const { api } = setup(seed);
    expect((await api("POST", "organizations/acme/members/108/teams/backend/")).status).toBe(403);
    expect(await api("POST", "organizations/acme/members/102/teams/backend/")).toMatchObject({
      status: 204,
      body: undefined,
    });
    expect((await api("POST", "organizations/acme/members/107/teams/platform/")).status).toBe(403);
    expect(await api("POST", "organizations/acme/members/107/teams/backend/")).toMatchObject({
      status: 201,
      body: { slug: "backend" },
    });
  });

  it("F53 202 with an empty body when Open Membership is off and the caller is not a team admin", async () => {
    const { api, fake } = setup();
    expect(await api("POST", "organizations/acme/members/107/teams/frontend/", { token: MEMBER })).toMatchObject({
      status: 202,
      body: undefined,
    });
    expect(fake.state().members.find((m) => m.id === "107")?.teams).toEqual({});
    expect((await api("POST", "organizations/acme/members/107/teams/backend/", { token: MEMBER })).status).toBe(201);
    const open = setup(seedWith((s) => ({ ...s, organization: { ...s.organization, openMembership: true } })));
    expect((await open.api("POST", "organizations/acme/members/107/teams/frontend/", { token: MEMBER })).status).toBe(
      201,
    );
  });

  it("F54 Team JSON describes the caller; memberCount counts invitees", async () => {
    const { api } = setup();
    const teams = (await api("GET", "organizations/acme/teams/?detailed=0", { token: MEMBER })).body as Record<
      string,
      unknown
    >[];
    expect(teams.find((t) => t["slug"] === "backend")).toMatchObject({
      isMember: true,
      teamRole: "admin",
      memberCount: 2,
    });
    expect(teams.find((t) => t["slug"] === "frontend")).toMatchObject({
      isMember: true,
      teamRole: null,
      memberCount: 3,
    });
  });

  it("F55 DELETE → 200 + Team, even when not on the team; no rights → 400", async () => {
    const { api } = setup();
    expect(await api("DELETE", "organizations/acme/members/107/teams/backend/")).toMatchObject({
      status: 200,
      body: { slug: "backend" },
    });
    expect(await api("DELETE", "organizations/acme/members/103/teams/frontend/", { token: MEMBER })).toMatchObject({
      status: 400,
      body: { detail: "You do not have permission to edit that user's membership." },
    });
  });

  it("F56 team-role PUT: stored value back, null at the minimum, 404 off the team, ignored without team-roles", async () => {
    const { api } = setup();
    expect(await api("PUT", "organizations/acme/members/102/teams/frontend/", { body: { teamRole: "admin" } })).toEqual(
      expect.objectContaining({ status: 200, body: { isActive: true, teamRole: "admin" } }),
    );
    expect(
      (await api("PUT", "organizations/acme/members/103/teams/frontend/", { body: { teamRole: "admin" } })).body,
    ).toEqual({ isActive: true, teamRole: null });
    expect(
      (await api("PUT", "organizations/acme/members/107/teams/frontend/", { body: { teamRole: "admin" } })).status,
    ).toBe(404);
    expect(
      await api("PUT", "organizations/acme/members/102/teams/frontend/", { body: { teamRole: "boss" } }),
    ).toMatchObject({ status: 400, body: { teamRole: ['"boss" is not a valid choice.'] } });
    const plain = setup(seedWith((s) => ({ ...s, organization: { ...s.organization, features: ["invite-members"] } })));
    expect(
      (await plain.api("PUT", "organizations/acme/members/102/teams/frontend/", { body: { teamRole: "admin" } })).body,
    ).toEqual({ isActive: true, teamRole: null });
  });

  it("F57 team members: member fields plus teamRole and teamSlug, invitees first (P3)", async () => {
    const { api } = setup();
    const rows = (await api("GET", "teams/acme/frontend/members/")).body as Record<string, unknown>[];
    expect(rows.map((r) => r["id"])).toEqual(["106", "102", "103"]);
    expect(rows[1]).toMatchObject({ email: "bob@example.com", teamRole: null, teamSlug: "frontend", flags: FLAGS });
  });

  it("F58 teams by slug; detailed=0 drops projects; unknown query key → []; bad id → 400", async () => {
    const { api } = setup();
    const detailed = (await api("GET", "organizations/acme/teams/")).body as Record<string, unknown>[];
    const lean = (await api("GET", "organizations/acme/teams/?detailed=0")).body as Record<string, unknown>[];
    expect(lean.map((t) => t["slug"])).toEqual(["backend", "frontend", "platform"]);
    expect(detailed[0]).toHaveProperty("projects");
    expect(lean[0]).not.toHaveProperty("projects");
    expect(lean[0]).not.toHaveProperty("externalTeams");
    expect((await api("GET", "organizations/acme/teams/?query=nope:1")).body).toEqual([]);
    expect(await api("GET", "organizations/acme/teams/?query=id:abc")).toMatchObject({
      status: 400,
      body: { detail: "Invalid id value" },
    });
  });
});

describe("fake Sentry: rate limits", () => {
  it("F59 rate-limit headers on every answer, Reset in epoch seconds; Concurrent headers when set", async () => {
    const { api } = setup(EXAMPLE, { concurrentLimit: 25 });
    const answer = await api("GET", "organizations/acme/members/");
    expect(answer.headers.get("x-sentry-rate-limit-limit")).toBe("40");
    expect(answer.headers.get("x-sentry-rate-limit-remaining")).toBe("39");
    expect(answer.headers.get("x-sentry-rate-limit-reset")).toBe(String(MARCH / 1000 + 1));
    expect(answer.headers.get("x-sentry-rate-limit-concurrentlimit")).toBe("25");
    expect(answer.headers.get("x-sentry-rate-limit-concurrentremaining")).toBe("24");
  });

  it("F59 counts a request as in flight from arrival to answer, latency included; above ConcurrentLimit → 429", async () => {
    const { fake, api } = setup(EXAMPLE, { concurrentLimit: 3 });
    fake.faults.setLatency(30);
    const answers = await Promise.all(Array.from({ length: 4 }, () => api("GET", "organizations/acme/teams/")));
    expect(fake.peakInFlight).toBe(4);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 429]);
    const refused = answers.find((a) => a.status === 429);
    expect(refused?.body).toEqual({ detail: "You are attempting to go above the allowed concurrency for this endpoint. Concurrency limit is 3" });
    expect(refused?.headers.get("x-sentry-rate-limit-concurrentremaining")).toBe("0");
    fake.clearLog();
    expect(fake.peakInFlight).toBe(0);
  });

  it("F60 the members index allows 40 per second, then 429 with Remaining 0; bare-string switch", async () => {
    const { api } = setup();
    for (let i = 0; i < 40; i += 1) expect((await api("GET", "organizations/acme/members/")).status).toBe(200);
    const limited = await api("GET", "organizations/acme/members/");
    expect(limited).toMatchObject({ status: 429, body: { detail: expect.stringContaining("too frequently") } });
    expect(limited.headers.get("x-sentry-rate-limit-remaining")).toBe("0");
    const bare = setup(EXAMPLE, { membersIndexLimit: 1, bare429: true });
    await bare.api("GET", "organizations/acme/members/");
    expect((await bare.api("GET", "organizations/acme/members/")).body).toEqual(
      expect.stringContaining("too frequently"),
    );
  });

  it("F61 never sends Retry-After", async () => {
    const { api } = setup(EXAMPLE, { membersIndexLimit: 0 });
    expect((await api("GET", "organizations/acme/members/")).headers.get("retry-after")).toBeNull();
  });

  it("F62 self-hosted: no rate-limit headers and no 429", async () => {
    const { api } = setup(
      seedWith((s) => ({ ...s, organization: { ...s.organization, mode: "self-hosted" } })),
      { membersIndexLimit: 0 },
    );
    const answer = await api("GET", "organizations/acme/members/");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-sentry-rate-limit-limit")).toBeNull();
  });
});

describe("fake Sentry: roles", () => {
  it("F63 priorities: a manager assigns up to manager, never owner", async () => {
    const { api } = setup();
    expect(
      (
        await api("PUT", "organizations/acme/members/107/", {
          token: MANAGER,
          body: { orgRole: "manager", teamRoles: [] },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await api("PUT", "organizations/acme/members/102/", {
          token: MANAGER,
          body: { orgRole: "owner", teamRoles: [] },
        })
      ).status,
    ).toBe(400);
  });

  it("F64 the minimum team role is admin for owner/manager/admin and contributor for member", async () => {
    const { api } = setup();
    expect(
      (await api("PUT", "organizations/acme/members/101/teams/backend/", { body: { teamRole: "admin" } })).body,
    ).toEqual({ isActive: true, teamRole: null });
    expect(
      (await api("PUT", "organizations/acme/members/102/teams/frontend/", { body: { teamRole: "contributor" } })).body,
    ).toEqual({ isActive: true, teamRole: null });
  });

  it("F65 seeds never make SCIM members owners", () => {
    const seed = readSeedFile(EXAMPLE);
    expect(seed.members.filter((m) => m.flags?.["idp:provisioned"] && m.role === "owner")).toEqual([]);
    expect(
      generateOrg({ members: 500, teams: 5 }).members.filter((m) => m.flags?.["idp:provisioned"] && m.role === "owner"),
    ).toEqual([]);
  });
});

describe("fake Sentry: additions", () => {
  it("X1 team create: 201, creator added, 409 on a taken slug", async () => {
    const { api, fake } = setup();
    expect(await api("POST", "organizations/acme/teams/", { body: { slug: "mobile", name: "Mobile" } })).toMatchObject({
      status: 201,
      body: { slug: "mobile", isMember: true },
    });
    expect(fake.state().members.find((m) => m.id === "101")?.teams).toHaveProperty("mobile", null);
    expect(await api("POST", "organizations/acme/teams/", { body: { slug: "mobile" } })).toMatchObject({
      status: 409,
      body: {
        non_field_errors: ["A team with this slug already exists."],
        detail: "A team with this slug already exists.",
      },
    });
  });

  it("X2 org details carry openMembership, features and the role lists", async () => {
    const { api } = setup();
    expect((await api("GET", "organizations/acme/?detailed=0&include_feature_flags=1")).body).toMatchObject({
      slug: "acme",
      openMembership: false,
      allowMemberInvite: true,
      features: ["invite-members", "team-roles"],
      orgRoleList: expect.arrayContaining([expect.objectContaining({ id: "admin", isRetired: true })]),
    });
  });

  it("X3 seeds load from a fixture path and come back from state()", () => {
    const { fake } = setup();
    expect(fake.state().members).toHaveLength(7);
    expect(fake.state().organization).toMatchObject({ slug: "acme", mode: "sentry.io" });
  });

  it("X4 delays only the answers a latency match names, and clear() removes the delay", () => {
    const faults = new Faults();
    faults.setLatency(2_000, { method: "POST" });
    expect(faults.latencyFor("GET", "/api/0/organizations/acme/members/")).toBe(0);
    expect(faults.latencyFor("POST", "/api/0/organizations/acme/members/")).toBe(2_000);
    faults.setLatency(40);
    expect(faults.latencyFor("GET", "/api/0/organizations/acme/members/")).toBe(40);
    faults.clear();
    expect(faults.latencyFor("PUT", "/api/0/organizations/acme/members/101/")).toBe(0);
  });

  it("X4 logs every request without the token, and fails the next N on demand", async () => {
    const { api, fake } = setup();
    fake.faults.failNext(2, "503", { path: "/members/" });
    expect((await api("GET", "organizations/acme/members/")).status).toBe(503);
    expect((await api("GET", "organizations/acme/members/")).status).toBe(503);
    expect((await api("GET", "organizations/acme/members/")).status).toBe(200);
    fake.faults.failNext(1, "reset");
    await expect(api("GET", "organizations/acme/")).rejects.toThrow("fetch failed");
    expect(fake.requests.map((r) => r.status)).toEqual([503, 503, 200, "reset"]);
    expect(JSON.stringify(fake.requests)).not.toContain(OWNER);
    expect(fake.requests[0]).toMatchObject({
      method: "GET",
      path: "/api/0/organizations/acme/members/",
      auth: "Bearer [redacted]",
    });
  });

  it("X4 fail-after-commit applies the write, then loses the answer", async () => {
    const { api, fake } = setup();
    fake.faults.failAfterCommit(1, "500", { method: "DELETE" });
    expect((await api("DELETE", "organizations/acme/members/107/")).status).toBe(500);
    expect(fake.state().members.some((m) => m.id === "107")).toBe(false);
  });

  it("X4 random faults are deterministic from the seed and let a persistent client through", async () => {
    const run = async () => {
      const { api, fake } = setup(EXAMPLE, {
        randomFaults: { rate: 0.5, kinds: ["500", "429"], seed: 9, maxPerRequest: 2 },
      });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await api("GET", "organizations/acme/teams/")).status);
      expect(fake.requests).toHaveLength(3);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first[2]).toBe(200);
  });

  it("X4 a 429 fault names the fake's current second as Reset, so clients wait ~0", async () => {
    const { api, fake } = setup();
    fake.faults.failNext(1, "429");
    const answer = await api("GET", "organizations/acme/members/");
    expect(answer.status).toBe(429);
    expect(answer.headers.get("x-sentry-rate-limit-reset")).toBe(String(MARCH / 1000));
    expect(answer.headers.get("x-sentry-rate-limit-remaining")).toBe("0");
  });

  it("X4 random after-commit faults apply the write and lose the answer, rolled afresh on every attempt", async () => {
    const { api, fake } = setup(EXAMPLE, { randomFaults: { rate: 0, kinds: [], seed: 3, afterCommitRate: 1 } });
    const status = await api("POST", "organizations/acme/members/105/teams/backend/").then(
      (answer) => answer.status,
      () => "reset",
    );
    expect([500, "reset"]).toContain(status);
    // The write took effect although its answer was lost; reads are never hit.
    expect(fake.state().members.find((m) => m.id === "105")?.teams).toHaveProperty("backend");
    expect((await api("GET", "organizations/acme/teams/")).status).toBe(200);
  });

  it("X4 429 bursts: of every N requests the first few answer 429 with Reset = the next second", async () => {
    const { api, fake } = setup(EXAMPLE, { randomFaults: { rate: 0, kinds: [], burst429: { every: 4, length: 2 } } });
    const answers = [];
    for (let i = 0; i < 8; i += 1) answers.push(await api("GET", "organizations/acme/teams/"));
    expect(answers.map((a) => a.status)).toEqual([429, 429, 200, 200, 429, 429, 200, 200]);
    expect(answers[0]?.headers.get("x-sentry-rate-limit-reset")).toBe(String(MARCH / 1000 + 1));
    expect(fake.requests).toHaveLength(8);
  });

  it("X5 require 2FA turns members without 2FA into pending invites with the same id", async () => {
    const seed = seedWith((s) => ({
      ...s,
      members: s.members.map((m) => (m.id === "107" ? { ...m, has2fa: false } : m)),
    }));
    const { api, fake } = setup(seed);
    fake.require2FA();
    expect((await api("GET", "organizations/acme/members/107/")).body).toMatchObject({
      id: "107",
      email: "ci-bot@example.com",
      pending: true,
    });
  });

  it("counts the TCP connections it accepts, a reused one once; clearLog starts the count again", async () => {
    const fake = await startFakeSentry(EXAMPLE);
    try {
      // agent false: a new connection per request; a keep-alive agent: one connection for both.
      const get = (agent: Agent | false) =>
        new Promise<void>((resolve, reject) => {
          httpGet(`${fake.url}/api/0/organizations/acme/`, { agent, headers: { Authorization: `Bearer ${OWNER}` } }, (answer) => answer.resume().on("end", resolve)).on("error", reject);
        });
      await get(false);
      await get(false);
      expect(fake.connections).toBe(2);
      fake.clearLog();
      expect(fake.connections).toBe(0);
      const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
      await get(keepAlive);
      await get(keepAlive);
      keepAlive.destroy();
      expect(fake.connections).toBe(1);
    } finally {
      await fake.close();
    }
  });

  it("compresses answers with gzip, when asked and only for a client that accepts it", async () => {
    const fake = await startFakeSentry(EXAMPLE, { contentEncoding: "gzip" });
    const plain = await startFakeSentry(EXAMPLE);
    try {
      const get = (url: string, acceptEncoding: string) =>
        new Promise<{ coding: string | undefined; body: Buffer }>((resolve, reject) => {
          httpGet(`${url}/api/0/organizations/acme/`, { headers: { Authorization: `Bearer ${OWNER}`, "Accept-Encoding": acceptEncoding } }, (answer) => {
            const chunks: Buffer[] = [];
            answer.on("data", (chunk: Buffer) => chunks.push(chunk)).on("end", () => resolve({ coding: answer.headers["content-encoding"], body: Buffer.concat(chunks) }));
          }).on("error", reject);
        });
      const zipped = await get(fake.url, "gzip, deflate, br");
      expect(zipped.coding).toBe("gzip");
      expect(JSON.parse(gunzipSync(zipped.body).toString("utf8"))).toMatchObject({ slug: "acme" });
      for (const refused of ["identity", "gzip;q=0", "br"]) {
        const asIs = await get(fake.url, refused);
        expect(asIs.coding).toBeUndefined();
        expect(JSON.parse(asIs.body.toString("utf8"))).toMatchObject({ slug: "acme" });
      }
      expect((await get(plain.url, "gzip")).coding).toBeUndefined();
    } finally {
      await fake.close();
      await plain.close();
    }
  });

  it("serves the same over real HTTP on 127.0.0.1, under a path prefix", async () => {
    const fake = await startFakeSentry(EXAMPLE, { pathPrefix: "/sentry" });
    try {
      expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sentry$/);
      const answer = await fetch(`${fake.url}/api/0/organizations/acme/`, {
        headers: { Authorization: `Bearer ${OWNER}` },
      });
      expect(answer.status).toBe(200);
      expect((await fetch(`${fake.url.replace("/sentry", "")}/api/0/organizations/acme/`)).status).toBe(404);
      fake.faults.failNext(1, "reset");
      await expect(
        fetch(`${fake.url}/api/0/organizations/acme/`, { headers: { Authorization: `Bearer ${OWNER}` } }),
      ).rejects.toThrow();
    } finally {
      await fake.close();
    }
  });
});

describe("fake Sentry: corrected facts (docs/sentry-behaviour.md)", () => {
  /** An owner token that lacks org:write: Sentry still decides team edits by the owner's role. */
  const OWNER_NO_ORG_WRITE = "sntryu_owner_nowrite_0123456789abcdef";
  /** A member who is team admin of backend, and a manager, each with a token. */
  const TEAM_ADMIN = "sntryu_teamadmin_0123456789abcdef";
  const roleSeed = () =>
    seedWith((s) => ({
      ...s,
      tokens: [
        ...s.tokens,
        { token: OWNER_NO_ORG_WRITE, kind: "user", memberId: "101", scopes: ["org:read", "member:read", "team:read", "team:write"] },
        { token: TEAM_ADMIN, kind: "user", memberId: "102", scopes: ["org:read", "member:read", "team:read", "team:write", "team:admin"] },
      ],
    }));

  it("E10 a direct team add is decided by the caller's org role or team admin, not the token's org:write", async () => {
    const { api, fake } = setup(roleSeed());
    expect((await api("POST", "organizations/acme/members/107/teams/frontend/", { token: OWNER_NO_ORG_WRITE })).status).toBe(201);
    expect(fake.state().members.find((m) => m.id === "107")?.teams).toEqual({ frontend: null });
    // Bob is a member but team admin of backend: direct there, an access request elsewhere.
    expect((await api("POST", "organizations/acme/members/107/teams/backend/", { token: TEAM_ADMIN })).status).toBe(201);
    expect((await api("DELETE", "organizations/acme/members/107/teams/frontend/")).status).toBe(200);
    expect((await api("POST", "organizations/acme/members/107/teams/frontend/", { token: TEAM_ADMIN })).status).toBe(202);
  });

  it("E12 removal from a team is decided by the caller's org role; the permission check comes before the SCIM one", async () => {
    const { api } = setup(roleSeed());
    expect((await api("DELETE", "organizations/acme/members/103/teams/frontend/", { token: OWNER_NO_ORG_WRITE })).status).toBe(200);
    // A member who is no team admin of platform: 400 (permission) before 403 (SCIM team).
    expect(await api("DELETE", "organizations/acme/members/104/teams/platform/", { token: TEAM_ADMIN })).toMatchObject({
      status: 400,
      body: { detail: "You do not have permission to edit that user's membership." },
    });
    expect(await api("DELETE", "organizations/acme/members/104/teams/platform/")).toMatchObject({
      status: 403,
      body: { detail: "This team is managed through your organization's identity provider." },
    });
  });

  it("E11 sets a pending invitee's team role right after the invite", async () => {
    const { api, fake } = setup();
    const invited = await api("POST", "organizations/acme/members/", {
      body: { email: "new@example.com", orgRole: "member", role: "member", teamRoles: [{ teamSlug: "backend", role: null }] },
    });
    const id = (invited.body as { id: string }).id;
    expect(await api("PUT", `organizations/acme/members/${id}/teams/backend/`, { body: { teamRole: "admin" } })).toMatchObject({
      status: 200,
      body: { isActive: true, teamRole: "admin" },
    });
    expect(fake.state().members.find((m) => m.id === id)).toMatchObject({ pending: true, teams: { backend: "admin" } });
  });

  it("E11 without team-roles skips its permission check: 200 whatever the caller, nothing stored", async () => {
    const plain = setup(seedWith((s) => ({ ...s, organization: { ...s.organization, features: ["invite-members"] } })));
    // Bob (member, not team admin of frontend) would get 400 on a team-roles org.
    expect(await plain.api("PUT", "organizations/acme/members/103/teams/frontend/", { token: MEMBER, body: { teamRole: "admin" } })).toMatchObject({
      status: 200,
      body: { isActive: true, teamRole: null },
    });
    const { api } = setup();
    expect((await api("PUT", "organizations/acme/members/103/teams/frontend/", { token: MEMBER, body: { teamRole: "admin" } })).status).toBe(400);
  });

  it("E13 serializes teams and projects unless detailed=0; features only with include_feature_flags=1", async () => {
    const { api } = setup();
    const full = (await api("GET", "organizations/acme/")).body as Record<string, unknown>;
    expect(full).toHaveProperty("teams");
    expect(full).toHaveProperty("projects");
    expect(full).not.toHaveProperty("features");
    const lean = (await api("GET", "organizations/acme/?detailed=0")).body as Record<string, unknown>;
    expect(lean).not.toHaveProperty("teams");
    expect(lean).not.toHaveProperty("projects");
    expect(lean).not.toHaveProperty("features");
    const flagged = (await api("GET", "organizations/acme/?detailed=0&include_feature_flags=1")).body as Record<string, unknown>;
    expect(flagged["features"]).toEqual(["invite-members", "team-roles"]);
    expect(flagged).not.toHaveProperty("teams");
  });

  const aliasSeed = () =>
    seedWith((s) => ({
      ...s,
      members: s.members.map((m) => (m.id === "102" ? { ...m, emails: ["Bob.Jones@Example.com", "bj@old.example"] } : m)),
    }));

  it("E5 an invite for any email of a member's account is 'already a member', whatever the case", async () => {
    const { api } = setup(aliasSeed());
    for (const email of ["bob.jones@example.com", "BJ@old.example"]) {
      expect(await api("POST", "organizations/acme/members/", { body: { email, orgRole: "member", role: "member" } })).toMatchObject({
        status: 400,
        body: { email: [`The user ${email} is already a member`] },
      });
    }
  });

  it("T8 members search email: finds an account by a secondary email; invites only as sent", async () => {
    const { api } = setup(aliasSeed());
    const ids = async (query: string) =>
      ((await api("GET", `organizations/acme/members/?query=${encodeURIComponent(query)}`)).body as { id: string }[]).map((m) => m.id);
    expect(await ids("email:bj@OLD.example")).toEqual(["102"]);
    expect(await ids("email:bob.jones@example.com")).toEqual(["102"]);
    expect(await ids("email:Frank@example.com")).toEqual([]);
    expect(await ids("email:frank@example.com")).toEqual(["105"]);
  });

  it("T33 several email: values in one search are a list: any of them matches; other keys still narrow", async () => {
    const { api } = setup(aliasSeed());
    const ids = async (query: string) =>
      ((await api("GET", `organizations/acme/members/?query=${encodeURIComponent(query)}`)).body as { id: string }[]).map((m) => m.id);
    expect(await ids("email:bj@old.example email:dave@example.com email:nobody@example.com")).toEqual(["102", "103"]);
    expect(await ids("email:bj@old.example email:dave@example.com role:manager")).toEqual(["103"]);
  });

  it("E2 the detailed user of an admin caller lists every email of the account", async () => {
    const { api } = setup(aliasSeed());
    const user = ((await api("GET", "organizations/acme/members/102/")).body as { user: { emails: { email: string }[] } }).user;
    expect(user.emails.map((e) => e.email)).toEqual(["bob@example.com", "Bob.Jones@Example.com", "bj@old.example"]);
  });

  it("S3 the members index counts GET and POST separately, in fixed one-second windows", async () => {
    let now = MARCH + 900;
    const { api } = setup(EXAMPLE, { membersIndexLimit: 2, now: () => now });
    expect((await api("GET", "organizations/acme/members/")).status).toBe(200);
    expect((await api("GET", "organizations/acme/members/")).status).toBe(200);
    expect((await api("GET", "organizations/acme/members/")).status).toBe(429);
    // POST has its own counter in the same second.
    const post = await api("POST", "organizations/acme/members/", { body: { email: "p@example.com", orgRole: "member", role: "member" } });
    expect(post.status).toBe(201);
    expect(post.headers.get("x-sentry-rate-limit-remaining")).toBe("1");
    // 100 ms later a new window starts (fixed, not sliding): the count is back to zero.
    now = MARCH + 1000;
    const next = await api("GET", "organizations/acme/members/");
    expect(next.status).toBe(200);
    expect(next.headers.get("x-sentry-rate-limit-remaining")).toBe("1");
    expect(next.headers.get("x-sentry-rate-limit-reset")).toBe(String(MARCH / 1000 + 2));
  });

  it("T32 a member row can carry email: null", async () => {
    const { api } = setup(seedWith((s) => ({ ...s, members: s.members.map((m) => (m.id === "107" ? { ...m, emailNull: true } : m)) })));
    const rows = (await api("GET", "organizations/acme/members/")).body as { id: string; email: string | null }[];
    expect(rows.find((m) => m.id === "107")?.email).toBeNull();
  });

  it("E14 the API root names the token's own scopes; a switch makes it 404", async () => {
    const { api } = setup();
    expect(await api("GET", "", { token: READONLY })).toMatchObject({
      status: 200,
      body: { version: "0", auth: { scopes: ["org:read", "member:read", "team:read"] }, user: { email: "alice@example.com" } },
    });
    const none = setup(EXAMPLE, { switches: { noApiRoot: true } });
    expect((await none.api("GET", "")).status).toBe(404);
  });
});

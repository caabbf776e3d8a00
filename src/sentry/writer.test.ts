import { describe, expect, it } from "vitest";
import { createInMemorySentry } from "../../test/fakes/fake-sentry.js";
import { SentryClient } from "./client.js";
import { SentryAmbiguousWriteError, SentryApiError } from "./errors.js";
import { MAX_WRITE_ATTEMPTS } from "./retry-policy.js";
import { NOT_APPLIED, createSentryWriter } from "./writer.js";

const EXAMPLE = new URL("../../test/fixtures/orgs/example-org.json", import.meta.url).pathname;
const OWNER = "sntryu_owner_token_0123456789abcdef";
const MEMBER = "sntryu_member_token_0123456789abcdef";
const MARCH = Date.parse("2026-03-01T00:00:00Z");

function setup(token = OWNER, patch?: (seed: ReturnType<typeof createInMemorySentry>) => void) {
  const fake = createInMemorySentry(EXAMPLE, { now: () => MARCH });
  patch?.(fake);
  const client = new SentryClient({
    baseUrl: fake.url,
    token,
    fetch: fake.fetch,
    sleep: async () => {},
    now: () => MARCH,
  });
  return { fake, writer: createSentryWriter(client, "acme") };
}

const member = (fake: ReturnType<typeof createInMemorySentry>, email: string) =>
  fake.state().members.find((m) => m.email === email);
const writes = (fake: ReturnType<typeof createInMemorySentry>) => fake.requests.filter((r) => r.method !== "GET");

describe("createSentryWriter", () => {
  it("invites with orgRole and role equal and teamRoles whose roles are null", async () => {
    const { fake, writer } = setup();
    await expect(writer.invite("carol@example.com", "manager", ["backend"])).resolves.toEqual({ kind: "applied", memberId: "108" });
    expect(writes(fake)[0]?.body).toEqual({
      email: "carol@example.com",
      orgRole: "manager",
      role: "manager",
      teamRoles: [{ teamSlug: "backend", role: null }],
    });
    expect(member(fake, "carol@example.com")).toMatchObject({
      role: "manager",
      pending: true,
      teams: { backend: null },
    });
  });

  it("reports an address someone invited meanwhile as already done", async () => {
    const { writer } = setup();
    await expect(writer.invite("grace@example.com", "member", [])).resolves.toMatchObject({ kind: "already" });
  });

  it("confirms an invite whose answer was lost by reading the member list, without inviting twice", async () => {
    const { fake, writer } = setup();
    fake.faults.failAfterCommit(1, "reset", { method: "POST" });
    await expect(writer.invite("Carol@Example.com", "member", [])).resolves.toMatchObject({
      kind: "applied",
      note: expect.stringContaining("reading back"),
    });
    expect(writes(fake)).toHaveLength(1);
    expect(fake.state().members.filter((m) => m.email.toLowerCase() === "carol@example.com")).toHaveLength(1);
    expect(fake.requests.at(-1)?.query).toMatchObject({ query: "email:Carol@Example.com" });
  });

  it("sends an invite again only after reading back that the lost attempt did not land", async () => {
    const { fake, writer } = setup();
    fake.faults.failNext(1, "503", { method: "POST" });
    await expect(writer.invite("carol@example.com", "member", [])).resolves.toEqual({ kind: "applied", attempts: 2, memberId: "108" });
    expect(writes(fake)).toHaveLength(2);
    expect(fake.state().members.filter((m) => m.email === "carol@example.com")).toHaveLength(1);
  });

  it("never sends an invite twice when the lost attempt landed: the read-back finds it", async () => {
    const { fake, writer } = setup();
    fake.faults.failAfterCommit(1, "reset", { method: "POST" });
    await expect(writer.invite("carol@example.com", "member", [])).resolves.toMatchObject({ kind: "applied", attempts: 1 });
    expect(writes(fake)).toHaveLength(1);
    expect(fake.state().members.filter((m) => m.email === "carol@example.com")).toHaveLength(1);
  });

  it(`fails an invite that never landed in ${MAX_WRITE_ATTEMPTS} attempts, saying so`, async () => {
    const { fake, writer } = setup();
    fake.faults.failNext(MAX_WRITE_ATTEMPTS, "503", { method: "POST" });
    const error = await writer.invite("carol@example.com", "member", []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SentryAmbiguousWriteError);
    expect(String(error)).toContain(`not applied: no clear answer in ${MAX_WRITE_ATTEMPTS} attempts`);
    expect(writes(fake)).toHaveLength(MAX_WRITE_ATTEMPTS);
    expect(member(fake, "carol@example.com")).toBeUndefined();
  });

  it("changes a role with a PUT that carries the member's fresh, unchanged team roles (never a role-only PUT)", async () => {
    const { fake, writer } = setup();
    await expect(writer.setRole("102", "manager")).resolves.toEqual({ kind: "applied" });
    expect(writes(fake)[0]?.body).toEqual({
      orgRole: "manager",
      role: "manager",
      teamRoles: [
        { teamSlug: "backend", role: "admin" },
        { teamSlug: "frontend", role: null },
      ],
    });
    expect(member(fake, "bob@example.com")).toMatchObject({
      role: "manager",
      teams: { backend: "admin", frontend: null },
    });
  });

  it("does nothing when the role is already right", async () => {
    const { fake, writer } = setup();
    await expect(writer.setRole("102", "member")).resolves.toEqual({ kind: "already" });
    expect(writes(fake)).toHaveLength(0);
  });

  it("settles a role change whose answer was a 500 after it took effect by sending it again", async () => {
    const { fake, writer } = setup();
    fake.faults.failAfterCommit(1, "500", { method: "PUT" });
    // A role change is idempotent: it is sent again rather than read back first.
    await expect(writer.setRole("107", "manager")).resolves.toEqual({ kind: "applied", attempts: 2 });
    expect(writes(fake)).toHaveLength(2);
    expect(fake.state().members.find((m) => m.id === "107")?.role).toBe("manager");
  });

  it("passes Sentry's refusal through, e.g. the last owner or manager", async () => {
    const { writer } = setup();
    await expect(writer.removeMember("103")).resolves.toEqual({ kind: "applied" });
    await expect(writer.removeMember("101")).rejects.toMatchObject({
      status: 403,
      detail: "You cannot remove the only remaining owner or manager of the organization.",
    });
  });

  it("drops every team in the same PUT when demoting to billing", async () => {
    const { fake, writer } = setup();
    await writer.setRole("102", "billing");
    expect(writes(fake)[0]?.body).toMatchObject({ orgRole: "billing", teamRoles: [] });
    expect(member(fake, "bob@example.com")).toMatchObject({ role: "billing", teams: {} });
  });

  it("adds to a team: 201 applied, 204 already", async () => {
    const { writer } = setup();
    await expect(writer.addToTeam("107", "backend")).resolves.toEqual({ kind: "applied" });
    await expect(writer.addToTeam("107", "backend")).resolves.toEqual({ kind: "already" });
  });

  it("settles a team add whose answer was lost: the repeat's 204 means the lost attempt added them", async () => {
    const { fake, writer } = setup();
    fake.faults.failAfterCommit(1, "reset", { method: "POST" });
    await expect(writer.addToTeam("107", "backend")).resolves.toEqual({ kind: "applied", attempts: 2 });
    expect(writes(fake)).toHaveLength(2);
  });

  it("creates a team again only after reading back that it is absent, and never twice", async () => {
    const { fake, writer } = setup();
    fake.faults.failNext(1, "500", { method: "POST" });
    await expect(writer.createTeam("zeta", "Zeta")).resolves.toEqual({ kind: "applied", attempts: 2 });
    fake.faults.failAfterCommit(1, "500", { method: "POST" });
    await expect(writer.createTeam("theta", "Theta")).resolves.toMatchObject({ kind: "applied", attempts: 1 });
    expect(writes(fake).map((w) => (w.body as { slug: string }).slug)).toEqual(["zeta", "zeta", "theta"]);
    expect(fake.state().teams.filter((t) => t.slug === "theta")).toHaveLength(1);
  });

  it("reports a 202 as not applied: Sentry filed an access request", async () => {
    const { fake, writer } = setup(MEMBER);
    await expect(writer.addToTeam("107", "frontend")).resolves.toEqual({
      kind: "not-applied",
      reason: NOT_APPLIED.accessRequest,
    });
    expect(member(fake, "ci-bot@example.com")?.teams).toEqual({});
  });

  it("sets a team role and checks what Sentry stored", async () => {
    const { fake, writer } = setup();
    await expect(writer.setTeamRole("102", "frontend", "admin")).resolves.toEqual({ kind: "applied" });
    expect(writes(fake)[0]?.body).toEqual({ teamRole: "admin" });
    await expect(writer.setTeamRole("102", "backend", "contributor")).resolves.toEqual({ kind: "applied" });
    expect(member(fake, "bob@example.com")?.teams).toEqual({ backend: null, frontend: "admin" });
  });

  it("reports a team role Sentry ignored (no team-roles feature) as not applied", async () => {
    const { writer } = setup(OWNER, (fake) => fake.world.org.features.delete("team-roles"));
    await expect(writer.setTeamRole("102", "frontend", "admin")).resolves.toEqual({
      kind: "not-applied",
      reason: NOT_APPLIED.noTeamRoles,
    });
  });

  it("removes from a team", async () => {
    const { fake, writer } = setup();
    await expect(writer.removeFromTeam("102", "frontend")).resolves.toEqual({ kind: "applied" });
    expect(member(fake, "bob@example.com")?.teams).toEqual({ backend: "admin" });
  });

  it("removes a member (204), and calls a member already gone 'already'", async () => {
    const { fake, writer } = setup();
    await expect(writer.removeMember("107")).resolves.toEqual({ kind: "applied" });
    await expect(writer.removeMember("107")).resolves.toMatchObject({ kind: "already" });
    expect(member(fake, "ci-bot@example.com")).toBeUndefined();
  });

  it("confirms a removal whose connection dropped after it took effect", async () => {
    const { fake, writer } = setup();
    fake.faults.failAfterCommit(1, "reset", { method: "DELETE" });
    // The repeat answers 404: the lost attempt removed them.
    await expect(writer.removeMember("107")).resolves.toEqual({ kind: "applied", attempts: 2 });
    expect(writes(fake)).toHaveLength(2);
  });

  it("re-sends an invite with exactly {reinvite, regenerate}", async () => {
    const { fake, writer } = setup();
    await expect(writer.reinvite("105")).resolves.toEqual({ kind: "applied" });
    expect(writes(fake)[0]?.body).toEqual({ reinvite: true, regenerate: true });
    expect(member(fake, "frank@example.com")?.invitedAt).toBe(new Date(MARCH).toISOString());
  });

  it("creates a team (Sentry adds the token's user), and fails on a taken slug", async () => {
    const { fake, writer } = setup();
    await expect(writer.createTeam("mobile", "Mobile")).resolves.toEqual({ kind: "applied" });
    expect(writes(fake)[0]?.body).toEqual({ slug: "mobile", name: "Mobile" });
    expect(member(fake, "alice@example.com")?.teams).toHaveProperty("mobile", null);
    const error = await writer.createTeam("backend", "Backend").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SentryApiError);
    expect(error).toMatchObject({ status: 409, detail: "A team with this slug already exists." });
  });
});

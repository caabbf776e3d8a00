import { describe, expect, it } from "vitest";
import { createInMemorySentry, type OrgSeed } from "../../test/fakes/fake-sentry.js";
import { readSeedFile } from "../../test/fakes/fake-sentry/seed.js";
import { SentryClient } from "./client.js";
import { LOOKUP_BATCH, lookUpAccountEmails } from "./look-up-members.js";

const EXAMPLE = new URL("../../test/fixtures/orgs/example-org.json", import.meta.url).pathname;
const OWNER = "sntryu_owner_token_0123456789abcdef";
const MARCH = Date.parse("2026-03-01T00:00:00Z");

function setup(change: (seed: OrgSeed) => OrgSeed = (seed) => seed) {
  const fake = createInMemorySentry(change(readSeedFile(EXAMPLE)), { now: () => MARCH });
  const client = new SentryClient({ baseUrl: fake.url, token: OWNER, fetch: fake.fetch, sleep: async () => {}, now: () => MARCH });
  return { fake, client };
}

const withSecondaryEmails = (seed: OrgSeed): OrgSeed => ({
  ...seed,
  members: seed.members.map((m) =>
    m.id === "102" ? { ...m, emails: ["Bob.Jones@example.com"] } : m.id === "103" ? { ...m, emails: ["dl@old.example"] } : m,
  ),
});

describe("lookUpAccountEmails", () => {
  it("finds accepted members by a secondary email, in any case, and leaves new addresses out", async () => {
    const { client } = setup(withSecondaryEmails);
    const hits = await lookUpAccountEmails(client, "acme", ["bob.jones@example.com", "dl@old.example", "new@example.com"]);
    expect(hits).toEqual({ "bob.jones@example.com": "102", "dl@old.example": "103" });
  });

  it("asks for a whole batch of new people in one request", async () => {
    const { client, fake } = setup(withSecondaryEmails);
    const addresses = Array.from({ length: LOOKUP_BATCH * 2 }, (_, i) => `new${i}@example.com`);
    expect(await lookUpAccountEmails(client, "acme", addresses)).toEqual({});
    expect(fake.requests).toHaveLength(2);
  });

  it("splits only the batch that found someone, until each hit has its address", async () => {
    const { client, fake } = setup(withSecondaryEmails);
    const addresses = [...Array.from({ length: 15 }, (_, i) => `new${i}@example.com`), "dl@old.example"];
    expect(await lookUpAccountEmails(client, "acme", addresses)).toEqual({ "dl@old.example": "103" });
    // 1 batch, then halves down to one address: 1 + 2 + 2 + 2 + 2 requests.
    expect(fake.requests.length).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(16)));
  });

  it("sends nothing when there is nothing to look up", async () => {
    const { client, fake } = setup();
    expect(await lookUpAccountEmails(client, "acme", [])).toEqual({});
    expect(fake.requests).toEqual([]);
  });
});

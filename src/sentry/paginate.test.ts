import { describe, expect, it } from "vitest";
import { createInMemorySentry } from "../../test/fakes/fake-sentry.js";
import { generateOrg, GENERATED_OWNER_TOKEN } from "../../test/fakes/generate-org.js";
import { SentryClient } from "./client.js";
import { SentryProtocolError } from "./errors.js";
import { MAX_PAGES, PER_PAGE, paginate, readAll } from "./paginate.js";

function clientOn(fetch: typeof globalThis.fetch, baseUrl = "https://sentry.io") {
  return new SentryClient({ baseUrl, token: "t", fetch, sleep: async () => {}, now: () => 0 });
}

function linked(next: { cursor: string; results: boolean }, rows: unknown[] = [{ id: "1" }]): Response {
  const link = `<https://other-host.example/api/0/x/?&cursor=p>; rel="previous"; results="false"; cursor="p", <https://other-host.example/api/0/x/?&cursor=${next.cursor}>; rel="next"; results="${next.results}"; cursor="${next.cursor}"`;
  return new Response(JSON.stringify(rows), { status: 200, headers: { Link: link } });
}

describe("paginate", () => {
  it("reads every page of 250 members in 3 requests and stops on results=false (no trailing empty page)", async () => {
    const fake = createInMemorySentry(generateOrg({ members: 250, teams: 0 }));
    const client = new SentryClient({
      baseUrl: fake.url,
      token: GENERATED_OWNER_TOKEN,
      fetch: fake.fetch,
      sleep: async () => {},
      now: () => 0,
    });
    const rows = await readAll<{ id: string }>(client, "organizations/bigco/members/");
    expect(rows).toHaveLength(250);
    expect(new Set(rows.map((r) => r.id)).size).toBe(250);
    expect(fake.requests.map((r) => r.query)).toEqual([
      { per_page: String(PER_PAGE) },
      { per_page: String(PER_PAGE), cursor: "100:1:0" },
      { per_page: String(PER_PAGE), cursor: "100:2:0" },
    ]);
  });

  it("needs one request for exactly 100 rows: the full last page already says results=false", async () => {
    const fake = createInMemorySentry(generateOrg({ members: 100, teams: 0 }));
    const client = new SentryClient({
      baseUrl: fake.url,
      token: GENERATED_OWNER_TOKEN,
      fetch: fake.fetch,
      sleep: async () => {},
      now: () => 0,
    });
    expect(await readAll(client, "organizations/bigco/members/")).toHaveLength(100);
    expect(fake.requests).toHaveLength(1);
  });

  it("sends the cursor attribute to our own base URL, never to the link's host", async () => {
    const urls: string[] = [];
    const answers = [linked({ cursor: "100:1:0", results: true }), linked({ cursor: "100:2:0", results: false })];
    const fetch = (async (url: string) => {
      urls.push(url);
      return answers.shift()!;
    }) as typeof globalThis.fetch;
    await readAll(clientOn(fetch, "https://de.sentry.io"), "organizations/acme/members/");
    expect(urls).toEqual([
      "https://de.sentry.io/api/0/organizations/acme/members/?per_page=100",
      "https://de.sentry.io/api/0/organizations/acme/members/?per_page=100&cursor=100%3A1%3A0",
    ]);
  });

  it("stops when there is no Link header at all", async () => {
    let calls = 0;
    const fetch = (async () => {
      calls += 1;
      return new Response("[]", { status: 200 });
    }) as typeof globalThis.fetch;
    expect(await readAll(clientOn(fetch), "x/")).toEqual([]);
    expect(calls).toBe(1);
  });

  it("refuses a server that sends the same cursor twice", async () => {
    const fetch = (async () => linked({ cursor: "100:1:0", results: true })) as typeof globalThis.fetch;
    await expect(readAll(clientOn(fetch), "x/")).rejects.toThrow(SentryProtocolError);
  });

  it(`stops after ${MAX_PAGES} pages of a server that never says results=false`, async () => {
    let n = 0;
    const fetch = (async () => linked({ cursor: `100:${++n}:0`, results: true })) as typeof globalThis.fetch;
    await expect(readAll(clientOn(fetch), "x/")).rejects.toThrow(`more than ${MAX_PAGES} pages`);
    expect(n).toBe(MAX_PAGES);
  });

  it("refuses an answer that is not a list", async () => {
    const fetch = (async () => new Response('{"detail":"x"}', { status: 200 })) as typeof globalThis.fetch;
    const pages = paginate(clientOn(fetch), "x/");
    await expect(pages.next()).rejects.toThrow("expected a list");
  });
});

// size: one file for the client's behaviour (paging, pacing, retries, lost answers, errors, redirects): the cases share one scripted transport and read as one specification.
import { describe, expect, it } from "vitest";
import { normalizeBaseUrl } from "./base-url.js";
import { MAX_CONCURRENT_READS, SentryClient, apiPath } from "./client.js";
import { SentryAmbiguousWriteError, SentryApiError, SentryConfigError, SentryConnectionError } from "./errors.js";
import { MAX_CONNECT_ATTEMPTS, MAX_BACKOFF_MS, READ_RETRY_BUDGET_MS } from "./retry-policy.js";

/** More failures than any read retries within its time budget. */
const PLENTY = 60;

const TOKEN = "sntryu_secret_token_value_123456";
const T0 = 1_700_000_000_000;

interface Call {
  readonly url: string;
  readonly init: RequestInit;
}

type Step = Response | Error | ((call: Call) => Response | Promise<Response>);

/** A fetch that plays answers in order and records every call. */
function script(...steps: Step[]) {
  const calls: Call[] = [];
  const fetch = (async (input: string | URL, init: RequestInit = {}) => {
    const call = { url: String(input), init };
    calls.push(call);
    const step = steps.shift();
    if (step === undefined) throw new Error(`unexpected request ${call.url}`);
    if (step instanceof Error) throw step;
    return typeof step === "function" ? step(call) : step;
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

function networkError(code: string): Error {
  return new TypeError("fetch failed", { cause: Object.assign(new Error(code), { code }) });
}

function client(fetch: typeof globalThis.fetch, baseUrl = "https://sentry.io") {
  const sleeps: number[] = [];
  let now = T0;
  const instance = new SentryClient({
    baseUrl,
    token: TOKEN,
    fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    now: () => now,
    userAgent: "sentry-roster/9.9.9",
    random: () => 0,
  });
  return { client: instance, sleeps };
}

function header(call: Call | undefined, name: string): string | undefined {
  return (call?.init.headers as Record<string, string> | undefined)?.[name];
}

describe("SentryClient", () => {
  it("sends the bearer token, user agent and JSON accept to /api/0/ under the base URL's path prefix", async () => {
    const s = script(json(200, { ok: true }));
    const { client: c } = client(s.fetch, "https://sentry.example.com/prefix/");
    const answer = await c.get(apiPath("organizations", "acme"), { detailed: "0" });
    expect(answer.body).toEqual({ ok: true });
    expect(s.calls[0]?.url).toBe("https://sentry.example.com/prefix/api/0/organizations/acme/?detailed=0");
    expect(header(s.calls[0], "Authorization")).toBe(`Bearer ${TOKEN}`);
    expect(header(s.calls[0], "User-Agent")).toBe("sentry-roster/9.9.9");
    expect(s.calls[0]?.init.redirect).toBe("manual");
  });

  it.each([
    ["https://sentry.io", "https://sentry.io/"],
    ["https://de.sentry.io/", "https://de.sentry.io/"],
    ["https://sentry.example.com/sub/api/0/", "https://sentry.example.com/sub"],
    ["http://localhost:9000", "http://localhost:9000/"],
    ["http://127.0.0.5:8000", "http://127.0.0.5:8000/"],
    ["http://[::1]:8000", "http://[::1]:8000/"],
  ])("accepts the base URL %s", (text, expected) => {
    expect(normalizeBaseUrl(text).href).toBe(expected);
  });

  it.each([
    ["plain http to a remote host", "http://sentry.example.com", "must use https"],
    ["a URL with credentials", "https://user:pw@sentry.io", "must not contain credentials"],
    ["not a URL", "sentry.io", "invalid Sentry URL"],
  ])("refuses %s before any request", (_name, text, message) => {
    const s = script();
    expect(() => client(s.fetch, text)).toThrow(SentryConfigError);
    expect(() => client(s.fetch, text)).toThrow(message);
    expect(s.calls).toHaveLength(0);
  });

  it("waits until X-Sentry-Rate-Limit-Reset after a 429 with Remaining 0, then gets the page", async () => {
    const reset = String(T0 / 1000 + 3);
    const s = script(
      json(
        429,
        { detail: "You are attempting to use this endpoint too frequently." },
        { "X-Sentry-Rate-Limit-Remaining": "0", "X-Sentry-Rate-Limit-Reset": reset },
      ),
      json(200, []),
    );
    const { client: c, sleeps } = client(s.fetch);
    await expect(c.get("organizations/acme/members/")).resolves.toMatchObject({ status: 200 });
    expect(sleeps).toEqual([3_000]);
  });

  it("reads a 429 whose body is a bare string (old builds)", async () => {
    const s = script(
      new Response('"slow down"', { status: 429, headers: { "Content-Type": "text/html" } }),
      json(200, []),
    );
    const { client: c, sleeps } = client(s.fetch);
    await c.get("organizations/acme/members/");
    expect(sleeps).toHaveLength(1);
  });

  it("retries a read after 5xx and dropped connections for a minute of back-off, then gives up with the last status", async () => {
    const s = script(
      json(502, {}),
      networkError("ECONNRESET"),
      json(503, {}),
      ...Array.from({ length: PLENTY }, () => json(500, { detail: "Internal Error" })),
    );
    const { client: c, sleeps } = client(s.fetch);
    const error = await c.get("organizations/acme/members/").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SentryApiError);
    expect((error as SentryApiError).status).toBe(500);
    expect(s.calls.length).toBeGreaterThan(10);
    expect(sleeps).toHaveLength(s.calls.length - 1);
    const waited = sleeps.reduce((sum, ms) => sum + ms, 0);
    expect(waited).toBeLessThanOrEqual(READ_RETRY_BUDGET_MS);
    // random() is 0 here: each back-off is half its step, so the next would have passed the budget.
    expect(waited + MAX_BACKOFF_MS / 2).toBeGreaterThan(READ_RETRY_BUDGET_MS);
  });

  it("gets a read through a long run of failures within the budget", async () => {
    const s = script(...Array.from({ length: 12 }, () => json(503, {})), json(200, [{ id: "1" }]));
    await expect(client(s.fetch).client.get("organizations/acme/members/")).resolves.toMatchObject({ body: [{ id: "1" }] });
  });

  it("turns a host that never answers into 'cannot reach URL (reason)'", async () => {
    const s = script(...Array.from({ length: MAX_CONNECT_ATTEMPTS }, () => networkError("ECONNREFUSED")));
    const { client: c } = client(s.fetch);
    await expect(c.get("organizations/acme/")).rejects.toThrow(
      new SentryConnectionError("https://sentry.io", "ECONNREFUSED"),
    );
  });

  it("names the innermost reason when the failure has no code", async () => {
    const s = script(
      ...Array.from({ length: PLENTY }, () => new TypeError("fetch failed", { cause: new Error("bad port") })),
    );
    const { client: c } = client(s.fetch);
    await expect(c.get("organizations/acme/")).rejects.toThrow("cannot reach https://sentry.io (bad port)");
  });

  it("retries a read whose body broke off, and treats a write's broken body as unknown", async () => {
    const broken = () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode("[{"));
            controller.error(Object.assign(new Error("terminated"), { code: "UND_ERR_SOCKET" }));
          },
        }),
        { status: 200 },
      );
    const reads = script(broken(), json(200, [{ id: "1" }]));
    await expect(client(reads.fetch).client.get("organizations/acme/members/")).resolves.toMatchObject({
      body: [{ id: "1" }],
    });
    const writes = script(broken());
    await expect(client(writes.fetch).client.send("PUT", "organizations/acme/members/1/", {})).rejects.toBeInstanceOf(
      SentryAmbiguousWriteError,
    );
  });

  it("treats a success whose JSON is cut short like a broken answer: reads retried, writes unknown", async () => {
    const cut = () =>
      new Response('[{"id": "1", "ema', { status: 200, headers: { "Content-Type": "application/json" } });
    const reads = script(cut(), json(200, [{ id: "1" }]));
    await expect(client(reads.fetch).client.get("organizations/acme/members/")).resolves.toMatchObject({
      body: [{ id: "1" }],
    });
    const writes = script(cut());
    const error = await client(writes.fetch)
      .client.send("PUT", "organizations/acme/members/1/", {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SentryAmbiguousWriteError);
    expect(String(error)).toContain("cut short");
  });

  it("leaves a proxy's HTML error page out of the message", async () => {
    const page = () =>
      new Response("<html><h1>502 Bad Gateway</h1></html>", { status: 502, headers: { "Content-Type": "text/html" } });
    const s = script(...Array.from({ length: PLENTY }, page));
    const error = (await client(s.fetch)
      .client.get("organizations/acme/")
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toBe("GET /api/0/organizations/acme/ failed with HTTP 502");
  });

  it("never resends a write after a 5xx: the outcome is unknown", async () => {
    const s = script(json(500, { detail: "Internal Error" }), json(201, {}));
    const { client: c } = client(s.fetch);
    await expect(c.send("POST", "organizations/acme/members/", { email: "a@x.com" })).rejects.toBeInstanceOf(
      SentryAmbiguousWriteError,
    );
    expect(s.calls).toHaveLength(1);
  });

  it("never resends a write whose connection dropped after sending", async () => {
    const s = script(networkError("ECONNRESET"), json(201, {}));
    const { client: c } = client(s.fetch);
    await expect(c.send("PUT", "organizations/acme/members/1/", {})).rejects.toBeInstanceOf(SentryAmbiguousWriteError);
    expect(s.calls).toHaveLength(1);
  });

  it("resends a write that was refused before it left (connection refused) or with a 429", async () => {
    const s = script(
      networkError("ECONNREFUSED"),
      json(429, {}, { "X-Sentry-Rate-Limit-Remaining": "0", "X-Sentry-Rate-Limit-Reset": String(T0 / 1000) }),
      json(201, { id: "9" }),
    );
    const { client: c } = client(s.fetch);
    await expect(c.send("POST", "organizations/acme/members/", { email: "a@x.com" })).resolves.toMatchObject({
      status: 201,
    });
    expect(s.calls.map((call) => call.init.body)).toEqual(Array(3).fill(JSON.stringify({ email: "a@x.com" })));
  });

  it("gives up at once on the invite cap's 429", async () => {
    const s = script(
      json(
        429,
        { detail: "You are being rate limited for too many invitations." },
        { "X-Sentry-Rate-Limit-Remaining": "12" },
      ),
    );
    const { client: c } = client(s.fetch);
    await expect(c.send("POST", "organizations/acme/members/", {})).rejects.toThrow("too many invitations");
    expect(s.calls).toHaveLength(1);
  });

  it("paces ahead: after an answer that used up the window it sleeps until Reset before the next request", async () => {
    const s = script(
      json(200, [], { "X-Sentry-Rate-Limit-Remaining": "0", "X-Sentry-Rate-Limit-Reset": String(T0 / 1000 + 1) }),
      json(200, []),
    );
    const { client: c, sleeps } = client(s.fetch);
    await c.get("organizations/acme/members/");
    expect(sleeps).toEqual([]);
    await c.get("organizations/acme/members/", { cursor: "100:1:0" });
    expect(sleeps).toEqual([1_000]);
  });

  it("does not follow a redirect, so the token never goes to another host", async () => {
    const s = script(new Response(null, { status: 302, headers: { Location: "https://evil.example.com/api/0/" } }));
    const { client: c } = client(s.fetch);
    const error = await c.get("organizations/acme/").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SentryConfigError);
    expect(String(error)).toContain("redirected to https://evil.example.com");
    expect(s.calls).toHaveLength(1);
  });

  it("says a 401 is the token's fault, naming the request and never the token", async () => {
    const s = script(json(401, { detail: "Invalid token" }));
    const { client: c } = client(s.fetch);
    const error = (await c.get("organizations/acme/members/").catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      "Sentry rejected the token (HTTP 401 on GET /api/0/organizations/acme/members/): check SENTRY_AUTH_TOKEN",
    );
    expect(error.message).not.toContain(TOKEN);
  });

  it("names where the token came from, when told (the Action's input)", async () => {
    const s = script(json(401, { detail: "Invalid token" }));
    const c = new SentryClient({
      baseUrl: "https://sentry.io",
      token: TOKEN,
      fetch: s.fetch,
      sleep: async () => {},
      now: () => T0,
      tokenSource: "the sentry-token input",
    });
    await expect(c.get("organizations/acme/")).rejects.toThrow(
      "Sentry rejected the token (HTTP 401 on GET /api/0/organizations/acme/): check the sentry-token input",
    );
  });

  it.each([
    ["GET", "teams/acme/backend/members/", "team:read"],
    ["GET", "organizations/acme/members/", "member:read"],
    ["GET", "organizations/acme/teams/", "org:read"],
    ["PUT", "organizations/acme/members/4/", "member:admin"],
    ["POST", "organizations/acme/members/4/teams/backend/", "team:write (or org:write, org:read)"],
    // Invites: the scope the docs and the apply token recommend, not member:invite alone.
    ["POST", "organizations/acme/members/", "member:admin (or member:write, member:invite)"],
  ] as const)("names the likely missing scope on a 403 for %s %s", async (method, path, scope) => {
    const s = script(json(403, { detail: "You do not have permission to perform this action." }));
    const { client: c } = client(s.fetch);
    const run = method === "GET" ? c.get(path) : c.send(method, path);
    await expect(run).rejects.toThrow(`the token likely lacks the ${scope} scope`);
  });

  it("keeps Sentry's reason for other errors, from any of its shapes", async () => {
    const s = script(
      json(400, { email: ["The user a@x.com is already a member"] }),
      json(400, ["An organization must have at least one owner"]),
      json(403, { role: "You do not have permission to assign a role to the given user." }),
    );
    const { client: c } = client(s.fetch);
    await expect(c.send("POST", "organizations/acme/members/")).rejects.toMatchObject({
      status: 400,
      detail: "email: The user a@x.com is already a member",
    });
    await expect(c.send("PUT", "organizations/acme/members/1/")).rejects.toMatchObject({
      detail: "An organization must have at least one owner",
    });
    await expect(c.send("PUT", "organizations/acme/members/2/")).rejects.toMatchObject({
      status: 403,
      detail: "role: You do not have permission to assign a role to the given user.",
    });
  });

  it("sends writes one at a time", async () => {
    let inFlight = 0;
    let most = 0;
    const slow = async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return json(200, {});
    };
    const s = script(slow, slow, slow);
    const { client: c } = client(s.fetch);
    await Promise.all([c.send("PUT", "a/"), c.send("PUT", "b/"), c.send("DELETE", "c/")]);
    expect(most).toBe(1);
    expect(s.calls.map((call) => call.url.replace("https://sentry.io/api/0/", ""))).toEqual(["a/", "b/", "c/"]);
  });

  it("encodes path segments", () => {
    expect(apiPath("teams", "acme", "a/b c")).toBe("teams/acme/a%2Fb%20c/");
  });
});

describe("SentryClient: reads in flight", () => {
  it("keeps MAX_CONCURRENT_READS reads in flight; a reader holds its slot across its GETs until closed", async () => {
    const { fetch, calls } = script(...Array.from({ length: 8 }, () => json(200, [])));
    const { client: sentry } = client(fetch);
    const readers = await Promise.all(Array.from({ length: MAX_CONCURRENT_READS }, () => sentry.openReader()));
    let done = false;
    const waiting = sentry.get("organizations/acme/").then(() => (done = true));
    // Each reader still gets its own pages through its slot.
    for (const reader of readers) await reader.get("organizations/acme/members/");
    expect(calls).toHaveLength(MAX_CONCURRENT_READS);
    expect(done).toBe(false);
    readers[0]!.close();
    readers[0]!.close(); // closing twice gives back one slot
    await waiting;
    expect(calls).toHaveLength(MAX_CONCURRENT_READS + 1);
    for (const reader of readers.slice(1)) reader.close();
  });
});

/**
 * The production transport over loopback HTTP: what the Sentry client reads
 * of an answer arrives as fetch would give it (decoded bodies, header lookup
 * in any case, repeated headers joined), a redirect comes back unfollowed,
 * and the abort signal stops a request that gets no answer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { setTimeout as delay } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import type { TransportRequest } from "../../../src/sentry/transport.js";
import { MAX_CONCURRENT_READS, SentryClient } from "../../../src/sentry/client.js";
import { readLiveState } from "../../../src/sentry/read-live-state.js";
import { createUndiciTransport } from "../../../src/commands/undici-transport.js";
import { generateOrg, GENERATED_OWNER_TOKEN } from "../../fakes/generate-org.js";
import { test } from "../../support/fixtures.js";

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function get(signal = AbortSignal.timeout(5_000)): TransportRequest {
  return { method: "GET", headers: { Accept: "application/json" }, body: undefined, redirect: "manual", signal };
}

const PAGE = JSON.stringify([{ id: "1", email: "ana@example.com", name: "Ana Müller" }]);

describe("createUndiciTransport", () => {
  it.each([
    ["gzip", gzipSync],
    ["deflate", deflateSync],
    ["br", brotliCompressSync],
  ] as const)("asks for compressed answers and decodes %s", async (coding, compress) => {
    const seen: (string | undefined)[] = [];
    const url = await serve((req, res) => {
      seen.push(req.headers["accept-encoding"]);
      res
        .writeHead(200, { "Content-Type": "application/json", "Content-Encoding": coding })
        .end(compress(Buffer.from(PAGE)));
    });
    const answer = await createUndiciTransport()(`${url}/api/0/organizations/acme/members/?cursor=0:100:0`, get());
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe(PAGE);
    expect(seen).toEqual(["gzip, deflate, br"]);
  });

  it("undoes several codings, the last applied first", async () => {
    const url = await serve((_req, res) => {
      res
        .writeHead(200, { "Content-Type": "application/json", "Content-Encoding": "deflate, gzip" })
        .end(gzipSync(deflateSync(Buffer.from(PAGE))));
    });
    const answer = await createUndiciTransport()(url, get());
    expect(await answer.text()).toBe(PAGE);
  });

  it("sends method, path with query, headers and body as given", async () => {
    const seen: { method?: string; url?: string; auth?: string; type?: string; body: string }[] = [];
    const url = await serve((req, res) => {
      let body = "";
      req.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      req.on("end", () => {
        seen.push({
          method: req.method,
          url: req.url,
          auth: req.headers.authorization,
          type: req.headers["content-type"],
          body,
        });
        res.writeHead(201, { "Content-Type": "application/json" }).end("{}");
      });
    });
    const answer = await createUndiciTransport()(`${url}/api/0/organizations/acme/members/?a=1`, {
      ...get(),
      method: "POST",
      headers: { Authorization: "Bearer t", "Content-Type": "application/json" },
      body: '{"email":"ana@example.com"}',
    });
    expect(answer.status).toBe(201);
    expect(await answer.text()).toBe("{}");
    expect(seen).toEqual([
      {
        method: "POST",
        url: "/api/0/organizations/acme/members/?a=1",
        auth: "Bearer t",
        type: "application/json",
        body: '{"email":"ana@example.com"}',
      },
    ]);
  });

  it("looks headers up in any case, joins repeated ones and says null for absent ones", async () => {
    const url = await serve((_req, res) => {
      res.setHeader("Link", ['<a>; rel="previous"', '<b>; rel="next"']);
      res.setHeader("X-Sentry-Rate-Limit-Remaining", "39");
      res.writeHead(200).end();
    });
    const answer = await createUndiciTransport()(url, get());
    expect(answer.headers.get("link")).toBe('<a>; rel="previous", <b>; rel="next"');
    expect(answer.headers.get("x-sentry-rate-limit-remaining")).toBe("39");
    expect(answer.headers.get("X-Sentry-Rate-Limit-Remaining")).toBe("39");
    expect(answer.headers.get("retry-after")).toBeNull();
    expect(answer.headers.get("constructor")).toBeNull();
    expect(await answer.text()).toBe("");
  });

  it("hands a redirect back as the answer instead of following it", async () => {
    let followed = 0;
    const elsewhere = await serve((_req, res) => {
      followed += 1;
      res.end("{}");
    });
    const url = await serve((_req, res) => res.writeHead(302, { Location: `${elsewhere}/api/0/` }).end());
    const answer = await createUndiciTransport()(url, get());
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe(`${elsewhere}/api/0/`);
    expect(followed).toBe(0);
  });

  it("rejects with the signal's reason when no answer comes in time", async () => {
    const url = await serve(() => {
      // never answers
    });
    await expect(createUndiciTransport()(url, get(AbortSignal.timeout(50)))).rejects.toMatchObject({
      name: "TimeoutError",
    });
  });

  it("rejects reading a compressed body that was cut short", async () => {
    const url = await serve((_req, res) => {
      res
        .writeHead(200, { "Content-Type": "application/json", "Content-Encoding": "gzip" })
        .end(gzipSync(Buffer.from(PAGE)).subarray(0, 20));
    });
    const answer = await createUndiciTransport()(url, get());
    await expect(answer.text()).rejects.toThrow();
  });
});

describe("createUndiciTransport: connections", () => {
  // A new connection to sentry.io costs a TCP and a TLS handshake, one or two
  // round trips before its first request; loopback charges nothing for it, so
  // the fake counts connections instead (docs/reliability.md#11-connections).
  test("reads a whole org over one connection per reader and the writer's, reusing them", async ({ startSentry }) => {
    const fake = await startSentry(generateOrg({ members: 300, teams: 12, maxTeamsPerMember: 3, seed: 8, slug: "bigco" }));
    // Answers take a while, so the reads overlap and a freed reader sends its next request at once.
    fake.faults.setLatency(5);
    const client = new SentryClient({
      baseUrl: fake.url,
      token: GENERATED_OWNER_TOKEN,
      fetch: createUndiciTransport(),
      sleep: (ms) => delay(ms),
      now: () => Date.now(),
    });
    await readLiveState(client, { organization: "bigco", managedTeams: "all" });
    expect(fake.requests.length).toBeGreaterThan(3 * MAX_CONCURRENT_READS);
    expect(fake.peakInFlight).toBe(MAX_CONCURRENT_READS);
    // 8 before the pool was sized to the client's readers (docs/reliability.md#11-connections).
    expect(fake.connections).toBeLessThanOrEqual(MAX_CONCURRENT_READS + 1);
  });
});

/**
 * The production transport (src/sentry/transport.ts): undici's request API
 * over one pooled keep-alive agent that honours the proxy variables. Only the
 * agent and the request API are imported, by their files: undici's index
 * would also load its fetch, WebIDL, cookie and WebSocket code (most of its
 * 1 MiB), and that code wakes Node's own copy of undici as well
 * (docs/benchmarks.md). Never installs a global dispatcher (Octokit's
 * bundled undici reads it).
 */
import type { Dispatcher } from "undici";
import EnvHttpProxyAgent from "undici/lib/dispatcher/env-http-proxy-agent.js";
import request from "undici/lib/api/api-request.js";
import { MAX_CONCURRENT_READS } from "../sentry/client.js";
import type { AnswerHeaders, SentryTransport, TransportAnswer } from "../sentry/transport.js";
import { setV8FlagUntilExit } from "./v8-flags.js";

/**
 * Connections to Sentry: one per reader and one for the writer (the client
 * keeps at most MAX_CONCURRENT_READS reads in flight and sends writes one at
 * a time, so a write never waits for a read's connection), well under the
 * concurrency limit sentry.io sets (docs/sentry-behaviour.md S3). Not more: a
 * reader sends its next request as soon as it has read its answer's body,
 * while undici frees that connection only on the next turn of the event loop
 * (setImmediate), so a pool with room to spare opened a new connection, a TCP
 * and TLS handshake, for most requests that followed an answer. With no room
 * left, such a request waits that turn and goes out on the warm connection
 * (docs/reliability.md#11-connections).
 */
export const SENTRY_CONNECTIONS = MAX_CONCURRENT_READS + 1;
export const CONNECT_TIMEOUT_MS = 10_000;
export const HEADERS_TIMEOUT_MS = 30_000;
export const BODY_TIMEOUT_MS = 30_000;
/**
 * The most header bytes an answer may carry: Node's own default (--max-http-header-size),
 * set here so undici need not load node:http to ask for it (scripts/lazy-node-http.mjs).
 * Sentry's answers carry a few hundred bytes of headers, a long Link header included.
 */
export const MAX_HEADER_BYTES = 16 * 1024;

/** The codings the transport decodes; fetch asked for the same, so Sentry's answers stay compressed on the wire. */
const ACCEPT_ENCODING = "gzip, deflate, br";

/**
 * WebAssembly code a function may run before V8 recompiles it with its
 * optimizing compiler: out of reach for the CLI and the Action. undici parses
 * HTTP with llhttp compiled to WebAssembly, which V8 first compiles quickly
 * (Liftoff) and then, once a function has run V8's default of 13 MB worth,
 * again with TurboFan on a background thread. A plan of 15 requests paid that:
 * 30 to 35 ms of CPU on a second thread, a third of the process's CPU time, for
 * code the rest of the run barely used; with it out of reach the plan took 29 %
 * less CPU time and 2 % less wall time, and a 10,000-member plan (305 answers)
 * the same CPU and wall time as before (docs/benchmarks.md). Set on Node 24's V8 only,
 * whose default is known, so the one put back at exit is V8's own (src/commands/v8-flags.ts).
 */
export const WASM_TIERING_BUDGET = 2_000_000_000;

/** A transport over a new agent; one per process. */
export function createUndiciTransport(): SentryTransport {
  // Before undici compiles llhttp, on the first connection: V8 reads the budget when it instantiates the module.
  setV8FlagUntilExit("wasm-tiering-budget", WASM_TIERING_BUDGET);
  // HTTPS_PROXY, HTTP_PROXY and NO_PROXY, in either case, as undici reads them (docs/cli.md#proxies);
  // without them it is a plain pooled agent. https targets always go through a CONNECT tunnel,
  // so the proxy never sees the token; plain http (loopback only) is forwarded as is.
  const agent = new EnvHttpProxyAgent({
    connections: SENTRY_CONNECTIONS,
    keepAliveTimeout: 10_000,
    maxHeaderSize: MAX_HEADER_BYTES,
    connectTimeout: CONNECT_TIMEOUT_MS,
    headersTimeout: HEADERS_TIMEOUT_MS,
    bodyTimeout: BODY_TIMEOUT_MS,
    proxyTunnel: false,
  });
  return async (url, init) => {
    const target = new URL(url);
    // No redirect handler is installed, so a 3xx comes back as the answer (init.redirect is "manual").
    const answer = await request.call(agent, {
      origin: target.origin,
      path: `${target.pathname}${target.search}`,
      method: init.method as Dispatcher.HttpMethod,
      headers: { ...init.headers, "accept-encoding": ACCEPT_ENCODING },
      body: init.body ?? null,
      signal: init.signal,
    });
    return toAnswer(answer);
  };
}

function toAnswer(answer: Dispatcher.ResponseData): TransportAnswer {
  const headers = headerLookup(answer.headers);
  const coding = (headers.get("content-encoding") ?? "").trim().toLowerCase();
  return {
    status: answer.statusCode,
    headers,
    text: async () =>
      coding === "" || coding === "identity" ? answer.body.text() : decode(coding, await answer.body.bytes()),
  };
}

/** undici hands headers over as an object with lower-case names, repeated ones as arrays. */
function headerLookup(headers: Dispatcher.ResponseData["headers"]): AnswerHeaders {
  return {
    get: (name) => {
      const key = name.toLowerCase();
      const value = Object.hasOwn(headers, key) ? headers[key] : undefined;
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/**
 * Decodes a compressed body, undoing the codings last first (Content-Encoding
 * lists them in the order applied); a coding it does not know leaves the bytes
 * as they are, as fetch does. zlib loads only when an answer is compressed. A
 * cut-short body throws, as a lost answer.
 */
async function decode(coding: string, bytes: Uint8Array): Promise<string> {
  const zlib = await import("node:zlib");
  const decoders: Record<string, (input: Uint8Array) => Buffer> = {
    gzip: zlib.gunzipSync,
    "x-gzip": zlib.gunzipSync,
    deflate: zlib.inflateSync,
    br: zlib.brotliDecompressSync,
  };
  const codings = coding
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "" && name !== "identity");
  let body: Buffer = Buffer.from(bytes);
  for (const name of codings.reverse()) {
    const decoder = decoders[name];
    if (!decoder) break;
    body = decoder(body);
  }
  return body.toString("utf8");
}

import { open, readFile } from "node:fs/promises";
import { setTimeout as delay } from "node:timers/promises";
import type { Deps, Logger } from "./deps.js";

/** Connection limits for Sentry (docs/sentry-behaviour.md S3: concurrency limit 25 seen on sentry.io). */
export const SENTRY_CONNECTIONS = 8;
export const CONNECT_TIMEOUT_MS = 10_000;
export const HEADERS_TIMEOUT_MS = 30_000;
export const BODY_TIMEOUT_MS = 30_000;

/**
 * Deps for a real process: files on disk, the wall clock, and undici's fetch
 * over one pooled keep-alive agent that honours the proxy variables. Never installs a global dispatcher
 * (Octokit's bundled undici reads it).
 */
export function createNodeDeps(logger: Logger): Deps {
  // undici is loaded on the first request, so commands that never reach
  // Sentry (validate) do not pay for evaluating it (a quarter of its cold start).
  let transport: Promise<typeof globalThis.fetch> | undefined;
  const openTransport = async (): Promise<typeof globalThis.fetch> => {
    const undici = await import("undici");
    // In dist/, undici (CommonJS) is its own chunk and arrives as the default export only.
    const { EnvHttpProxyAgent, fetch: undiciFetch } =
      typeof undici.EnvHttpProxyAgent === "function" ? undici : (undici as unknown as { default: typeof undici }).default;
    // HTTPS_PROXY, HTTP_PROXY and NO_PROXY, in either case, as undici reads them (docs/cli.md#proxies);
    // without them it is a plain pooled agent. https targets always go through a CONNECT tunnel,
    // so the proxy never sees the token; plain http (loopback only) is forwarded as is.
    const agent = new EnvHttpProxyAgent({
      connections: SENTRY_CONNECTIONS,
      keepAliveTimeout: 10_000,
      connectTimeout: CONNECT_TIMEOUT_MS,
      headersTimeout: HEADERS_TIMEOUT_MS,
      bodyTimeout: BODY_TIMEOUT_MS,
      proxyTunnel: false,
    });
    return ((input: string | URL, init?: RequestInit) => undiciFetch(input, { ...(init as object), dispatcher: agent })) as unknown as typeof globalThis.fetch;
  };
  const fetchWithAgent = (async (input: string | URL, init?: RequestInit) => (await (transport ??= openTransport()))(input, init)) as typeof globalThis.fetch;
  return {
    readFile: (path) => readFile(path, "utf8"),
    writeFile: writePrivateFile,
    logger,
    now: () => Date.now(),
    sleep: (ms) => delay(ms),
    fetch: fetchWithAgent,
  };
}

/** Mode of every file the CLI and the Action write: each names members (snapshots, plans, exported rosters). */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Writes a file only its owner can read (docs/security.md): created 0600,
 * and an existing file is narrowed to 0600 before the new text goes in.
 */
async function writePrivateFile(path: string, text: string | Iterable<string>): Promise<void> {
  const handle = await open(path, "w", PRIVATE_FILE_MODE);
  try {
    await handle.chmod(PRIVATE_FILE_MODE);
    await handle.writeFile(text, "utf8");
  } finally {
    await handle.close();
  }
}

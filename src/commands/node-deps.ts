import { readFile } from "node:fs";
import { setTimeout as delay } from "node:timers/promises";
import type { SentryTransport } from "../sentry/transport.js";
import type { Deps, Logger } from "./deps.js";

/**
 * Deps for a real process: files on disk, the wall clock, and undici's
 * request API over one pooled agent (undici-transport.ts).
 */
export function createNodeDeps(logger: Logger): Deps {
  // The transport loads on the first request, so commands that never reach
  // Sentry (validate) do not pay for evaluating undici.
  let transport: Promise<SentryTransport> | undefined;
  const openTransport = async (): Promise<SentryTransport> => (await import("./undici-transport.js")).createUndiciTransport();
  const send: SentryTransport = async (url, init) => (await (transport ??= openTransport()))(url, init);
  return {
    readFile: readTextFile,
    writeFile: writePrivateFile,
    logger,
    now: () => Date.now(),
    sleep: (ms) => delay(ms),
    fetch: send,
  };
}

/**
 * A file's text (UTF-8). Through node:fs's callback API: node:fs/promises would also load
 * Node's readline, watcher and stream modules at start-up, which no command uses
 * (docs/benchmarks.md).
 */
export function readTextFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => readFile(path, "utf8", (error, text) => (error ? reject(error) : resolve(text))));
}

/** Mode of every file the CLI and the Action write: each names members (snapshots, plans, exported rosters). */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Writes a file only its owner can read (docs/security.md): created 0600,
 * and an existing file is narrowed to 0600 before the new text goes in.
 */
async function writePrivateFile(path: string, text: string | Iterable<string>): Promise<void> {
  // Loaded here, when a command writes a file, not at every start (readTextFile).
  const { open } = await import("node:fs/promises");
  const handle = await open(path, "w", PRIVATE_FILE_MODE);
  try {
    await handle.chmod(PRIVATE_FILE_MODE);
    await handle.writeFile(text, "utf8");
  } finally {
    await handle.close();
  }
}

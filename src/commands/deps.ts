import type { SentryTransport } from "../sentry/transport.js";

/** Progress and notes for people; results never go through the logger. */
export interface Logger {
  /** Phase progress ("read 3 pages of members"); the CLI shows it on a terminal only. */
  progress(message: string): void;
  /** Something the user should know that is not an error. */
  warn(message: string): void;
}

/** A logger that says nothing, for tests and quiet runs. */
export const SILENT_LOGGER: Logger = { progress: () => {}, warn: () => {} };

/** Where Sentry is and how to reach it; the token never leaves this object except as a header. */
export interface SentryConnection {
  /** e.g. https://sentry.io, https://de.sentry.io, https://sentry.example.com/prefix */
  readonly baseUrl: string;
  readonly token: string;
  /** Where the token came from, named in "Sentry rejected the token" errors; default "SENTRY_AUTH_TOKEN" (the Action: "the sentry-token input"). */
  readonly tokenSource?: string;
  /** Where the URL came from, named in "cannot reach" errors: the CLI "--url or SENTRY_URL", the Action "the sentry-url input". */
  readonly urlSource?: string;
}

/**
 * Everything a command needs from the outside world. Both front ends build one;
 * tests build one with fakes. Time and sleep are injected (docs/architecture.md#rules-the-code-keeps).
 */
export interface Deps {
  readonly readFile: (path: string) => Promise<string>;
  /**
   * Writes a file readable by its owner only (0600): every file written names
   * members. Pieces are written as they come, so a large file (apply's
   * snapshot) never has to be one string.
   */
  readonly writeFile: (path: string, text: string | Iterable<string>) => Promise<void>;
  readonly logger: Logger;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /**
   * The transport the Sentry client uses: undici's request API over a pooled
   * agent in production (undici-transport.ts); globalThis.fetch fits too.
   */
  readonly fetch: SentryTransport;
}

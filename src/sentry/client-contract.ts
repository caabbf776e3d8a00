// The client's contract with its callers: what it is given and what it answers.
import type { AnswerHeaders, SentryTransport } from "./transport.js";

/** Methods the client writes with. */
export type WriteMethod = "POST" | "PUT" | "DELETE";

/** Progress and notes; the client only reports rate-limit waits. */
export interface SentryClientLogger {
  progress(message: string): void;
  warn(message: string): void;
}

/** What the client needs from outside; all injected (docs/architecture.md#rules-the-code-keeps). */
export interface SentryClientOptions {
  /** https://sentry.io, https://de.sentry.io, https://sentry.example.com/prefix; http only for loopback. */
  readonly baseUrl: string;
  readonly token: string;
  /** The HTTP call (transport.ts); globalThis.fetch fits. */
  readonly fetch: SentryTransport;
  readonly sleep: (ms: number) => Promise<void>;
  /** Epoch ms. */
  readonly now: () => number;
  readonly logger?: SentryClientLogger;
  /** e.g. "sentry-roster/0.1.0" */
  readonly userAgent?: string;
  /** Where the token came from, for 401 messages: default "SENTRY_AUTH_TOKEN". */
  readonly tokenSource?: string;
  /** Where the URL came from, for "cannot reach" messages: default "the Sentry URL". */
  readonly urlSource?: string;
  /** Jitter source in [0, 1); default a fixed-seed generator, so runs are repeatable. */
  readonly random?: () => number;
  readonly requestTimeoutMs?: number;
  /**
   * Once aborted, writes not yet sent are refused (SentryWriteNotSentError)
   * and the one in flight finishes: how apply stops on Ctrl-C (docs/cli.md).
   */
  readonly stopWrites?: AbortSignal;
}

/** GETs that share one read slot until closed (SentryClient.openReader). */
export interface SentryReader {
  get<T>(path: string, query?: Readonly<Record<string, string>>): Promise<SentryResponse<T>>;
  /** Gives the slot back; closing twice is harmless. */
  close(): void;
}

/** A successful answer. */
export interface SentryResponse<T> {
  readonly status: number;
  readonly headers: AnswerHeaders;
  readonly body: T;
}

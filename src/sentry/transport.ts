/**
 * The one HTTP call the client makes, as narrow as the client uses it: a
 * URL and method, headers, an optional text body and an abort signal in; a
 * status, header lookup and the body as text out. globalThis.fetch has this
 * shape (tests hand it in as it is); production hands in undici's request
 * API over a pooled agent (src/commands/undici-transport.ts), which costs
 * far less to load and per answer than a fetch implementation.
 */

/** The headers of an answer; lookup ignores case, repeated headers come joined by ", " (as fetch's Headers). */
export interface AnswerHeaders {
  get(name: string): string | null;
}

/** What the client reads of an answer. */
export interface TransportAnswer {
  readonly status: number;
  readonly headers: AnswerHeaders;
  /** The whole body, decoded; rejects when the answer breaks off. */
  text(): Promise<string>;
}

/** What the client sends. */
export interface TransportRequest {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  /** The token never follows a redirect (docs/security.md): a 3xx comes back as the answer. */
  readonly redirect: "manual";
  /** Aborts the request, or the body still arriving, with the signal's reason. */
  readonly signal: AbortSignal;
}

/** Sends one request and resolves with its answer once the headers are in; rejects when none arrives. */
export type SentryTransport = (url: string, request: TransportRequest) => Promise<TransportAnswer>;

/** A success answer that says JSON but does not parse: cut short on the way, as good as no answer. */
export class TruncatedAnswer extends Error {
  override name = "TruncatedAnswer";
}

/** A 2xx status. */
export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** The body as JSON, as text when it is not JSON (error pages), undefined when empty. */
export async function readBody(response: TransportAnswer): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // Error bodies vary (HTML pages, bare strings): keep them as text. A 2xx that claims JSON must parse.
    if (isSuccess(response.status) && (response.headers.get("content-type") ?? "").includes("json"))
      throw new TruncatedAnswer("the answer's JSON was cut short", { cause: error });
    return text;
  }
}

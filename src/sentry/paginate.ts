import type { SentryClient } from "./client.js";
import { SentryProtocolError } from "./errors.js";
import { parseLinkHeader } from "./link-header.js";

/** Sentry's maximum page size; constant, because the cursor bakes it in (docs/sentry-behaviour.md S2). */
export const PER_PAGE = 100;
/** 100,000 rows: far above any org, low enough to stop a server that never says results="false". */
export const MAX_PAGES = 1_000;

/**
 * Yields every page of a paginated list. Sends the `cursor` attribute to our
 * own base URL (never the link's URL, whose host may differ) and stops on
 * `results="false"`. A repeated cursor or too many pages is an error.
 */
export async function* paginate<T>(
  client: SentryClient,
  path: string,
  query: Readonly<Record<string, string>> = {},
): AsyncGenerator<T[]> {
  const seen = new Set<string>();
  let cursor: string | undefined;
  // One reader for the whole list: its pages form a cursor chain (client.ts openReader).
  const reader = await client.openReader();
  try {
    for (let pageNumber = 1; ; pageNumber += 1) {
      if (pageNumber > MAX_PAGES)
        throw new SentryProtocolError(`GET ${path}: more than ${MAX_PAGES} pages; stopped reading`);
      const page = await reader.get<unknown>(path, {
        ...query,
        per_page: String(PER_PAGE),
        ...(cursor ? { cursor } : {}),
      });
      if (!Array.isArray(page.body))
        throw new SentryProtocolError(`GET ${path}: expected a list, got ${typeof page.body}`);
      yield page.body as T[];
      const next = parseLinkHeader(page.headers.get("link")).next;
      if (!next || next.results !== true || !next.cursor) return;
      if (seen.has(next.cursor))
        throw new SentryProtocolError(`GET ${path}: Sentry sent cursor "${next.cursor}" twice; stopped to avoid a loop`);
      seen.add(next.cursor);
      cursor = next.cursor;
    }
  } finally {
    reader.close();
  }
}

/** Every row of a paginated list, in order. */
export async function readAll<T>(
  client: SentryClient,
  path: string,
  query: Readonly<Record<string, string>> = {},
): Promise<T[]> {
  return readAllAs(client, path, (row) => row as T, query);
}

/**
 * Every row of a paginated list through `read`, page by page: each raw page
 * (Sentry's member rows carry whole user objects) can be freed as soon as it
 * is read, instead of the whole list's raw JSON being held (docs/benchmarks.md).
 */
export async function readAllAs<R>(
  client: SentryClient,
  path: string,
  read: (row: unknown) => R,
  query: Readonly<Record<string, string>> = {},
): Promise<R[]> {
  const rows: R[] = [];
  for await (const page of paginate<unknown>(client, path, query)) for (const row of page) rows.push(read(row));
  return rows;
}

import { normalizeEmail } from "../domain/identity.js";
import { MAX_CONCURRENT_READS, type SentryClient, apiPath } from "./client.js";
import { type MemberDto, readMember } from "./dto.js";
import { readAll } from "./paginate.js";
import { mapLimit } from "./read-live-state.js";

/** Addresses per search: Sentry takes every `email:` value of one query as a list (T33); this keeps the URL short. */
export const LOOKUP_BATCH = 40;

/**
 * Looks roster addresses up with Sentry's members search, which finds an
 * accepted member by any email of their account, primary or secondary
 * (docs/sentry-behaviour.md T8). One search asks for up to LOOKUP_BATCH
 * addresses at once (`email:a email:b …` matches any of them, T33); a batch
 * that finds someone under another email is split in halves until each hit
 * has its address, so a roster of new people costs one request per batch.
 * Returns normalized address → the id of the accepted member found under
 * another email. At most MAX_CONCURRENT_READS searches run at once, and the
 * client paces them to the members index's rate limit (S3). No address, no request.
 */
export async function lookUpAccountEmails(client: SentryClient, organization: string, addresses: readonly string[]): Promise<Record<string, string>> {
  const search = async (batch: readonly string[]): Promise<MemberDto[]> => {
    const query = batch.map((address) => `email:${address}`).join(" ");
    return (await readAll<unknown>(client, apiPath("organizations", organization, "members"), { query })).map(readMember);
  };
  const hits: [string, string][] = [];
  const resolve = async (batch: readonly string[]): Promise<void> => {
    const asked = new Set(batch.map(normalizeEmail));
    // Accepted members shown under an address not asked for: found by another email of their account.
    const found = (await search(batch)).filter((row) => !row.pending && row.email !== "" && !asked.has(normalizeEmail(row.email)));
    // No hit; or more rows than addresses: a server that ignored the query, which tells nothing.
    if (found.length === 0 || found.length > batch.length) return;
    if (batch.length === 1) {
      if (found.length === 1) hits.push([normalizeEmail(batch[0] as string), (found[0] as MemberDto).id]);
      return;
    }
    const half = Math.ceil(batch.length / 2);
    await Promise.all([resolve(batch.slice(0, half)), resolve(batch.slice(half))]);
  };
  const batches: string[][] = [];
  for (let start = 0; start < addresses.length; start += LOOKUP_BATCH) batches.push(addresses.slice(start, start + LOOKUP_BATCH));
  await mapLimit(batches, MAX_CONCURRENT_READS, resolve);
  return Object.fromEntries(hits.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

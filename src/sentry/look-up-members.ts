import { normalizeEmail, sameEmail } from "../domain/identity.js";
import { type SentryClient, apiPath } from "./client.js";
import { readMember } from "./dto.js";
import { readAll } from "./paginate.js";
import { MAX_CONCURRENT_READS, mapLimit } from "./read-live-state.js";

/**
 * Looks roster addresses up with Sentry's members search (`query=email:ADDRESS`),
 * which finds an accepted member by any email of their account, primary or
 * secondary (docs/sentry-behaviour.md T8). Returns normalized address → the id
 * of the accepted member found under another email; addresses that find
 * nothing, or only an invite, are left out. At most MAX_CONCURRENT_READS
 * searches run at once, and the client paces them to the members index's
 * rate limit (S3). No address, no request.
 */
export async function lookUpAccountEmails(client: SentryClient, organization: string, addresses: readonly string[]): Promise<Record<string, string>> {
  const hits = await mapLimit(addresses, MAX_CONCURRENT_READS, async (address) => {
    const rows = (await readAll<unknown>(client, apiPath("organizations", organization, "members"), { query: `email:${address}` })).map(readMember);
    // A server that ignores the query lists everyone: only a single accepted row is an answer.
    const accepted = rows.filter((row) => !row.pending && row.email !== "");
    const hit = accepted.length === 1 ? accepted[0] : undefined;
    return hit && !sameEmail(hit.email, address) ? ([normalizeEmail(address), hit.id] as const) : undefined;
  });
  return Object.fromEntries(hits.filter((hit) => hit !== undefined));
}

import { normalizeEmail } from "../domain/identity.js";
import type { DesiredMember, DesiredState, LiveMember, LiveState } from "../domain/types.js";
import { compareIds, sortBy, type PlanDraft } from "./plan-draft.js";

/** A desired member and the live member it matched, if any. */
export interface Pairing {
  readonly desired: DesiredMember;
  readonly live: LiveMember | undefined;
  /** The roster address Sentry's member search found this member by (another email of their account). */
  readonly foundBy?: string;
}

/** Who the roster names and who the live org has, after `ignore` and matching. */
export interface RosterMatch {
  /** Roster members the plan acts on (listed and not ignored). */
  readonly wanted: readonly DesiredMember[];
  /** Every wanted member, sorted by email, with its live member if one matched. */
  readonly pairings: readonly Pairing[];
  /** Live members no roster entry matched (ignored ones and rows without an email left out). */
  readonly unlisted: readonly LiveMember[];
  /** Live members the roster's `ignore:` names: left alone. */
  readonly ignored: readonly LiveMember[];
}

/**
 * Matches the roster to the live org. `draft` collects the warnings matching
 * has to give (listed and ignored, rows without an email, members found by
 * the search under another email of their account); without it they are dropped.
 */
export function matchRoster(desired: DesiredState, live: LiveState, draft?: PlanDraft): RosterMatch {
  const ignored = new Set(desired.ignore.map(normalizeEmail));
  const wanted = desired.members.filter((member) => {
    if (!ignored.has(normalizeEmail(member.email))) return true;
    draft?.warnings.push({ message: `${member.email} is both listed and ignored: the roster leaves them alone.`, email: normalizeEmail(member.email) });
    return false;
  });
  const ignoredMembers: LiveMember[] = [];
  const candidates = live.members.filter((member) => {
    if (member.email !== "") {
      if (!ignored.has(normalizeEmail(member.email))) return true;
      ignoredMembers.push(member);
      return false;
    }
    // Sentry can send a row without an address (docs/sentry-behaviour.md T32): nothing can name it.
    draft?.warnings.push({
      message: `Sentry member ${member.id} (${member.name}) has no email address: the roster cannot name them, so they are left alone.`,
    });
    return false;
  });
  const { pairings, unlisted } = matchMembers(wanted, candidates, live.accountEmails ?? {});
  for (const pairing of pairings) {
    if (pairing.foundBy === undefined || !pairing.live) continue;
    draft?.warnings.push({
      message: `${pairing.foundBy} is another email of the Sentry member ${pairing.live.email} (Sentry shows their account's primary email): add "aliases: [${pairing.live.email}]" to their roster entry, so the next plan needs no search.`,
      email: normalizeEmail(pairing.desired.email),
    });
  }
  return { wanted, pairings, unlisted, ignored: ignoredMembers };
}

/**
 * The roster addresses to look up before planning (docs/sentry-behaviour.md T8):
 * every email and alias of a roster member that matches no listed member.
 * Sentry's members search `email:` finds an account by any of its emails, so
 * a hit is that member rather than a new invite. Empty when all matched.
 */
export function addressesToLookUp(desired: DesiredState, live: LiveState): string[] {
  const { pairings } = matchRoster(desired, { ...live, accountEmails: {} });
  const addresses = pairings.filter((pairing) => !pairing.live).flatMap((pairing) => [pairing.desired.email, ...pairing.desired.aliases]);
  return [...new Set(addresses.map(normalizeEmail))].sort();
}

/**
 * Matches roster members to live members by normalized email and aliases (an
 * accepted member shows their account's primary email). Accepted members are
 * matched before pending invites, so a person with a stale invite under one
 * address and an account under an alias keeps the account (the stale invite
 * is then unlisted). In each round primary emails go before aliases, so an
 * alias never takes another member's row; several rows for one address go by
 * lowest id. Last, addresses the members search found (`accountEmails`) match
 * the accepted member they belong to.
 */
function matchMembers(
  wanted: readonly DesiredMember[],
  liveMembers: readonly LiveMember[],
  accountEmails: Readonly<Record<string, string>>,
): { pairings: Pairing[]; unlisted: LiveMember[] } {
  const byEmail = new Map<string, LiveMember[]>();
  for (const member of liveMembers) {
    const key = normalizeEmail(member.email);
    const rows = byEmail.get(key);
    if (rows) rows.push(member);
    else byEmail.set(key, [member]);
  }
  for (const rows of byEmail.values()) rows.sort(compareLiveRows);
  const claimed = new Set<string>();
  const take = (email: string, pending: boolean): LiveMember | undefined => {
    const row = byEmail.get(normalizeEmail(email))?.find((member) => member.pending === pending && !claimed.has(member.id));
    if (row) claimed.add(row.id);
    return row;
  };
  const sorted = sortBy(wanted, (member) => normalizeEmail(member.email));
  const found = new Map<DesiredMember, LiveMember>();
  for (const pending of [false, true]) {
    for (const useAliases of [false, true]) {
      for (const member of sorted) {
        if (found.has(member)) continue;
        for (const email of useAliases ? member.aliases : [member.email]) {
          const row = take(email, pending);
          if (row) {
            found.set(member, row);
            break;
          }
        }
      }
    }
  }
  const foundBy = matchByAccountEmail(sorted, found, liveMembers, claimed, accountEmails);
  const pairings = sorted.map((member): Pairing => {
    const address = foundBy.get(member);
    return address === undefined ? { desired: member, live: found.get(member) } : { desired: member, live: found.get(member), foundBy: address };
  });
  // By email, then by id as a number (length first): "\u0000" sorts before any email character.
  const unlisted = sortBy(
    liveMembers.filter((member) => !claimed.has(member.id)),
    (member) => `${normalizeEmail(member.email)}\u0000${String(member.id.length).padStart(6, "0")}${member.id}`,
  );
  return { pairings, unlisted };
}

/** Pairs still-unmatched roster members with the accepted member the search found their address under. */
function matchByAccountEmail(
  sorted: readonly DesiredMember[],
  found: Map<DesiredMember, LiveMember>,
  liveMembers: readonly LiveMember[],
  claimed: Set<string>,
  accountEmails: Readonly<Record<string, string>>,
): Map<DesiredMember, string> {
  const foundBy = new Map<DesiredMember, string>();
  if (Object.keys(accountEmails).length === 0) return foundBy;
  const byId = new Map(liveMembers.map((member) => [member.id, member]));
  for (const member of sorted) {
    if (found.has(member)) continue;
    for (const address of [member.email, ...member.aliases]) {
      const id = accountEmails[normalizeEmail(address)];
      const row = id === undefined ? undefined : byId.get(id);
      if (!row || row.pending || claimed.has(row.id)) continue;
      claimed.add(row.id);
      found.set(member, row);
      foundBy.set(member, address);
      break;
    }
  }
  return foundBy;
}

function compareLiveRows(a: LiveMember, b: LiveMember): number {
  return Number(a.pending) - Number(b.pending) || compareIds(a.id, b.id);
}

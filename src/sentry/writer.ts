/**
 * The writes to Sentry, one method per change kind. Its two exported types
 * are a deliberate port of apply/ports.ts (sentry/ may not import apply/:
 * docs/architecture.md#layers-and-dependency-direction); commands/ passes this writer where apply
 * wants a SentryWriter, so TypeScript checks they still agree. Change both together.
 */
import { sameEmail } from "../domain/identity.js";
import type { OrgRole, TeamRole } from "../domain/types.js";
import { type SentryClient, apiPath } from "./client.js";
import { readMember, readMemberDetails, readTeam, readTeamRoleAnswer, type MemberDetailsDto } from "./dto.js";
import { SentryAmbiguousWriteError, SentryApiError, SentryWriteNotSentError } from "./errors.js";
import { readAll } from "./paginate.js";
import { MAX_WRITE_ATTEMPTS } from "./retry-policy.js";

/**
 * What one write achieved. Structurally equal to apply/ports.ts WriteOutcome
 * (sentry/ may not import apply/: docs/architecture.md#layers-and-dependency-direction).
 */
export type WriterOutcome =
  | { readonly kind: "applied"; readonly note?: string; readonly attempts?: number; readonly memberId?: string }
  | { readonly kind: "already"; readonly note?: string; readonly attempts?: number; readonly memberId?: string }
  | { readonly kind: "not-applied"; readonly reason: string; readonly attempts?: number };

/** Structurally equal to apply/ports.ts SentryWriter. */
export interface SentryRosterWriter {
  createTeam(slug: string, name: string): Promise<WriterOutcome>;
  invite(email: string, role: OrgRole, teams: readonly string[]): Promise<WriterOutcome>;
  reinvite(memberId: string): Promise<WriterOutcome>;
  setRole(memberId: string, role: OrgRole): Promise<WriterOutcome>;
  addToTeam(memberId: string, team: string): Promise<WriterOutcome>;
  setTeamRole(memberId: string, team: string, role: TeamRole): Promise<WriterOutcome>;
  removeFromTeam(memberId: string, team: string): Promise<WriterOutcome>;
  removeMember(memberId: string): Promise<WriterOutcome>;
}

/** Reasons shown for writes Sentry accepted without doing them. */
export const NOT_APPLIED = {
  accessRequest:
    "Sentry filed an access request instead (Open Membership is off and the token's user is not a team admin/manager/owner)",
  noTeamRoles: "the org has no team-roles feature",
} as const;

const VERIFIED = "confirmed by reading back after an unclear answer";

/**
 * How a write whose answer was lost (5xx, reset, timeout) is settled in the same run:
 * - repeat: the write is idempotent in Sentry (team add and removal, team
 *   role, org role): send it again after a back-off;
 * - read-first: it is not (invite, re-invite, team creation): read back, and
 *   send again only when it did not land, so it never lands twice.
 * Either way, after MAX_WRITE_ATTEMPTS a read says whether any attempt took
 * effect, and only then is the outcome "unknown".
 */
type SettleKind = "repeat" | "read-first";

/**
 * Runs `write` (given its attempt number, from 1) until it answers, as
 * SettleKind says; `landed` re-reads Sentry: true means the change is there.
 */
async function settleWrite(
  client: SentryClient,
  kind: SettleKind,
  write: (attempt: number) => Promise<WriterOutcome>,
  landed: () => Promise<boolean>,
): Promise<WriterOutcome> {
  let lost: SentryAmbiguousWriteError | undefined;
  const confirmed = async (attempts: number): Promise<WriterOutcome | undefined> => {
    let tookEffect: boolean;
    try {
      tookEffect = await landed();
    } catch {
      throw lost;
    }
    return tookEffect ? { kind: "applied", note: VERIFIED, attempts } : undefined;
  };
  for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
    if (lost !== undefined) {
      await client.backOff(attempt - 1, lost.request);
      if (kind === "read-first") {
        const done = await confirmed(attempt - 1);
        if (done) return done;
      }
    }
    try {
      const outcome = await write(attempt);
      return attempt === 1 ? outcome : { ...outcome, attempts: attempt };
    } catch (error) {
      // Stopped (Ctrl-C) after an unclear attempt: the outcome stays unknown.
      if (error instanceof SentryWriteNotSentError && lost !== undefined) throw lost;
      if (!(error instanceof SentryAmbiguousWriteError)) throw error;
      lost = error;
    }
  }
  const done = await confirmed(MAX_WRITE_ATTEMPTS);
  if (done) return done;
  const last = lost as SentryAmbiguousWriteError;
  throw new SentryAmbiguousWriteError(last.request, last.why, {
    cause: last,
    message: `${last.request}: not applied: no clear answer in ${MAX_WRITE_ATTEMPTS} attempts (the last: ${last.why}), and reading back shows it did not take effect`,
  });
}

function isStatus(error: unknown, status: number): error is SentryApiError {
  return error instanceof SentryApiError && error.status === status;
}

/**
 * The writer apply uses: one method per change action, each mapped to the
 * calls of docs/sentry-behaviour.md S8, with Sentry's quiet non-answers (202,
 * ignored team roles) reported as not-applied, and writes whose answer was
 * lost settled in the same run (settleWrite). size: over 60 lines, one short
 * entry per change action, kept together so the mapping reads as one table.
 */
export function createSentryWriter(client: SentryClient, organization: string): SentryRosterWriter {
  const memberPath = (id: string) => apiPath("organizations", organization, "members", id);
  const memberTeamPath = (id: string, team: string) =>
    apiPath("organizations", organization, "members", id, "teams", team);
  const details = async (id: string): Promise<MemberDetailsDto> =>
    readMemberDetails((await client.get<unknown>(memberPath(id))).body);
  const gone = async (id: string): Promise<boolean> => {
    try {
      await client.get<unknown>(memberPath(id));
      return false;
    } catch (error) {
      if (isStatus(error, 404)) return true;
      throw error;
    }
  };
  // Sentry's search narrows the read to one page; the rows are still compared here, so a
  // server that ignored the query costs requests, not correctness.
  const findByEmail = async (email: string) =>
    (await readAll<unknown>(client, apiPath("organizations", organization, "members"), { query: `email:${email}` }))
      .map(readMember)
      .find((m) => sameEmail(m.email, email));
  const storedTeamRole = async (id: string, team: string) =>
    (await details(id)).teamRoles.find((t) => t.teamSlug === team);

  return {
    createTeam: (slug, name) =>
      settleWrite(
        client,
        "read-first",
        async () => {
          await client.send("POST", apiPath("organizations", organization, "teams"), { slug, name });
          return { kind: "applied" };
        },
        async () =>
          (await readAll<unknown>(client, apiPath("organizations", organization, "teams"), { detailed: "0" }))
            .map(readTeam)
            .some((t) => t.slug === slug),
      ),

    invite: async (email, role, teams) => {
      const body = {
        email,
        orgRole: role,
        role,
        ...(teams.length > 0 ? { teamRoles: teams.map((teamSlug) => ({ teamSlug, role: null })) } : {}),
      };
      // The new member's id, so apply can set team roles right after (E11 works on invitees).
      let found: string | undefined;
      try {
        const outcome = await settleWrite(
          client,
          "read-first",
          async () => {
            const answer = await client.send<unknown>("POST", apiPath("organizations", organization, "members"), body);
            return { kind: "applied", memberId: readMember(answer.body).id };
          },
          async () => (found = (await findByEmail(email))?.id) !== undefined,
        );
        return found === undefined || outcome.kind === "not-applied" ? outcome : { ...outcome, memberId: found };
      } catch (error) {
        // "already a member" / "already been invited": someone got there first.
        const existing =
          isStatus(error, 400) && /already (a member|been invited)/i.test(error.detail ?? "") ? await findByEmail(email) : undefined;
        if (existing) return { kind: "already", note: error instanceof SentryApiError ? (error.detail ?? "already in the org") : "already in the org", memberId: existing.id };
        throw error;
      }
    },

    reinvite: (memberId) =>
      settleWrite(
        client,
        "read-first",
        async () => {
          await client.send("PUT", memberPath(memberId), { reinvite: true, regenerate: true });
          return { kind: "applied" };
        },
        async () => {
          const member = await details(memberId);
          return member.pending && !member.expired;
        },
      ),

    setRole: async (memberId, role) => {
      // Fresh team roles, sent back unchanged: a PUT without them would drop every team (docs/sentry-behaviour.md T2).
      const current = await details(memberId);
      if (current.orgRole === role) return { kind: "already" };
      const teamRoles =
        role === "billing" ? [] : current.teamRoles.map((t) => ({ teamSlug: t.teamSlug, role: t.role }));
      return settleWrite(
        client,
        "repeat",
        async () => {
          const answer = readMemberDetails(
            (await client.send<unknown>("PUT", memberPath(memberId), { orgRole: role, role, teamRoles })).body,
          );
          return answer.orgRole === role
            ? { kind: "applied" }
            : { kind: "not-applied", reason: `Sentry kept the role "${answer.orgRole}"` };
        },
        async () => (await details(memberId)).orgRole === role,
      );
    },

    addToTeam: (memberId, team) =>
      settleWrite(
        client,
        "repeat",
        async (attempt) => {
          const answer = await client.send<unknown>("POST", memberTeamPath(memberId, team));
          // 204 "already on the team" after a lost answer: the lost attempt added them.
          if (answer.status === 204) return attempt === 1 ? { kind: "already" } : { kind: "applied" };
          if (answer.status === 202) return { kind: "not-applied", reason: NOT_APPLIED.accessRequest };
          return { kind: "applied" };
        },
        async () => (await storedTeamRole(memberId, team)) !== undefined,
      ),

    setTeamRole: (memberId, team, role) => {
      // Sentry stores null for "the minimum the org role implies": contributor reads back as null.
      const matches = (stored: TeamRole | null) => stored === role || (role === "contributor" && stored === null);
      return settleWrite(
        client,
        "repeat",
        async () => {
          const stored = readTeamRoleAnswer(
            (await client.send<unknown>("PUT", memberTeamPath(memberId, team), { teamRole: role })).body,
          );
          return matches(stored) ? { kind: "applied" } : { kind: "not-applied", reason: NOT_APPLIED.noTeamRoles };
        },
        async () => {
          const entry = await storedTeamRole(memberId, team);
          return entry !== undefined && matches(entry.role);
        },
      );
    },

    removeFromTeam: async (memberId, team) => {
      try {
        return await settleWrite(
          client,
          "repeat",
          async () => {
            await client.send("DELETE", memberTeamPath(memberId, team));
            return { kind: "applied" };
          },
          async () => (await storedTeamRole(memberId, team)) === undefined,
        );
      } catch (error) {
        if (isStatus(error, 404) && (await gone(memberId)))
          return { kind: "already", note: "the member is no longer in the org" };
        throw error;
      }
    },

    removeMember: async (memberId) => {
      try {
        return await settleWrite(
          client,
          "repeat",
          async (attempt) => {
            try {
              await client.send("DELETE", memberPath(memberId));
            } catch (error) {
              // 404 after a lost answer: the lost attempt removed them.
              if (attempt > 1 && isStatus(error, 404)) return { kind: "applied" };
              throw error;
            }
            return { kind: "applied" };
          },
          () => gone(memberId),
        );
      } catch (error) {
        if (isStatus(error, 404)) return { kind: "already", note: "the member was already gone" };
        throw error;
      }
    },
  };
}

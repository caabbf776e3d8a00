/**
 * The port apply writes through. A deliberate port: sentry/writer.ts declares
 * the same two types again (WriterOutcome, SentryRosterWriter) because sentry/
 * may not import apply/ (docs/architecture.md#layers-and-dependency-direction);
 * commands/ hands the one to the other, so TypeScript checks they still agree.
 * Change both together.
 */
import type { OrgRole, TeamRole } from "../domain/types.js";

/**
 * What one write achieved:
 * - applied: Sentry made the change;
 * - already: nothing to do, the state was already as wanted (team add 204, already invited);
 * - not-applied: Sentry answered success but changed nothing (team add 202 = access request filed,
 *   team role ignored without the team-roles feature). `reason` says why.
 * `attempts` is set when the write took more than one try (its answer was lost and it was settled).
 */
export type WriteOutcome =
  | { readonly kind: "applied"; readonly note?: string; readonly attempts?: number; readonly memberId?: string }
  | { readonly kind: "already"; readonly note?: string; readonly attempts?: number; readonly memberId?: string }
  | { readonly kind: "not-applied"; readonly reason: string; readonly attempts?: number };

/**
 * The narrow port apply writes through; src/sentry/writer.ts implements it.
 * Methods throw a typed error (with Sentry's message) when Sentry refuses;
 * an error with `notSent: true` means the write never left (apply was interrupted).
 */
export interface SentryWriter {
  createTeam(slug: string, name: string): Promise<WriteOutcome>;
  /** Invite with `teams` as memberships; team roles are set later (Sentry ignores them at invite). */
  invite(email: string, role: OrgRole, teams: readonly string[]): Promise<WriteOutcome>;
  reinvite(memberId: string): Promise<WriteOutcome>;
  setRole(memberId: string, role: OrgRole): Promise<WriteOutcome>;
  addToTeam(memberId: string, team: string): Promise<WriteOutcome>;
  setTeamRole(memberId: string, team: string, role: TeamRole): Promise<WriteOutcome>;
  removeFromTeam(memberId: string, team: string): Promise<WriteOutcome>;
  removeMember(memberId: string): Promise<WriteOutcome>;
}

import { minimumTeamRole } from "../domain/roles.js";
import type { LiveState } from "../domain/types.js";
import type { ApplyResult, ChangeOutcome } from "../plan/outcome.js";
import type { Change } from "../plan/plan.js";
import { groupByPhase, type ApplyPhase } from "./order-changes.js";
import type { SentryWriter, WriteOutcome } from "./ports.js";

/**
 * Changes in flight at once within a phase. The Sentry client sends the
 * writes themselves one at a time and paces them to the rate limit
 * (docs/sentry-behaviour.md S3); running a few changes at once overlaps the reads a
 * writer does around them (fresh team roles before a role change, read-backs),
 * so the write queue never waits on a read.
 */
export const APPLY_CONCURRENCY = 4;

/** The note on each change an interrupt kept from being sent; the report's stop message says why. */
export const NOT_SENT_INTERRUPTED = "not sent: apply was interrupted";

/** After this many failures in a row, Sentry is refusing everything: stop instead of sending the rest. */
export const MAX_CONSECUTIVE_FAILURES = 10;

/** Options of applyPlan. */
export interface ApplyPlanOptions {
  /** Called each time a change has been attempted: `done` of `total` changes. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * The live org the plan was computed from. An add-to-team asks for team
   * role admin only where Sentry stores it: the org has team roles (invitees
   * included: E11 works on them), and admin is above the minimum of the org role
   * they end the plan with (Sentry stores `null` at or below it). Without it,
   * every add-to-team with admin also sets the team role.
   */
  readonly live?: Pick<LiveState, "members" | "teamRolesEnabled">;
  /** Writes in flight within a phase; defaults to APPLY_CONCURRENCY. */
  readonly concurrency?: number;
  /**
   * Once aborted (Ctrl-C, a cancelled job), no further change starts; the
   * changes in flight finish, and the rest are `not-run`. Its `reason`, a
   * string, is the report's stop message.
   */
  readonly stop?: AbortSignal;
}

/** Phases that could drop owners or managers, held back when a promotion before them failed. */
const HELD_AFTER_FAILED_PROMOTION: readonly ApplyPhase[] = ["demotions", "team-roles-after-demotion", "member-removals"];

/**
 * Runs the changes through the writer in the safe order (order-changes.ts),
 * a few at a time within a phase, and says what happened to each one. It
 * decides only order and when to stop:
 * - a failed promotion holds back demotions and removals (they could leave
 *   the org without its owners);
 * - a team that could not be created holds back the changes that need it;
 * - a rejected token, or MAX_CONSECUTIVE_FAILURES in a row, stops the run;
 * - options.stop (Ctrl-C), or a write the writer held back, stops it too.
 * Changes not attempted are `not-run` with the reason. Outcomes come back in
 * apply order, one per change; `skipped` is left empty for the caller to fill.
 */
export async function applyPlan(changes: readonly Change[], writer: SentryWriter, options: ApplyPlanOptions = {}): Promise<ApplyResult> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? APPLY_CONCURRENCY));
  const total = changes.length;
  const outcomes: ChangeOutcome[] = [];
  const failedTeams = new Set<string>();
  const heldPhases = new Map<ApplyPhase, string>();
  let stoppedBecause: string | undefined;
  let writerHeldBack = false;
  const interrupted = () => options.stop?.aborted === true || writerHeldBack;
  let consecutiveFailures = 0;
  let done = 0;
  const teamRoleTargets = teamRoleDecider(changes, options.live);

  for (const group of groupByPhase(changes)) {
    const results: ChangeOutcome[] = new Array<ChangeOutcome>(group.changes.length);
    let next = 0;
    const worker = async () => {
      while (next < group.changes.length) {
        const index = next++;
        const change = group.changes[index] as Change;
        if (stoppedBecause === undefined && options.stop?.aborted) stoppedBecause = stopReason(options.stop);
        const holdReason = (interrupted() ? NOT_SENT_INTERRUPTED : stoppedBecause) ?? heldPhases.get(group.phase) ?? missingTeamReason(change, failedTeams);
        if (holdReason !== undefined) {
          results[index] = { change, status: "not-run", message: holdReason };
          continue;
        }
        const outcome = await runChange(change, writer, teamRoleTargets);
        results[index] = outcome;
        if (outcome.notSent) {
          writerHeldBack = true;
          stoppedBecause ??= options.stop ? stopReason(options.stop) : outcome.message;
          continue;
        }
        done += 1;
        options.onProgress?.(done, total);
        if (outcome.status === "applied") {
          consecutiveFailures = 0;
          continue;
        }
        consecutiveFailures += 1;
        if (change.action === "create-team") failedTeams.add(change.team);
        if (group.phase === "new-owners" || group.phase === "promotions") holdAfterFailedPromotion(heldPhases, change);
        if (stoppedBecause === undefined && outcome.tokenRejected) {
          stoppedBecause = `stopped: Sentry rejected the token (${outcome.message ?? "HTTP 401"}); nothing more was sent`;
        } else if (stoppedBecause === undefined && consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) {
          // Each of these already went through its retries (the writer settles lost answers), so Sentry is refusing.
          stoppedBecause = `stopped after ${MAX_CONSECUTIVE_FAILURES} failures in a row that retries could not settle; the rest was not sent (run apply again once Sentry accepts writes)`;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, group.changes.length) }, worker));
    outcomes.push(...results.map(({ change, status, message }) => (message === undefined ? { change, status } : { change, status, message })));
  }
  if (stoppedBecause === undefined) return { outcomes, skipped: [] };
  const notSent = outcomes.filter((outcome) => outcome.status === "not-run").length;
  return { outcomes, skipped: [], stoppedBecause: `${stoppedBecause} (${notSent} change${notSent === 1 ? "" : "s"} not sent, listed as not run)` };
}

/** A promotion failed: hold back the phases that could leave the org without its owners. */
function holdAfterFailedPromotion(heldPhases: Map<ApplyPhase, string>, change: Change): void {
  const who = change.action === "set-role" ? change.email : "a member";
  for (const phase of HELD_AFTER_FAILED_PROMOTION) {
    if (!heldPhases.has(phase)) {
      heldPhases.set(phase, `held back: the promotion of ${who} failed, and demoting or removing members now could leave the org without its owners; fix it and run apply again`);
    }
  }
}

type RunOutcome = ChangeOutcome & { readonly tokenRejected?: boolean; readonly notSent?: boolean };

/** The stop message of an aborted run: the abort reason when it is text. */
function stopReason(stop: AbortSignal): string {
  return typeof stop.reason === "string" ? stop.reason : "interrupted: nothing more was sent";
}

/** The reason a change cannot run because a team it needs was not created, if so. */
function missingTeamReason(change: Change, failedTeams: ReadonlySet<string>): string | undefined {
  if (failedTeams.size === 0) return undefined;
  const teams =
    change.action === "invite"
      ? Object.keys(change.teams)
      : change.action === "add-to-team" || change.action === "set-team-role" || change.action === "remove-from-team"
        ? [change.team]
        : [];
  const missing = teams.find((team) => failedTeams.has(team));
  return missing === undefined ? undefined : `not run: team "${missing}" could not be created`;
}

/** Runs one change: one writer call, two for an add-to-team that also sets a team role. */
async function runChange(change: Change, writer: SentryWriter, teamRoleTargets: TeamRoleDecider): Promise<RunOutcome> {
  try {
    switch (change.action) {
      case "create-team":
        return settle(change, await writer.createTeam(change.team, change.name), "the team already exists");
      case "invite":
        return await invite(change, writer, teamRoleTargets);
      case "reinvite":
        return settle(change, await writer.reinvite(change.memberId), "the invite was already fresh");
      case "set-role":
        return settle(change, await writer.setRole(change.memberId, change.to), `already ${change.to}`);
      case "add-to-team":
        return await addToTeam(change, writer, teamRoleTargets(change.memberId));
      case "set-team-role":
        return settle(change, await writer.setTeamRole(change.memberId, change.team, change.to), `already ${change.to}`);
      case "remove-from-team":
        return settle(change, await writer.removeFromTeam(change.memberId, change.team), "was not on the team");
      case "remove-member":
        return settle(change, await writer.removeMember(change.memberId), "was already gone");
    }
  } catch (error) {
    return failure(change, error);
  }
}

/**
 * Invites, then sets the team roles above the minimum right away: Sentry
 * applies none at invite, but its team-role write works on the invitee's
 * team membership (docs/sentry-behaviour.md E11, T5).
 */
async function invite(change: Extract<Change, { action: "invite" }>, writer: SentryWriter, targets: TeamRoleDecider): Promise<RunOutcome> {
  const outcome = await writer.invite(change.email, change.role, Object.keys(change.teams));
  const admin = Object.keys(change.teams).filter((team) => change.teams[team] === "admin");
  const roles = minimumTeamRole(change.role) === "admin" || targets(undefined) === "ignored" ? [] : admin;
  if (outcome.kind === "not-applied" || roles.length === 0) return settle(change, outcome, "already invited");
  const invited = outcome.kind === "already" ? (outcome.note ?? "already invited") : outcome.note;
  if (outcome.memberId === undefined) {
    return withMessage(change, "applied", [invited, `team role admin in ${roles.join(", ")} is set by the next run`].filter(Boolean).join("; "));
  }
  for (const team of roles) {
    try {
      const role = await writer.setTeamRole(outcome.memberId, team, "admin");
      if (role.kind === "not-applied") return { change, status: "failed", message: `invited, but team role admin in "${team}" was not set: ${role.reason}` };
    } catch (error) {
      return { ...failure(change, error), message: `invited, but setting team role admin in "${team}" failed: ${messageOf(error)}` };
    }
  }
  return withMessage(change, "applied", invited);
}

async function addToTeam(change: Extract<Change, { action: "add-to-team" }>, writer: SentryWriter, target: TeamRoleTarget): Promise<RunOutcome> {
  const added = await writer.addToTeam(change.memberId, change.team);
  if (added.kind === "not-applied") return { change, status: "failed", message: added.reason };
  const joined = joinNotes(attemptsNote(added), added.kind === "already" ? (added.note ?? "already on the team") : added.note);
  if (change.teamRole !== "admin" || target === "implied") return withMessage(change, "applied", joined);
  // The plan already warned that team roles have no effect on this org.
  if (target === "ignored") return withMessage(change, "applied", [joined, "team role admin not set: the org has no team roles"].filter(Boolean).join("; "));
  try {
    const role = await writer.setTeamRole(change.memberId, change.team, change.teamRole);
    if (role.kind === "not-applied") {
      return { change, status: "failed", message: `on team "${change.team}", but the team role was not set: ${role.reason}` };
    }
    return withMessage(change, "applied", joined);
  } catch (error) {
    const message = `on team "${change.team}", but setting team role admin failed: ${messageOf(error)}`;
    return { ...failure(change, error), status: "failed", message };
  }
}

/**
 * What setting team role admin after an add means for a member:
 * - set: write it (pending invitees too: E11 has no pending guard);
 * - implied: their org role already makes them team admin;
 * - ignored: the org has no team-roles feature.
 * `undefined` asks about a member not in the org yet (an invite): set or ignored.
 */
type TeamRoleTarget = "set" | "implied" | "ignored";
type TeamRoleDecider = (memberId: string | undefined) => TeamRoleTarget;

function teamRoleDecider(changes: readonly Change[], live: ApplyPlanOptions["live"]): TeamRoleDecider {
  if (live === undefined) return () => "set";
  const finalRoles = new Map(live.members.map((member) => [member.id, member.role as string]));
  for (const change of changes) if (change.action === "set-role") finalRoles.set(change.memberId, change.to);
  return (memberId) => {
    if (!live.teamRolesEnabled) return "ignored";
    const role = memberId === undefined ? undefined : finalRoles.get(memberId);
    return role !== undefined && minimumTeamRole(role) === "admin" ? "implied" : "set";
  };
}

/** Maps a writer's answer to an outcome: `already` is success with a note, `not-applied` a failure with its reason. */
function settle(change: Change, outcome: WriteOutcome, alreadyNote: string, appliedNote?: string): RunOutcome {
  switch (outcome.kind) {
    case "applied":
      return withMessage(change, "applied", joinNotes(attemptsNote(outcome), outcome.note ?? appliedNote));
    case "already":
      return withMessage(change, "applied", joinNotes(attemptsNote(outcome), outcome.note ?? alreadyNote));
    case "not-applied":
      return { change, status: "failed", message: outcome.reason };
  }
}

/** "applied after N attempts" when a write's answer was lost and it was settled (docs/reliability.md). */
function attemptsNote(outcome: WriteOutcome): string | undefined {
  return outcome.attempts !== undefined && outcome.attempts > 1 ? `applied after ${outcome.attempts} attempts` : undefined;
}

function joinNotes(...notes: (string | undefined)[]): string | undefined {
  const kept = notes.filter((note): note is string => note !== undefined && note !== "");
  return kept.length === 0 ? undefined : kept.join("; ");
}

function withMessage(change: Change, status: "applied", message: string | undefined): RunOutcome {
  return message === undefined ? { change, status } : { change, status, message };
}

function failure(change: Change, error: unknown): RunOutcome {
  if (isNotSent(error)) return { change, status: "not-run", message: messageOf(error), notSent: true };
  return { change, status: "failed", message: messageOf(error), tokenRejected: statusOf(error) === 401 };
}

/** A write the client held back because apply was told to stop (sentry/errors.ts SentryWriteNotSentError). */
function isNotSent(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { notSent?: unknown }).notSent === true;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The HTTP status a writer error carries, if any (sentry/errors.ts SentryApiError has `status`). */
function statusOf(error: unknown): number | undefined {
  const status = typeof error === "object" && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof status === "number" ? status : undefined;
}

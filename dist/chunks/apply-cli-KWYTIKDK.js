import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);
import {
  APPLY_PHASES,
  PlanFileError,
  SHORT_ID_LENGTH,
  changeId,
  colorWanted,
  computePlan,
  demotedMembers,
  parsePlanJson,
  phaseOf,
  planCommand,
  readLiveOrg,
  renderPlanText
} from "./chunk-H53JFXML.js";
import {
  MAX_WRITE_ATTEMPTS,
  SentryAmbiguousWriteError,
  SentryApiError,
  SentryWriteNotSentError,
  apiPath,
  cliLogger,
  createNodeDeps,
  openSentry,
  readAll,
  readMember,
  readMemberDetails,
  readTeam,
  readTeamRoleAnswer,
  resolveSentryTarget
} from "./chunk-PIA3TUHV.js";
import {
  INTERRUPTED_EXIT_CODE,
  describeError
} from "./chunk-XMENMWQF.js";
import "./chunk-ZV4FVV53.js";
import {
  SENTRY_OPTIONS,
  TERMINAL_STYLE,
  UsageError,
  changeLine,
  formatRosterIssues,
  minimumTeamRole,
  normalizeEmail,
  parseCommandArgs,
  plural,
  printable,
  sameEmail
} from "./chunk-CV2I63CP.js";
import "./chunk-BE7JI7H6.js";

// src/cli/apply-cli.ts
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

// src/apply/order-changes.ts
function orderChanges(changes) {
  const demoted = demotedMembers(changes);
  const rank = (change) => APPLY_PHASES.indexOf(phaseOf(change, demoted));
  return changes.map((change, index) => ({ change, index, rank: rank(change) })).sort((a, b) => a.rank - b.rank || a.index - b.index).map((entry) => entry.change);
}
function groupByPhase(changes) {
  const ordered = orderChanges(changes);
  const demoted = demotedMembers(changes);
  return APPLY_PHASES.map((phase) => ({ phase, changes: ordered.filter((change) => phaseOf(change, demoted) === phase) })).filter(
    (group) => group.changes.length > 0
  );
}

// src/apply/apply-plan.ts
var APPLY_CONCURRENCY = 4;
var NOT_SENT_INTERRUPTED = "not sent: apply was interrupted";
var MAX_CONSECUTIVE_FAILURES = 10;
var HELD_AFTER_FAILED_PROMOTION = ["demotions", "team-roles-after-demotion", "member-removals"];
async function applyPlan(changes, writer, options = {}) {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? APPLY_CONCURRENCY));
  const total = changes.length;
  const outcomes = [];
  const failedTeams = /* @__PURE__ */ new Set();
  const heldPhases = /* @__PURE__ */ new Map();
  let stoppedBecause;
  let writerHeldBack = false;
  const interrupted = () => options.stop?.aborted === true || writerHeldBack;
  let consecutiveFailures = 0;
  let done = 0;
  const teamRoleTargets = teamRoleDecider(changes, options.live);
  for (const group of groupByPhase(changes)) {
    const results = new Array(group.changes.length);
    let next = 0;
    const worker = async () => {
      while (next < group.changes.length) {
        const index = next++;
        const change = group.changes[index];
        if (stoppedBecause === void 0 && options.stop?.aborted) stoppedBecause = stopReason(options.stop);
        const holdReason = (interrupted() ? NOT_SENT_INTERRUPTED : stoppedBecause) ?? heldPhases.get(group.phase) ?? missingTeamReason(change, failedTeams);
        if (holdReason !== void 0) {
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
        if (stoppedBecause === void 0 && outcome.tokenRejected) {
          stoppedBecause = `stopped: Sentry rejected the token (${outcome.message ?? "HTTP 401"}); nothing more was sent`;
        } else if (stoppedBecause === void 0 && consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) {
          stoppedBecause = `stopped after ${MAX_CONSECUTIVE_FAILURES} failures in a row that retries could not settle; the rest was not sent (run apply again once Sentry accepts writes)`;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, group.changes.length) }, worker));
    outcomes.push(...results.map(({ change, status, message }) => message === void 0 ? { change, status } : { change, status, message }));
  }
  if (stoppedBecause === void 0) return { outcomes, skipped: [] };
  const notSent = outcomes.filter((outcome) => outcome.status === "not-run").length;
  return { outcomes, skipped: [], stoppedBecause: `${stoppedBecause} (${notSent} change${notSent === 1 ? "" : "s"} not sent, listed as not run)` };
}
function holdAfterFailedPromotion(heldPhases, change) {
  const who = change.action === "set-role" ? change.email : "a member";
  for (const phase of HELD_AFTER_FAILED_PROMOTION) {
    if (!heldPhases.has(phase)) {
      heldPhases.set(phase, `held back: the promotion of ${who} failed, and demoting or removing members now could leave the org without its owners; fix it and run apply again`);
    }
  }
}
function stopReason(stop) {
  return typeof stop.reason === "string" ? stop.reason : "interrupted: nothing more was sent";
}
function missingTeamReason(change, failedTeams) {
  if (failedTeams.size === 0) return void 0;
  const teams = change.action === "invite" ? Object.keys(change.teams) : change.action === "add-to-team" || change.action === "set-team-role" || change.action === "remove-from-team" ? [change.team] : [];
  const missing = teams.find((team) => failedTeams.has(team));
  return missing === void 0 ? void 0 : `not run: team "${missing}" could not be created`;
}
async function runChange(change, writer, teamRoleTargets) {
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
async function invite(change, writer, targets) {
  const outcome = await writer.invite(change.email, change.role, Object.keys(change.teams));
  const admin = Object.keys(change.teams).filter((team) => change.teams[team] === "admin");
  const roles = minimumTeamRole(change.role) === "admin" || targets(void 0) === "ignored" ? [] : admin;
  if (outcome.kind === "not-applied" || roles.length === 0) return settle(change, outcome, "already invited");
  const invited = outcome.kind === "already" ? outcome.note ?? "already invited" : outcome.note;
  if (outcome.memberId === void 0) {
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
async function addToTeam(change, writer, target) {
  const added = await writer.addToTeam(change.memberId, change.team);
  if (added.kind === "not-applied") return { change, status: "failed", message: added.reason };
  const joined = joinNotes(attemptsNote(added), added.kind === "already" ? added.note ?? "already on the team" : added.note);
  if (change.teamRole !== "admin" || target === "implied") return withMessage(change, "applied", joined);
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
function teamRoleDecider(changes, live) {
  if (live === void 0) return () => "set";
  const finalRoles = new Map(live.members.map((member) => [member.id, member.role]));
  for (const change of changes) if (change.action === "set-role") finalRoles.set(change.memberId, change.to);
  return (memberId) => {
    if (!live.teamRolesEnabled) return "ignored";
    const role = memberId === void 0 ? void 0 : finalRoles.get(memberId);
    return role !== void 0 && minimumTeamRole(role) === "admin" ? "implied" : "set";
  };
}
function settle(change, outcome, alreadyNote, appliedNote) {
  switch (outcome.kind) {
    case "applied":
      return withMessage(change, "applied", joinNotes(attemptsNote(outcome), outcome.note ?? appliedNote));
    case "already":
      return withMessage(change, "applied", joinNotes(attemptsNote(outcome), outcome.note ?? alreadyNote));
    case "not-applied":
      return { change, status: "failed", message: outcome.reason };
  }
}
function attemptsNote(outcome) {
  return outcome.attempts !== void 0 && outcome.attempts > 1 ? `applied after ${outcome.attempts} attempts` : void 0;
}
function joinNotes(...notes) {
  const kept = notes.filter((note) => note !== void 0 && note !== "");
  return kept.length === 0 ? void 0 : kept.join("; ");
}
function withMessage(change, status, message) {
  return message === void 0 ? { change, status } : { change, status, message };
}
function failure(change, error) {
  if (isNotSent(error)) return { change, status: "not-run", message: messageOf(error), notSent: true };
  return { change, status: "failed", message: messageOf(error), tokenRejected: statusOf(error) === 401 };
}
function isNotSent(error) {
  return typeof error === "object" && error !== null && error.notSent === true;
}
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
function statusOf(error) {
  const status = typeof error === "object" && error !== null ? error.status : void 0;
  return typeof status === "number" ? status : void 0;
}

// src/plan/reviewed.ts
function reviewedOrigins(change, context) {
  if (change.action === "set-team-role" && change.from === "contributor") {
    const added = changeId({ action: "add-to-team", email: change.email, memberId: change.memberId, team: change.team, teamRole: change.to });
    const member = context?.members?.find((candidate) => normalizeEmail(candidate.email) === normalizeEmail(change.email));
    if (!member || member.teams[change.team] !== change.to) return [added];
    const invite2 = { action: "invite", email: member.email, role: member.role, teams: member.teams };
    return [added, changeId(invite2)];
  }
  const name = context?.teamNames[change.action === "remove-from-team" ? change.team : ""];
  if (change.action === "remove-from-team" && name !== void 0 && change.memberId === context?.tokenMemberId) {
    return [changeId({ action: "create-team", team: change.team, name })];
  }
  return [];
}

// src/plan/review-gate.ts
function reviewGate(plan, evidence, context) {
  if ("digest" in evidence) {
    const matches = evidence.digest.trim().toLowerCase() === plan.digest;
    return matches ? { run: [...plan.changes], notReviewed: [], refusal: void 0 } : { run: [], notReviewed: [...plan.changes], refusal: void 0 };
  }
  if ("savedPlan" in evidence && evidence.savedPlan.organization !== plan.organization) {
    return { run: [], notReviewed: [], refusal: `the saved plan ${evidence.source} is for organization "${evidence.savedPlan.organization}", not "${plan.organization}"` };
  }
  const ids = "savedPlan" in evidence ? evidence.savedPlan.changes.map((change) => change.id) : evidence.ids;
  const full = /* @__PURE__ */ new Set();
  const short = /* @__PURE__ */ new Set();
  for (const raw of ids) {
    const id = raw.trim().toLowerCase();
    if (!/^[0-9a-f]+$/.test(id)) continue;
    if (id.length === SHORT_ID_LENGTH) short.add(id);
    else if (id.length > SHORT_ID_LENGTH) full.add(id);
  }
  const approved = (id) => full.has(id) || short.has(id.slice(0, SHORT_ID_LENGTH));
  const run = [];
  const notReviewed = [];
  for (const change of plan.changes) {
    const ok = approved(change.id) || reviewedOrigins(change, context).some(approved);
    (ok ? run : notReviewed).push(change);
  }
  return { run, notReviewed, refusal: void 0 };
}

// src/sentry/writer.ts
var NOT_APPLIED = {
  accessRequest: "Sentry filed an access request instead (Open Membership is off and the token's user is not a team admin/manager/owner)",
  noTeamRoles: "the org has no team-roles feature"
};
var VERIFIED = "confirmed by reading back after an unclear answer";
async function settleWrite(client, kind, write, landed) {
  let lost;
  const confirmed = async (attempts) => {
    let tookEffect;
    try {
      tookEffect = await landed();
    } catch {
      throw lost;
    }
    return tookEffect ? { kind: "applied", note: VERIFIED, attempts } : void 0;
  };
  for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
    if (lost !== void 0) {
      await client.backOff(attempt - 1, lost.request);
      if (kind === "read-first") {
        const done2 = await confirmed(attempt - 1);
        if (done2) return done2;
      }
    }
    try {
      const outcome = await write(attempt);
      return attempt === 1 ? outcome : { ...outcome, attempts: attempt };
    } catch (error) {
      if (error instanceof SentryWriteNotSentError && lost !== void 0) throw lost;
      if (!(error instanceof SentryAmbiguousWriteError)) throw error;
      lost = error;
    }
  }
  const done = await confirmed(MAX_WRITE_ATTEMPTS);
  if (done) return done;
  const last = lost;
  throw new SentryAmbiguousWriteError(last.request, last.why, {
    cause: last,
    message: `${last.request}: not applied: no clear answer in ${MAX_WRITE_ATTEMPTS} attempts (the last: ${last.why}), and reading back shows it did not take effect`
  });
}
function isStatus(error, status) {
  return error instanceof SentryApiError && error.status === status;
}
function createSentryWriter(client, organization) {
  const memberPath = (id) => apiPath("organizations", organization, "members", id);
  const memberTeamPath = (id, team) => apiPath("organizations", organization, "members", id, "teams", team);
  const details = async (id) => readMemberDetails((await client.get(memberPath(id))).body);
  const gone = async (id) => {
    try {
      await client.get(memberPath(id));
      return false;
    } catch (error) {
      if (isStatus(error, 404)) return true;
      throw error;
    }
  };
  const findByEmail = async (email) => (await readAll(client, apiPath("organizations", organization, "members"), { query: `email:${email}` })).map(readMember).find((m) => sameEmail(m.email, email));
  const storedTeamRole = async (id, team) => (await details(id)).teamRoles.find((t) => t.teamSlug === team);
  return {
    createTeam: (slug, name) => settleWrite(
      client,
      "read-first",
      async () => {
        await client.send("POST", apiPath("organizations", organization, "teams"), { slug, name });
        return { kind: "applied" };
      },
      async () => (await readAll(client, apiPath("organizations", organization, "teams"), { detailed: "0" })).map(readTeam).some((t) => t.slug === slug)
    ),
    invite: async (email, role, teams) => {
      const body = {
        email,
        orgRole: role,
        role,
        ...teams.length > 0 ? { teamRoles: teams.map((teamSlug) => ({ teamSlug, role: null })) } : {}
      };
      let found;
      try {
        const outcome = await settleWrite(
          client,
          "read-first",
          async () => {
            const answer = await client.send("POST", apiPath("organizations", organization, "members"), body);
            return { kind: "applied", memberId: readMember(answer.body).id };
          },
          async () => (found = (await findByEmail(email))?.id) !== void 0
        );
        return found === void 0 || outcome.kind === "not-applied" ? outcome : { ...outcome, memberId: found };
      } catch (error) {
        const existing = isStatus(error, 400) && /already (a member|been invited)/i.test(error.detail ?? "") ? await findByEmail(email) : void 0;
        if (existing) return { kind: "already", note: error instanceof SentryApiError ? error.detail ?? "already in the org" : "already in the org", memberId: existing.id };
        throw error;
      }
    },
    reinvite: (memberId) => settleWrite(
      client,
      "read-first",
      async () => {
        await client.send("PUT", memberPath(memberId), { reinvite: true, regenerate: true });
        return { kind: "applied" };
      },
      async () => {
        const member = await details(memberId);
        return member.pending && !member.expired;
      }
    ),
    setRole: async (memberId, role) => {
      const current = await details(memberId);
      if (current.orgRole === role) return { kind: "already" };
      const teamRoles = role === "billing" ? [] : current.teamRoles.map((t) => ({ teamSlug: t.teamSlug, role: t.role }));
      return settleWrite(
        client,
        "repeat",
        async () => {
          const answer = readMemberDetails(
            (await client.send("PUT", memberPath(memberId), { orgRole: role, role, teamRoles })).body
          );
          return answer.orgRole === role ? { kind: "applied" } : { kind: "not-applied", reason: `Sentry kept the role "${answer.orgRole}"` };
        },
        async () => (await details(memberId)).orgRole === role
      );
    },
    addToTeam: (memberId, team) => settleWrite(
      client,
      "repeat",
      async (attempt) => {
        const answer = await client.send("POST", memberTeamPath(memberId, team));
        if (answer.status === 204) return attempt === 1 ? { kind: "already" } : { kind: "applied" };
        if (answer.status === 202) return { kind: "not-applied", reason: NOT_APPLIED.accessRequest };
        return { kind: "applied" };
      },
      async () => await storedTeamRole(memberId, team) !== void 0
    ),
    setTeamRole: (memberId, team, role) => {
      const matches = (stored) => stored === role || role === "contributor" && stored === null;
      return settleWrite(
        client,
        "repeat",
        async () => {
          const stored = readTeamRoleAnswer(
            (await client.send("PUT", memberTeamPath(memberId, team), { teamRole: role })).body
          );
          return matches(stored) ? { kind: "applied" } : { kind: "not-applied", reason: NOT_APPLIED.noTeamRoles };
        },
        async () => {
          const entry = await storedTeamRole(memberId, team);
          return entry !== void 0 && matches(entry.role);
        }
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
          async () => await storedTeamRole(memberId, team) === void 0
        );
      } catch (error) {
        if (isStatus(error, 404) && await gone(memberId))
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
              if (attempt > 1 && isStatus(error, 404)) return { kind: "applied" };
              throw error;
            }
            return { kind: "applied" };
          },
          () => gone(memberId)
        );
      } catch (error) {
        if (isStatus(error, 404)) return { kind: "already", note: "the member was already gone" };
        throw error;
      }
    }
  };
}

// src/commands/apply-confirm.ts
async function confirmConvergence(written, token, deps) {
  const { organization, plan, desired, tokenMemberId, notReviewed, snapshotPath, issues, client, writer } = written;
  let result = written.result;
  let recheck = await recheckConvergence(desired, organization, client, deps, token);
  const created = new Set(
    result.outcomes.flatMap((outcome) => outcome.change.action === "create-team" && outcome.status === "applied" ? [outcome.change.team] : [])
  );
  const cleanup = recheck.leftOver.filter(
    (change) => change.action === "remove-from-team" && change.memberId === tokenMemberId && created.has(change.team)
  );
  if (cleanup.length > 0) {
    const followUp = await applyPlan(cleanup, writer);
    result = { ...result, outcomes: result.outcomes.map((outcome) => withFollowUp(outcome, followUp.outcomes)) };
    recheck = await recheckConvergence(desired, organization, client, deps, token, { quiet: true });
  }
  const notReviewedIds = new Set(notReviewed.map((change) => change.id));
  return {
    kind: "applied",
    organization,
    plan,
    result,
    leftOver: recheck.leftOver.filter((change) => !notReviewedIds.has(change.id)),
    notReviewed,
    ...recheck.error === void 0 ? {} : { recheckError: recheck.error },
    ...snapshotPath === void 0 ? {} : { snapshotPath },
    issues
  };
}
async function recheckConvergence(desired, organization, client, deps, token, options = {}) {
  try {
    if (!options.quiet) deps.logger.progress("reading the org again to confirm");
    const after = await readLiveOrg(client, desired, organization);
    return { leftOver: computePlan(desired, after).changes };
  } catch (error) {
    return { leftOver: [], error: `could not read the org again to confirm the result: ${describeError(error, token)}` };
  }
}
function withFollowUp(outcome, followUps) {
  const change = outcome.change;
  if (change.action !== "create-team") return outcome;
  const followUp = followUps.find((candidate) => candidate.change.action === "remove-from-team" && candidate.change.team === change.team);
  if (!followUp) return outcome;
  const note = followUp.status === "applied" ? "then removed the token's user, whom Sentry adds to a team it creates" : `removing the token's user, whom Sentry adds to a team it creates, did not succeed${followUp.message ? `: ${followUp.message}` : ""}`;
  return { ...outcome, message: outcome.message ? `${outcome.message}; ${note}` : note };
}

// src/commands/apply-snapshot.ts
var STREAMED_LEVELS = 3;
var WRITE_PIECE_CHARS = 64 * 1024;
async function saveSnapshot(path, live, deps) {
  const snapshot = {
    formatVersion: 1,
    kind: "sentry-roster-snapshot",
    organization: live.organization,
    takenAt: new Date(deps.now()).toISOString(),
    live
  };
  await deps.writeFile(path, joinedInPieces(indentedJson(snapshot, STREAMED_LEVELS), WRITE_PIECE_CHARS));
}
function isOmitted(value) {
  return value === void 0 || typeof value === "function" || typeof value === "symbol";
}
function* indentedJson(value, levels) {
  yield* indentedValue(value, levels, "");
  yield "\n";
}
function* indentedValue(value, levels, indent) {
  if (levels === 0 || value === null || typeof value !== "object" || "toJSON" in value) {
    yield (JSON.stringify(value, null, 2) ?? "null").replaceAll("\n", `
${indent}`);
    return;
  }
  const inner = `${indent}  `;
  const entries = Array.isArray(value) ? Array.from(value, (element) => [void 0, isOmitted(element) ? null : element]) : Object.entries(value).filter(([, entry]) => !isOmitted(entry));
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) {
    yield `${open}${close}`;
    return;
  }
  yield open;
  for (const [index, [key, entry]] of entries.entries()) {
    yield `${index === 0 ? "" : ","}
${inner}${key === void 0 ? "" : `${JSON.stringify(key)}: `}`;
    yield* indentedValue(entry, levels - 1, inner);
  }
  yield `
${indent}${close}`;
}
function* joinedInPieces(pieces, size) {
  let pending = [];
  let length = 0;
  for (const piece of pieces) {
    pending.push(piece);
    length += piece.length;
    if (length >= size) {
      yield pending.join("");
      pending = [];
      length = 0;
    }
  }
  if (length > 0) yield pending.join("");
}

// src/commands/apply.ts
var PROGRESS_LINES = 20;
async function applyCommand(options, deps) {
  const written = await planAndWrite(options, deps);
  return written.kind === "written" ? confirmConvergence(written, options.connection.token, deps) : written;
}
async function planAndWrite(options, deps) {
  const saved = options.planFile === void 0 ? void 0 : parsePlanJson(await readPlanFile(options.planFile, deps), options.planFile);
  const planned = await planCommand(
    {
      rosterPath: options.rosterPath,
      connection: options.connection,
      ...options.org ? { org: options.org } : {},
      ...options.defaultOrg ? { defaultOrg: options.defaultOrg } : {}
    },
    deps
  );
  if (planned.kind === "roster-invalid") return planned;
  const { plan, desired, live, issues } = planned;
  const organization = plan.organization;
  const evidence = options.planFile !== void 0 && saved !== void 0 ? { savedPlan: saved, source: options.planFile } : options.reviewed;
  const gated = await gateChanges(plan, desired, live, evidence, options.confirm);
  if ("refusal" in gated) {
    const { reason, notReviewed: notReviewed2 } = gated.refusal;
    return { kind: "refused", organization, reason, violations: plan.violations, notReviewed: notReviewed2, plan, issues };
  }
  const { run, notReviewed } = gated;
  const notReviewedOutcomes = notReviewed.map((change) => ({
    change,
    status: "skipped",
    message: "not reviewed: this change was not in the reviewed plan, so it was not applied"
  }));
  if (run.length === 0) {
    return { kind: "applied", organization, plan, result: { outcomes: notReviewedOutcomes, skipped: plan.skipped }, leftOver: [], notReviewed, issues };
  }
  const snapshotPath = typeof options.snapshotFile === "function" ? await options.snapshotFile() : options.snapshotFile;
  if (snapshotPath !== void 0) await saveSnapshot(snapshotPath, live, deps);
  const saidWhere = snapshotPath === void 0 ? {} : { snapshotPath };
  const client = openSentry(options.connection, deps, options.stop);
  const writer = createSentryWriter(client, organization);
  const applied = await writeChanges(run, writer, live, options.stop, deps);
  const result = { ...applied, outcomes: mergeInOrder(applied.outcomes, notReviewedOutcomes), skipped: plan.skipped };
  if (options.stop?.aborted) {
    return { kind: "applied", organization, plan, result, leftOver: [], notReviewed, ...saidWhere, interrupted: true, issues };
  }
  const tokenMemberId = live.token.memberId;
  return { kind: "written", organization, plan, desired, tokenMemberId, result, notReviewed, ...saidWhere, issues, client, writer };
}
async function gateChanges(plan, desired, live, evidence, confirm) {
  if (plan.violations.length > 0) {
    const count = plan.violations.length;
    const reason = `the plan breaks ${count === 1 ? "a policy rule" : `${count} policy rules`}; change the roster or its policy and plan again`;
    return { refusal: { reason, notReviewed: [] } };
  }
  const gate = evidence ? reviewGate(plan, evidence, {
    tokenMemberId: live.token.memberId,
    teamNames: Object.fromEntries(desired.teams.map((team) => [team.slug, team.name ?? team.slug])),
    members: desired.members
  }) : { run: plan.changes, notReviewed: [], refusal: void 0 };
  if (gate.refusal) return { refusal: { reason: gate.refusal, notReviewed: [] } };
  if (gate.run.length > 0 && confirm && !await confirm(plan, orderChanges(gate.run))) {
    return { refusal: { reason: "cancelled: the plan was not confirmed", notReviewed: [] } };
  }
  return { run: gate.run, notReviewed: gate.notReviewed };
}
function writeChanges(run, writer, live, stop, deps) {
  deps.logger.progress(`applying ${run.length} change${run.length === 1 ? "" : "s"} to ${live.organization}`);
  return applyPlan(run, writer, {
    live,
    ...stop ? { stop } : {},
    onProgress: (done, total) => {
      if (done === total || done % Math.ceil(total / PROGRESS_LINES) === 0) deps.logger.progress(`${done}/${total} changes`);
    }
  });
}
async function readPlanFile(path, deps) {
  try {
    return await deps.readFile(path);
  } catch (error) {
    const code = error?.code;
    const why = code === "ENOENT" ? 'does not exist: save a plan with "sentry-roster plan --out FILE"' : `cannot be read (${describeError(error)})`;
    throw new PlanFileError(path, why, { cause: error });
  }
}
function mergeInOrder(ran, notRun) {
  if (notRun.length === 0) return [...ran];
  const byChange = new Map([...ran, ...notRun].map((outcome) => [outcome.change, outcome]));
  return orderChanges([...byChange.keys()]).map((change) => byChange.get(change));
}

// src/plan/outcome.ts
function countOutcomes(result) {
  const counts = { applied: 0, failed: 0, skipped: 0, "not-run": 0 };
  for (const outcome of result.outcomes) counts[outcome.status] += 1;
  return counts;
}

// src/render/apply-report.ts
var APPLY_REPORT_FORMAT_VERSION = 1;
function describeChange(change) {
  return changeLine(change, TERMINAL_STYLE);
}
function applySucceeded(report) {
  const counts = countOutcomes(report.result);
  return counts.failed === 0 && counts["not-run"] === 0 && counts.skipped === 0 && report.leftOver.length === 0 && report.recheckError === void 0 && !report.interrupted;
}
var LABELS = {
  applied: "applied",
  failed: "FAILED ",
  skipped: "skipped",
  "not-run": "not run"
};
var COLORS = { applied: "32", failed: "31", skipped: "33", "not-run": "33" };
function renderApplyReport(report, options) {
  const paint = (status, text) => options.color ? `\x1B[${COLORS[status]}m${text}\x1B[0m` : text;
  const counts = countOutcomes(report.result);
  const lines = [verdict(report, counts), ""];
  if (report.result.outcomes.length > 0) {
    lines.push("Changes:");
    for (const outcome of report.result.outcomes) lines.push(outcomeLine(outcome, paint));
    lines.push("");
  }
  if (report.result.stoppedBecause) lines.push(`Apply stopped early: ${printable(report.result.stoppedBecause)}`, "");
  if (report.result.skipped.length > 0) {
    lines.push("Held back by a rule (not applied):");
    for (const skipped of report.result.skipped) lines.push(`  ${paint("skipped", LABELS.skipped)}  ${describeChange(skipped)}: ${skipped.reason}: ${printable(skipped.detail)}`);
    lines.push("");
  }
  if (report.interrupted) {
    lines.push("Interrupted: the org was not read again. Run apply again to finish: it plans from a fresh reading, so nothing is sent twice.");
  } else if (report.recheckError !== void 0) {
    lines.push(`Not confirmed: ${printable(report.recheckError)}. Run plan to see what is left.`);
  } else if (report.leftOver.length > 0) {
    lines.push("Left over: a fresh plan still wants these changes (run apply again, or fix what failed):");
    for (const change of report.leftOver) lines.push(`  - ${describeChange(change)}`);
  } else {
    lines.push("Converged: a fresh plan has no changes.");
  }
  if (report.snapshotPath) lines.push(`Snapshot of the org before apply: ${report.snapshotPath}`);
  return `${lines.join("\n")}
`;
}
function verdict(report, counts) {
  const total = report.result.outcomes.length;
  if (total === 0) return `Nothing to apply to ${printable(report.organization)}.`;
  const rest = [
    counts.failed > 0 ? `${counts.failed} failed` : "",
    counts["not-run"] > 0 ? `${counts["not-run"]} not run` : "",
    counts.skipped > 0 ? `${counts.skipped} not reviewed` : ""
  ].filter(Boolean);
  return `Applied ${counts.applied} of ${plural(total, "change")} to ${printable(report.organization)}${rest.length > 0 ? ` (${rest.join(", ")})` : ""}.`;
}
function outcomeLine(outcome, paint) {
  const note = outcome.message ? `: ${printable(outcome.message)}` : "";
  return `  ${paint(outcome.status, LABELS[outcome.status])}  ${describeChange(outcome.change)}${note}`;
}
function toApplyReportJson(report) {
  const counts = countOutcomes(report.result);
  const json = {
    formatVersion: APPLY_REPORT_FORMAT_VERSION,
    organization: report.organization,
    ok: applySucceeded(report),
    counts,
    outcomes: report.result.outcomes.map((outcome) => ({
      status: outcome.status,
      ...outcome.message === void 0 ? {} : { message: outcome.message },
      change: outcome.change
    })),
    skipped: report.result.skipped,
    stoppedBecause: report.result.stoppedBecause ?? null,
    converged: report.recheckError === void 0 && !report.interrupted ? report.leftOver.length === 0 : null,
    interrupted: report.interrupted === true,
    recheckError: report.recheckError ?? null,
    leftOver: report.leftOver,
    snapshot: report.snapshotPath ?? null
  };
  return `${JSON.stringify(json, null, 2)}
`;
}
function renderApplyRefusal(refusal) {
  const lines = [`Refused: ${printable(refusal.reason)}`];
  for (const violation of refusal.violations) lines.push(`  - ${violation.rule}: ${printable(violation.message)}`);
  if (refusal.notReviewed.length > 0) {
    lines.push("Changes not in the reviewed plan:");
    for (const change of refusal.notReviewed) lines.push(`  - ${describeChange(change)} (${change.id.slice(0, 16)})`);
  }
  lines.push(`Nothing was changed in ${printable(refusal.organization)}.`);
  return `${lines.join("\n")}
`;
}
function toApplyRefusalJson(refusal) {
  const json = {
    formatVersion: APPLY_REPORT_FORMAT_VERSION,
    organization: refusal.organization,
    ok: false,
    refused: refusal.reason,
    violations: refusal.violations,
    notReviewed: refusal.notReviewed
  };
  return `${JSON.stringify(json, null, 2)}
`;
}

// src/commands/apply-format.ts
function formatApplyCommandResult(result, options) {
  switch (result.kind) {
    case "roster-invalid":
      return { stdout: "", stderr: formatRosterIssues(result.issues) };
    case "refused": {
      const refusal = { organization: result.organization, reason: result.reason, violations: result.violations, notReviewed: result.notReviewed };
      return {
        stdout: options.json ? toApplyRefusalJson(refusal) : renderApplyRefusal(refusal),
        stderr: `${warningsOf(result.issues)}apply refused: ${result.reason}
`
      };
    }
    case "applied": {
      const report = {
        organization: result.organization,
        result: result.result,
        leftOver: result.leftOver,
        ...result.snapshotPath === void 0 ? {} : { snapshotPath: result.snapshotPath },
        ...result.recheckError === void 0 ? {} : { recheckError: result.recheckError },
        ...result.interrupted ? { interrupted: true } : {}
      };
      return {
        stdout: options.json ? toApplyReportJson(report) : renderApplyReport(report, { color: options.color }),
        stderr: warningsOf(result.issues)
      };
    }
  }
}
function formatPlanForReview(plan, options) {
  return renderPlanText(plan, options);
}
function warningsOf(issues) {
  return issues.length > 0 ? formatRosterIssues(issues) : "";
}

// src/commands/apply-result.ts
function applyCommandSucceeded(result) {
  if (result.kind !== "applied") return false;
  return result.interrupted === void 0 && result.recheckError === void 0 && result.leftOver.length === 0 && result.result.outcomes.every((outcome) => outcome.status === "applied");
}

// src/cli/apply-cli.ts
var DEFAULT_ROSTER = "roster.yaml";
var APPLY_USAGE = `Usage: sentry-roster apply [ROSTER] [options]

Computes the plan and applies it: creates teams, invites, changes roles and
team memberships, removes members, in a safe order. Reads the org again
afterwards and reports anything left over.

Options:
  --yes               apply without asking (needed when there is no terminal)
  --plan FILE         apply only the changes reviewed in this saved plan (plan --out FILE)
  --snapshot FILE     save the org as read before any write (default: a file in the temp directory)
  --json              print the report as JSON
  --org SLUG          organization (default: the roster's; SENTRY_ORG only when the
                      roster names none; an --org other than the roster's is refused)
  --url URL           Sentry base URL (default: SENTRY_URL, then https://sentry.io)

Ctrl-C (or SIGTERM) finishes the write in flight, sends nothing more and
prints what was applied and what was not; a second Ctrl-C exits at once.

Exit status: 0 when every planned change was applied and the org matches the
roster; 1 when apply refused, a change failed, or something is left over;
130 when interrupted (run apply again to finish).
`;
var OPTIONS = {
  ...SENTRY_OPTIONS,
  yes: { type: "boolean", short: "y" },
  plan: { type: "string" },
  snapshot: { type: "string" },
  json: { type: "boolean" }
};
var applyCli = async (argv, io) => {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS);
  if (values["help"]) {
    io.stdout(APPLY_USAGE);
    return 0;
  }
  const yes = values["yes"] === true;
  const json = values["json"] === true;
  if (!yes && !io.confirm) {
    throw new UsageError("no terminal to confirm on: pass --yes to apply without a terminal (run plan first to review the changes)");
  }
  const target = resolveSentryTarget(values, io.env);
  const deps = createNodeDeps(cliLogger(io));
  const snapshotFile = typeof values["snapshot"] === "string" ? values["snapshot"] : () => defaultSnapshotPath(deps.now());
  const planFile = typeof values["plan"] === "string" ? values["plan"] : void 0;
  const confirm = io.confirm;
  const interrupts = io.watchInterrupts?.();
  let result;
  try {
    result = await applyCommand(
      {
        ...interrupts ? { stop: interrupts.signal } : {},
        rosterPath: positionals[0] ?? DEFAULT_ROSTER,
        connection: target.connection,
        snapshotFile,
        ...target.org ? { org: target.org } : {},
        ...target.envOrg ? { defaultOrg: target.envOrg } : {},
        ...planFile ? { planFile } : {},
        // The plan is shown before anything is written: asked about on a terminal, printed as the record with --yes.
        confirm: async (plan, run) => {
          const toStderr = !yes || json;
          const review = formatPlanForReview(plan, { color: colorWanted(io.env, toStderr ? io.stderrIsTTY : io.stdoutIsTTY) });
          if (toStderr) io.stderr(review);
          else io.stdout(`${review}
`);
          if (yes || !confirm) return true;
          return confirm(`Apply ${run.length} change${run.length === 1 ? "" : "s"} to ${plan.organization}?`);
        }
      },
      deps
    );
  } finally {
    interrupts?.dispose();
  }
  const output = formatApplyCommandResult(result, { json, color: colorWanted(io.env, io.stdoutIsTTY) && !json });
  if (output.stderr) io.stderr(output.stderr);
  if (output.stdout) io.stdout(output.stdout);
  if (result.kind === "applied" && result.interrupted) return INTERRUPTED_EXIT_CODE;
  return applyCommandSucceeded(result) ? 0 : 1;
};
async function defaultSnapshotPath(now) {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const directory = await mkdtemp(join(tmpdir(), "sentry-roster-"));
  return join(directory, `snapshot-${stamp}.json`);
}
export {
  APPLY_USAGE,
  DEFAULT_ROSTER,
  applyCli
};

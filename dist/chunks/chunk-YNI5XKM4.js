import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);
import {
  ISSUE_SEVERITY,
  TERMINAL_STYLE,
  changePhrase,
  driftPhrase,
  loadRoster,
  plural,
  printable
} from "./chunk-4ZRUTCUE.js";
import {
  openSentry,
  readLiveState
} from "./chunk-HX4SBCNV.js";
import {
  canManage,
  effectiveTeamRole,
  hasTeamAccess,
  isOrgRole,
  isTeamRole,
  minimumTeamRole,
  normalizeEmail,
  orgRolePriority
} from "./chunk-TD56HHJ4.js";

// src/render/plan-text.ts
var ANSI = { green: "32", yellow: "33", red: "31", cyan: "36", bold: "1", dim: "2" };
var MARK = { add: ["+", "green"], change: ["~", "yellow"], remove: ["-", "red"] };
function renderPlanText(plan, options) {
  const paint = (style, text) => options.color ? `\x1B[${ANSI[style]}m${text}\x1B[0m` : text;
  const lines = [`Sentry organization ${paint("bold", printable(plan.organization))}`, ""];
  if (plan.changes.length > 0) {
    lines.push(...renderGroups(plan.changes, paint, void 0), "");
  }
  if (plan.skipped.length > 0) {
    lines.push(paint("bold", "Skipped (held back by a rule; never applied):"), ...indent(renderGroups(plan.skipped, paint, (skip) => skip)).map((line) => line.trimEnd()), "");
  }
  if (plan.drift.length > 0) {
    lines.push(paint("bold", "Drift (in Sentry but not managed by the roster):"), ...plan.drift.map((drift) => `  ${paint("cyan", "?")} ${driftPhrase(drift, TERMINAL_STYLE)}`), "");
  }
  if (plan.warnings.length > 0) {
    lines.push(paint("bold", "Warnings:"), ...plan.warnings.map((warning) => `  ${paint("yellow", "!")} ${printable(warning.message)}`), "");
  }
  if (plan.violations.length > 0) {
    lines.push(
      paint("red", paint("bold", "This plan would be refused; nothing would be applied:")),
      ...plan.violations.map((violation) => `  ${paint("red", "x")} ${violation.rule}: ${printable(violation.message)}`),
      ""
    );
  }
  lines.push(closingLine(plan));
  return `${lines.join("\n")}
`;
}
function renderGroups(items, paint, skipOf) {
  const groups = /* @__PURE__ */ new Map();
  for (const item of items) {
    const key = "email" in item ? `1 ${normalizeEmail(item.email)}` : "0";
    const title = "email" in item ? item.email : "Teams";
    const group = groups.get(key) ?? { title, items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  const lines = [];
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key);
    if (lines.length > 0) lines.push("");
    lines.push(paint("bold", printable(group.title)));
    for (const item of group.items) {
      const [symbol, style] = MARK[markOf(item)];
      const skip = skipOf?.(item);
      lines.push(`  ${paint(style, symbol)} ${changePhrase(item, TERMINAL_STYLE)}${skip ? ` ${paint("yellow", `[${skip.reason}]`)}` : ""}`);
      if (skip) lines.push(`      ${paint("dim", printable(skip.detail))}`);
    }
  }
  return lines;
}
function markOf(change) {
  switch (change.action) {
    case "create-team":
    case "invite":
    case "add-to-team":
      return "add";
    case "reinvite":
    case "set-role":
    case "set-team-role":
      return "change";
    case "remove-from-team":
    case "remove-member":
      return "remove";
  }
}
function closingLine(plan) {
  const skipped = plan.skipped.length > 0 ? ` ${plan.skipped.length} skipped.` : "";
  if (plan.changes.length === 0) return plan.skipped.length > 0 ? `No changes to apply.${skipped}` : "No changes. Sentry matches the roster.";
  const count = (actions) => plan.changes.filter((change) => actions.includes(change.action)).length;
  const teams = count(["create-team"]);
  const parts = [
    ...teams > 0 ? [plural(teams, "new team")] : [],
    plural(count(["invite", "reinvite"]), "invite"),
    plural(count(["set-role"]), "role change"),
    plural(count(["add-to-team", "set-team-role", "remove-from-team"]), "team edit"),
    plural(count(["remove-member"]), "removal")
  ];
  return `Plan: ${parts.join(", ")}.${skipped}`;
}
function indent(lines) {
  return lines.map((line) => `  ${line}`);
}

// src/plan/change-id.ts
import { createHash } from "node:crypto";
var SHORT_ID_LENGTH = 16;
function canonicalJson(value) {
  return JSON.stringify(canonicalValue(value, void 0));
}
function canonicalValue(value, key) {
  if (Array.isArray(value)) return value.map((item) => canonicalValue(item, void 0));
  if (value !== null && typeof value === "object") {
    const sorted = {};
    for (const name of Object.keys(value).sort()) {
      const field = value[name];
      if (field !== void 0) sorted[name] = canonicalValue(field, name);
    }
    return sorted;
  }
  if (key === "email" && typeof value === "string") return value.toLowerCase();
  return value;
}
function sha256Hex(text) {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
function withoutId(change) {
  if (!("id" in change)) return change;
  const { id: _id, ...rest } = change;
  return rest;
}
function changeId(change) {
  return sha256Hex(canonicalJson(withoutId(change)));
}
function withId(change) {
  return { id: changeId(change), ...change };
}
function planDigest(changes) {
  const forms = changes.map((change) => ({ id: change.id, form: canonicalValue(withoutId(change), void 0) })).sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0).map((entry) => entry.form);
  return sha256Hex(JSON.stringify(forms));
}

// src/plan/errors.ts
var PlanFileError = class extends Error {
  name = "PlanFileError";
  /** Where the plan came from, as the user named it (e.g. "plan.json"). */
  source;
  constructor(source, message, options) {
    super(`${source} ${message}`, options);
    this.source = source;
  }
};

// src/plan/plan-json.ts
var READABLE_FORMAT_VERSIONS = [1];
var KEY_ORDER = [
  "formatVersion",
  "organization",
  "digest",
  "changes",
  "skipped",
  "drift",
  "warnings",
  "violations",
  "id",
  "rule",
  "kind",
  "action",
  "email",
  "memberId",
  "team",
  "name",
  "role",
  "pending",
  "from",
  "to",
  "teamRole",
  "teams",
  "reason",
  "detail",
  "message"
];
var CHANGE_FIELDS = {
  invite: { email: isText, role: isOrgRole, teams: isTeamRoleMap },
  reinvite: { email: isText, memberId: isText },
  "set-role": { email: isText, memberId: isText, from: isText, to: isOrgRole },
  "add-to-team": { email: isText, memberId: isText, team: isText, teamRole: isTeamRole },
  "set-team-role": { email: isText, memberId: isText, team: isText, from: isTeamRole, to: isTeamRole },
  "remove-from-team": { email: isText, memberId: isText, team: isText },
  "remove-member": { email: isText, memberId: isText },
  "create-team": { team: isText, name: isText }
};
function toPlanJson(plan) {
  return `${JSON.stringify(ordered(plan), null, 2)}
`;
}
function ordered(value) {
  if (Array.isArray(value)) return value.map(ordered);
  if (value === null || typeof value !== "object") return value;
  const rank = (key) => {
    const index = KEY_ORDER.indexOf(key);
    return index === -1 ? KEY_ORDER.length : index;
  };
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const result = {};
  for (const key of keys) result[key] = ordered(value[key]);
  return result;
}
function parsePlanJson(text, source = "the plan file") {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new PlanFileError(source, `is not JSON (${error instanceof Error ? error.message : String(error)}): pass a file written by "sentry-roster plan --out"`, { cause: error });
  }
  if (!isRecord(data)) throw new PlanFileError(source, "is not a sentry-roster plan: expected a JSON object");
  const version = data["formatVersion"];
  if (typeof version !== "number" || !READABLE_FORMAT_VERSIONS.includes(version)) {
    throw new PlanFileError(
      source,
      `has formatVersion ${JSON.stringify(version ?? null)}; this sentry-roster reads formatVersion ${READABLE_FORMAT_VERSIONS.join(", ")}`
    );
  }
  for (const key of ["organization", "digest"]) {
    if (!isText(data[key])) throw new PlanFileError(source, `has no "${key}" string: it is not a complete plan`);
  }
  for (const key of ["changes", "skipped", "drift", "warnings", "violations"]) {
    if (!Array.isArray(data[key])) throw new PlanFileError(source, `has no "${key}" list: it is not a complete plan`);
  }
  const changes = data["changes"].map((change, index) => checkChange(change, index, source));
  if (planDigest(changes) !== data["digest"]) {
    throw new PlanFileError(source, "has a digest that does not match its changes: the file was edited; compute a new plan");
  }
  return data;
}
function checkChange(change, index, source) {
  const where = `change ${index + 1}`;
  if (!isRecord(change)) throw new PlanFileError(source, `${where} is not an object`);
  const action = change["action"];
  const fields = typeof action === "string" ? CHANGE_FIELDS[action] : void 0;
  if (!fields) throw new PlanFileError(source, `${where} has unknown action ${JSON.stringify(action)}`);
  for (const [field, valid] of Object.entries(fields)) {
    if (!valid(change[field])) throw new PlanFileError(source, `${where} (${String(action)}) has a missing or invalid "${field}"`);
  }
  if (!isText(change["id"]) || changeId(change) !== change["id"]) {
    throw new PlanFileError(source, `${where} (${String(action)}) has an id that does not match its content: the file was edited; compute a new plan`);
  }
  return change;
}
function isRecord(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
function isText(value) {
  return typeof value === "string" && value.length > 0;
}
function isTeamRoleMap(value) {
  return isRecord(value) && Object.values(value).every(isTeamRole);
}

// src/plan/apply-order.ts
var APPLY_PHASES = [
  "create-teams",
  "invites",
  "new-owners",
  "promotions",
  "team-additions",
  "team-roles",
  "team-removals",
  "demotions",
  "team-roles-after-demotion",
  "member-removals"
];
function demotedMembers(changes) {
  return new Set(
    changes.flatMap((change) => change.action === "set-role" && orgRolePriority(change.to) < orgRolePriority(change.from) ? [change.memberId] : [])
  );
}
function phaseOf(change, demoted = /* @__PURE__ */ new Set()) {
  if ((change.action === "add-to-team" || change.action === "set-team-role") && demoted.has(change.memberId)) {
    return "team-roles-after-demotion";
  }
  switch (change.action) {
    case "create-team":
      return "create-teams";
    case "invite":
    case "reinvite":
      return "invites";
    case "set-role":
      if (orgRolePriority(change.to) < orgRolePriority(change.from)) return "demotions";
      return change.to === "owner" ? "new-owners" : "promotions";
    case "add-to-team":
      return "team-additions";
    case "set-team-role":
      return "team-roles";
    case "remove-from-team":
      return "team-removals";
    case "remove-member":
      return "member-removals";
  }
}
function phaseRank(change, demoted) {
  return APPLY_PHASES.indexOf(phaseOf(change, demoted));
}

// src/plan/safety.ts
var WRITE_SCOPES = ["member:admin", "member:write", "org:write", "org:admin", "team:write", "team:admin"];
function tokenCanWrite(token) {
  return token.scopes === null || token.scopes.some((scope) => WRITE_SCOPES.includes(scope));
}
function safetyContext(desired, live) {
  return {
    policy: desired.policy,
    token: live.token,
    judgeToken: live.token.role !== null && tokenCanWrite(live.token),
    openMembership: live.openMembership
  };
}
function holdFor(change, target, context) {
  return selfHold(change, target, context) ?? ownerHold(change, target, context) ?? idpHold(change, target) ?? tokenHold(change, target, context);
}
function selfHold(change, target, context) {
  if (!target || target.id !== context.token.memberId) return void 0;
  if (change.action === "set-role") {
    return {
      reason: "self",
      detail: `${target.email} owns the token sentry-roster uses, and Sentry does not let a user change their own role: change it with another owner's token`
    };
  }
  if (change.action === "remove-member") {
    return {
      reason: "self",
      detail: `${target.email} owns the token sentry-roster uses; removing them would cut off the token: remove them by hand or list them in the roster`
    };
  }
  return void 0;
}
function ownerHold(change, target, context) {
  if (context.policy.owners !== "protect") return void 0;
  const allow = "set policy.owners: manage in the roster to allow it";
  if (change.action === "invite" && change.role === "owner") {
    return { reason: "owner-protected", detail: `inviting as owner grants the Owner role; ${allow}` };
  }
  if (change.action === "set-role" && (change.from === "owner" || change.to === "owner")) {
    const what = change.to === "owner" ? "grants the Owner role" : "takes the Owner role away";
    return { reason: "owner-protected", detail: `this ${what}; ${allow}` };
  }
  if (change.action === "remove-member" && target?.role === "owner") {
    return { reason: "owner-protected", detail: `${target.email} is an owner; ${allow}` };
  }
  return void 0;
}
function idpHold(change, target) {
  if (!target) return void 0;
  if (change.action === "remove-member" && target.flags.idpProvisioned) {
    return {
      reason: "idp-provisioned",
      detail: `${target.email} is provisioned by your identity provider (SCIM) and Sentry refuses to delete them: remove them in the identity provider`
    };
  }
  if (change.action === "set-role" && target.flags.idpRoleRestricted) {
    return {
      reason: "idp-role-restricted",
      detail: `your identity provider sets ${target.email}'s role: change it there, or stop the provider from managing roles`
    };
  }
  return void 0;
}
function tokenHold(change, target, context) {
  if (!context.judgeToken) return void 0;
  const role = context.token.role ?? "none";
  const admin = role === "owner" || role === "manager";
  const cannot = (what, needs) => ({
    reason: "token-cannot",
    detail: `the token belongs to a ${role}, who cannot ${what}: use a token of ${needs}`
  });
  const ownerOrManager = "an owner or manager";
  switch (change.action) {
    case "invite":
      if (admin ? orgRolePriority(change.role) <= orgRolePriority(role) : change.role === "member" && role !== "billing") return void 0;
      return cannot(`invite a ${change.role}`, change.role === "owner" ? "an owner" : ownerOrManager);
    case "reinvite":
      return admin ? void 0 : cannot("re-send an expired invite (it needs member:admin)", ownerOrManager);
    case "set-role":
      if (canManage(role, change.from, change.to)) return void 0;
      return cannot(`change a role from ${change.from} to ${change.to}`, admin ? "an owner" : change.from === "owner" || change.to === "owner" ? "an owner" : ownerOrManager);
    case "remove-member": {
      const targetRole = target?.role ?? "owner";
      if (admin && orgRolePriority(targetRole) <= orgRolePriority(role)) return void 0;
      return cannot(`remove a ${targetRole}`, admin ? "an owner" : ownerOrManager);
    }
    case "create-team":
      return admin || role === "admin" ? void 0 : cannot("create teams (it needs team:write)", "an owner, manager or admin");
    case "add-to-team":
      if (admin || context.openMembership) return void 0;
      return cannot("add members to teams directly (Sentry files an access request instead)", `${ownerOrManager}, or turn on Open Membership`);
    case "set-team-role":
      return admin ? void 0 : cannot("set team roles", ownerOrManager);
    case "remove-from-team":
      return admin || target?.id === context.token.memberId ? void 0 : cannot("remove members from teams", ownerOrManager);
  }
}
function holdForLastOwner(activeOwnersAfterPromotions, reductions, minOwners) {
  const held = /* @__PURE__ */ new Map();
  let owners = activeOwnersAfterPromotions;
  for (const reduction of reductions) {
    if (owners - 1 >= minOwners) {
      owners -= 1;
      continue;
    }
    held.set(reduction.change, {
      reason: "last-owner",
      detail: `it would leave ${owners - 1} active owner${owners - 1 === 1 ? "" : "s"} after the plan; policy.minOwners is ${minOwners}: keep another active owner in the roster, or lower policy.minOwners`
    });
  }
  return held;
}
function maxRemovalsViolation(removals, policy) {
  if (removals <= policy.maxRemovals) return void 0;
  return {
    rule: "max-removals",
    message: `The plan removes ${removals} member${removals === 1 ? "" : "s"}; policy.maxRemovals is ${policy.maxRemovals}. Raise it in roster.yaml to allow this.`
  };
}
function minOwnersViolation(desired) {
  if (desired.policy.owners !== "manage") return void 0;
  const owners = desired.members.filter((member) => member.role === "owner").length;
  if (owners >= desired.policy.minOwners) return void 0;
  return {
    rule: "min-owners",
    message: `The roster lists ${owners} owner${owners === 1 ? "" : "s"}; policy.minOwners is ${desired.policy.minOwners}. List more owners, or lower policy.minOwners in roster.yaml.`
  };
}

// src/plan/compute-plan.ts
function computePlan(desired, live) {
  const context = safetyContext(desired, live);
  const outcome = { changes: [], skipped: [], warnings: [] };
  const violations = [];
  const drift = [];
  if (desired.organization !== "" && desired.organization.toLowerCase() !== live.organization.toLowerCase()) {
    violations.push({
      rule: "organization-mismatch",
      message: `The roster is for organization "${desired.organization}" but the plan read "${live.organization}". Fix organization in roster.yaml, or drop --org.`
    });
  }
  if (live.token.scopes !== null && !context.judgeToken && live.token.role !== null) {
    outcome.warnings.push({ message: "The token can only read: what it may change is judged again, with the apply token, before any write." });
  }
  const ignored = new Set(desired.ignore.map(normalizeEmail));
  const liveTeams = new Map(live.teams.map((team) => [team.slug, team]));
  const teamsRead = new Set(live.teamsRead);
  const managed = [...desired.teams].sort((a, b) => compareText(a.slug, b.slug));
  const managedSlugs = new Set(managed.map((team) => team.slug));
  const uncreatable = /* @__PURE__ */ new Map();
  for (const team of managed) {
    if (!liveTeams.has(team.slug)) {
      const change = { action: "create-team", team: team.slug, name: team.name ?? team.slug };
      const hold = holdFor(change, void 0, context);
      record(outcome, change, hold);
      if (hold) uncreatable.set(team.slug, hold);
    } else if (!teamsRead.has(team.slug)) {
      outcome.warnings.push({ message: `The members of team "${team.slug}" were not read: its memberships are left as they are.`, team: team.slug });
    } else if (liveTeams.get(team.slug)?.idpProvisioned) {
      outcome.warnings.push({
        message: `Team "${team.slug}" is managed by your identity provider: Sentry refuses membership edits on it.`,
        team: team.slug
      });
    }
  }
  const wanted = [...desired.members].filter((member) => {
    if (!ignored.has(normalizeEmail(member.email))) return true;
    outcome.warnings.push({ message: `${member.email} is both listed and ignored: the roster leaves them alone.`, email: normalizeEmail(member.email) });
    return false;
  });
  const { pairings, unlisted } = matchMembers(wanted, live.members.filter((member) => !ignored.has(normalizeEmail(member.email))));
  const memberCandidates = [];
  for (const { desired: member, live: current } of pairings) {
    if (!current) {
      const teams = sortedRecord(member.teams);
      const missing = Object.keys(teams).filter((team) => uncreatable.has(team));
      for (const team of missing) delete teams[team];
      if (missing.length > 0) {
        outcome.warnings.push({
          message: `${member.email} is invited without ${missing.map((team) => `"${team}"`).join(", ")}: the team is not created (see skipped); a later run adds them.`,
          email: normalizeEmail(member.email)
        });
      }
      memberCandidates.push({ change: { action: "invite", email: member.email, role: member.role, teams }, target: void 0 });
      continue;
    }
    if (current.pending && current.expired) {
      memberCandidates.push({ change: { action: "reinvite", email: current.email, memberId: current.id }, target: current });
    }
    if (current.role !== member.role) {
      memberCandidates.push({
        change: { action: "set-role", email: current.email, memberId: current.id, from: current.role, to: member.role },
        target: current
      });
    }
  }
  for (const member of unlisted) {
    drift.push({ kind: "unlisted-member", email: member.email, memberId: member.id, role: member.role, pending: member.pending });
    if (desired.policy.unlisted === "remove") {
      memberCandidates.push({ change: { action: "remove-member", email: member.email, memberId: member.id }, target: member });
    }
  }
  for (const team of [...live.teams].sort((a, b) => compareText(a.slug, b.slug))) {
    if (!managedSlugs.has(team.slug)) drift.push({ kind: "unmanaged-team", team: team.slug });
  }
  const memberHolds = judgeMemberChanges(memberCandidates, live, context);
  for (const candidate of memberCandidates) record(outcome, candidate.change, memberHolds.get(candidate.change));
  const finalRoles = /* @__PURE__ */ new Map();
  for (const candidate of memberCandidates) {
    if (candidate.change.action === "set-role" && candidate.target && !memberHolds.has(candidate.change)) {
      finalRoles.set(candidate.target.id, candidate.change.to);
    }
  }
  const teamsApply = { liveTeams, teamsRead, managedSet: managedSlugs, teamRolesEnabled: live.teamRolesEnabled };
  for (const { desired: member, live: current } of pairings) {
    if (!current) {
      inviteWarnings(outcome, member, live.teamRolesEnabled);
      continue;
    }
    const finalRole = finalRoles.get(current.id) ?? current.role;
    for (const candidate of teamCandidates(member, current, finalRole, teamsApply, outcome)) {
      const missing = "team" in candidate.change ? uncreatable.get(candidate.change.team) : void 0;
      if (missing && candidate.change.action === "add-to-team") {
        record(outcome, candidate.change, { reason: missing.reason, detail: `team "${candidate.change.team}" is not created: ${missing.detail}` });
      } else {
        judge(outcome, candidate, context);
      }
    }
    if (finalRoles.has(current.id) && !hasTeamAccess(finalRole) && hasTeamAccess(current.role)) {
      for (const team of Object.keys(current.teams).sort(compareText)) {
        if (managedSlugs.has(team)) continue;
        judge(outcome, { change: { action: "remove-from-team", email: current.email, memberId: current.id, team }, target: current }, context);
      }
      outcome.warnings.push({
        message: `${current.email} becomes billing, which has no team access: Sentry drops them from every team, including teams the roster does not manage.`,
        email: normalizeEmail(current.email)
      });
    }
  }
  teamRoleFeatureWarning(outcome, wanted, live);
  for (const change of outcome.changes) {
    if (change.action !== "invite" && change.action !== "set-role") continue;
    const role = change.action === "invite" ? change.role : change.to;
    if (!offers(live, role)) {
      violations.push({
        rule: "role-not-offered",
        message: `${change.email}: organization "${live.organization}" does not offer the role "${role}"; it offers ${offeredRoles(live).join(", ")}. Pick one of those in roster.yaml.`,
        email: normalizeEmail(change.email)
      });
    }
  }
  const removals = maxRemovalsViolation(outcome.changes.filter((change) => change.action === "remove-member").length, desired.policy);
  if (removals) violations.push(removals);
  const owners = minOwnersViolation(desired);
  if (owners) violations.push(owners);
  const changes = orderChanges(outcome.changes).map(withId);
  return {
    formatVersion: 1,
    organization: live.organization,
    digest: planDigest(changes),
    changes,
    skipped: orderChanges(outcome.skipped),
    drift,
    warnings: outcome.warnings,
    violations
  };
}
function matchMembers(wanted, liveMembers) {
  const byEmail = /* @__PURE__ */ new Map();
  for (const member of liveMembers) {
    const key = normalizeEmail(member.email);
    const rows = byEmail.get(key);
    if (rows) rows.push(member);
    else byEmail.set(key, [member]);
  }
  for (const rows of byEmail.values()) rows.sort(compareLiveRows);
  const claimed = /* @__PURE__ */ new Set();
  const take = (email, pending) => {
    const row = byEmail.get(normalizeEmail(email))?.find((member) => member.pending === pending && !claimed.has(member.id));
    if (row) claimed.add(row.id);
    return row;
  };
  const sorted = sortBy(wanted, (member) => normalizeEmail(member.email));
  const found = /* @__PURE__ */ new Map();
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
  const pairings = sorted.map((member) => ({ desired: member, live: found.get(member) }));
  const unlisted = sortBy(
    liveMembers.filter((member) => !claimed.has(member.id)),
    (member) => `${normalizeEmail(member.email)}\0${String(member.id.length).padStart(6, "0")}${member.id}`
  );
  return { pairings, unlisted };
}
function compareLiveRows(a, b) {
  return Number(a.pending) - Number(b.pending) || compareIds(a.id, b.id);
}
function compareIds(a, b) {
  return a.length - b.length || compareText(a, b);
}
function judgeMemberChanges(candidates, live, context) {
  const holds = /* @__PURE__ */ new Map();
  for (const candidate of candidates) {
    const hold = holdFor(candidate.change, candidate.target, context);
    if (hold) holds.set(candidate.change, hold);
  }
  let owners = live.members.filter((member) => member.role === "owner" && !member.pending).length;
  const reductions = [];
  for (const { change, target } of candidates) {
    if (holds.has(change) || !target || target.pending) continue;
    if (change.action === "set-role" && change.to === "owner" && change.from !== "owner") owners += 1;
    const demotes = change.action === "set-role" && change.from === "owner" && change.to !== "owner";
    if (demotes || change.action === "remove-member" && target.role === "owner") reductions.push({ change, target });
  }
  reductions.sort((a, b) => compareText(normalizeEmail(a.target.email), normalizeEmail(b.target.email)) || compareText(a.change.action, b.change.action));
  for (const [change, hold] of holdForLastOwner(owners, reductions, context.policy.minOwners)) holds.set(change, hold);
  return holds;
}
function teamCandidates(member, current, finalRole, facts, outcome) {
  const candidates = [];
  const base = { email: current.email, memberId: current.id };
  const noEffect = [];
  const teams = /* @__PURE__ */ new Set();
  for (const team of Object.keys(member.teams)) if (facts.managedSet.has(team)) teams.add(team);
  for (const team of Object.keys(current.teams)) if (facts.managedSet.has(team)) teams.add(team);
  for (const team of [...teams].sort(compareText)) {
    const exists = facts.liveTeams.has(team);
    if (exists && !facts.teamsRead.has(team)) continue;
    const stored = exists ? current.teams[team] : void 0;
    const want = hasTeamAccess(finalRole) ? member.teams[team] : void 0;
    if (want !== void 0 && stored === void 0) {
      candidates.push({ change: { action: "add-to-team", ...base, team, teamRole: want }, target: current });
    } else if (want === void 0 && stored !== void 0) {
      candidates.push({ change: { action: "remove-from-team", ...base, team }, target: current });
    }
    if (want === void 0) continue;
    if (want === "contributor" && minimumTeamRole(finalRole) === "admin" && explicitTeamRole(member, team)) noEffect.push(team);
    if (stored === void 0 || !facts.teamRolesEnabled) continue;
    const from = effectiveTeamRole(finalRole, stored);
    const to = effectiveTeamRole(finalRole, want === "admin" ? "admin" : null);
    if (from === to) continue;
    if (current.pending) {
      outcome.warnings.push({
        message: `${current.email} has not accepted the invite yet: team role ${to} in "${team}" is set by a later run, once they have.`,
        email: normalizeEmail(current.email),
        team
      });
      continue;
    }
    candidates.push({ change: { action: "set-team-role", ...base, team, from, to }, target: current });
  }
  if (noEffect.length > 0) {
    outcome.warnings.push({
      message: `${current.email} is ${article(finalRole)} ${finalRole}, which is always team admin: the team role contributor in ${noEffect.map((team) => `"${team}"`).join(", ")} has no effect.`,
      email: normalizeEmail(current.email)
    });
  }
  return candidates;
}
function explicitTeamRole(member, team) {
  return member.explicitTeamRoles === void 0 || member.explicitTeamRoles.includes(team);
}
function inviteWarnings(outcome, member, teamRolesEnabled) {
  if (!teamRolesEnabled) return;
  const raised = Object.keys(member.teams).sort(compareText).filter((team) => member.teams[team] === "admin" && minimumTeamRole(member.role) !== "admin");
  if (raised.length === 0) return;
  outcome.warnings.push({
    message: `${member.email} is invited to ${raised.map((team) => `"${team}"`).join(", ")} as contributor: Sentry sets team role admin only after the invite is accepted, on a later run.`,
    email: normalizeEmail(member.email)
  });
}
function teamRoleFeatureWarning(outcome, wanted, live) {
  if (live.teamRolesEnabled) return;
  const asks = wanted.some((member) => Object.values(member.teams).some((role) => role === "admin" && minimumTeamRole(member.role) !== "admin"));
  if (!asks) return;
  outcome.warnings.push({
    message: `Organization "${live.organization}" does not have the team-roles feature: Sentry ignores team roles, so the plan sets none.`
  });
}
function judge(outcome, candidate, context) {
  record(outcome, candidate.change, holdFor(candidate.change, candidate.target, context));
}
function record(outcome, change, hold) {
  if (hold) outcome.skipped.push({ ...change, reason: hold.reason, detail: hold.detail });
  else outcome.changes.push(change);
}
function offeredRoles(live) {
  return live.orgRoles.filter((role) => !(role === "admin" && live.teamRolesEnabled));
}
function offers(live, role) {
  return live.orgRoles.length === 0 ? role !== "admin" || !live.teamRolesEnabled : offeredRoles(live).includes(role);
}
function orderChanges(changes) {
  const demoted = demotedMembers(changes);
  return changes.map((change) => ({ change, rank: phaseRank(change, demoted), email: emailOf(change), team: teamOf(change) })).sort((a, b) => a.rank - b.rank || compareText(a.email, b.email) || compareText(a.team, b.team)).map((entry) => entry.change);
}
function sortBy(items, key) {
  return items.map((item) => ({ item, key: key(item) })).sort((a, b) => compareText(a.key, b.key)).map((entry) => entry.item);
}
function emailOf(change) {
  return "email" in change ? normalizeEmail(change.email) : "";
}
function teamOf(change) {
  return "team" in change ? change.team : change.action === "reinvite" ? "0" : "1";
}
function sortedRecord(record2) {
  const sorted = {};
  for (const key of Object.keys(record2).sort(compareText)) sorted[key] = record2[key];
  return sorted;
}
function article(word) {
  return /^[aeiou]/.test(word) ? "an" : "a";
}
function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// src/commands/plan.ts
var MissingOrganizationError = class extends Error {
  name = "MissingOrganizationError";
  constructor(rosterPath) {
    super(`no organization to plan for: add "organization: SLUG" to ${rosterPath}, or pass --org SLUG, or set SENTRY_ORG`);
  }
};
async function planCommand(options, deps) {
  const { issues, desired } = await loadRoster(options.rosterPath, deps.readFile);
  if (!desired || issues.some((issue) => issue.severity === ISSUE_SEVERITY.Error)) return { kind: "roster-invalid", issues };
  const client = openSentry(options.connection, deps);
  const organization = options.org || desired.organization || options.defaultOrg;
  if (!organization) throw new MissingOrganizationError(options.rosterPath);
  deps.logger.progress(`reading organization ${organization} from ${options.connection.baseUrl}`);
  const live = await readLiveState(client, {
    organization,
    managedTeams: desired.teams.map((team) => team.slug),
    onProgress: (message) => deps.logger.progress(message)
  });
  return { kind: "planned", plan: computePlan(desired, live), desired, live, issues };
}

export {
  APPLY_PHASES,
  demotedMembers,
  phaseOf,
  SHORT_ID_LENGTH,
  changeId,
  computePlan,
  renderPlanText,
  PlanFileError,
  toPlanJson,
  parsePlanJson,
  planCommand
};

import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);
import {
  MAX_CONCURRENT_READS,
  SCOPES_NEEDED,
  apiPath,
  mapLimit,
  openSentry,
  readAll,
  readLiveState,
  readMember,
  resolveOrganization
} from "./chunk-PIA3TUHV.js";
import {
  ACTION_LABELS,
  ISSUE_SEVERITY,
  TERMINAL_STYLE,
  canManage,
  changePhrase,
  driftPhrase,
  effectiveTeamRole,
  followUpPhrase,
  hasTeamAccess,
  isOrgRole,
  isTeamRole,
  loadRoster,
  minimumTeamRole,
  normalizeEmail,
  orgRolePriority,
  plural,
  printable,
  sameEmail
} from "./chunk-CV2I63CP.js";

// src/render/plan-summary.ts
var SUMMARY_THRESHOLD = 30;
var SUMMARY_TEAMS = 8;
function summarizePlan(plan) {
  if (plan.changes.length <= SUMMARY_THRESHOLD) return void 0;
  const actions = /* @__PURE__ */ new Map();
  const teams = /* @__PURE__ */ new Map();
  for (const change of plan.changes) {
    const label = ACTION_LABELS[change.action];
    actions.set(label, (actions.get(label) ?? 0) + 1);
    for (const team of teamsOf(change)) teams.set(team, (teams.get(team) ?? 0) + 1);
  }
  const sortedTeams = [...teams].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
  return { byAction: [...actions], byTeam: sortedTeams.slice(0, SUMMARY_TEAMS), moreTeams: Math.max(0, sortedTeams.length - SUMMARY_TEAMS) };
}
function teamsOf(change) {
  switch (change.action) {
    case "create-team":
    case "add-to-team":
    case "set-team-role":
    case "remove-from-team":
      return [change.team];
    case "invite":
      return Object.keys(change.teams);
    case "reinvite":
    case "set-role":
    case "remove-member":
      return [];
  }
}

// src/render/plan-text.ts
var ANSI = { green: "32", yellow: "33", red: "31", cyan: "36", bold: "1", dim: "2" };
var MARK = { add: ["+", "green"], change: ["~", "yellow"], remove: ["-", "red"] };
function renderPlanText(plan, options) {
  const paint = (style, text) => options.color ? `\x1B[${ANSI[style]}m${text}\x1B[0m` : text;
  const lines = [`Sentry organization ${paint("bold", printable(plan.organization))}`, ""];
  lines.push(...renderSummary(plan, paint));
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
function renderSummary(plan, paint) {
  const summary = summarizePlan(plan);
  if (!summary) return [];
  const row = (label, count) => `    ${label.padEnd(24)} ${String(count).padStart(6)}`;
  const also = [
    plan.skipped.length > 0 ? `${plan.skipped.length} skipped` : "",
    plan.drift.length > 0 ? `${plan.drift.length} drift` : "",
    plan.warnings.length > 0 ? plural(plan.warnings.length, "warning") : ""
  ].filter(Boolean);
  return [
    paint("bold", `Summary: ${plural(plan.changes.length, "change")}; the full list follows.`),
    "  By action:",
    ...summary.byAction.map(([label, count]) => row(label, count)),
    ...summary.byTeam.length > 0 ? ["  By team (most changes first):", ...summary.byTeam.map(([team, count]) => row(printable(team), count))] : [],
    ...summary.moreTeams > 0 ? [`    and ${plural(summary.moreTeams, "more team")}`] : [],
    ...also.length > 0 ? [`  Also: ${also.join(", ")}.`] : [],
    ""
  ];
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
      const followUp = skip ? void 0 : followUpPhrase(item, TERMINAL_STYLE);
      if (followUp) lines.push(`    ${paint("dim", followUp)}`);
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
  "member-removals",
  "re-invites"
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
      return change.afterRemovalOf === void 0 ? "invites" : "re-invites";
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

// src/plan/token-scopes.ts
function missingScope(action, scopes) {
  if (scopes === null) return void 0;
  const needed = SCOPES_NEEDED[action];
  if (needed.some((scope) => scopes.includes(scope))) return void 0;
  const has = scopes.length === 0 ? "none" : [...scopes].sort().join(", ");
  return `the token lacks the scope ${needed.length === 1 ? needed[0] : `${needed[0]} (or ${needed.slice(1).join(", ")})`} that this needs (it has ${has}): create a token with ${needed[0]}`;
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
    openMembership: live.openMembership,
    scimTeams: new Set(live.teams.filter((team) => team.idpProvisioned).map((team) => team.slug))
  };
}
function holdFor(change, target, context) {
  return selfHold(change, target, context) ?? ownerHold(change, target, context) ?? idpHold(change, target, context) ?? partnershipHold(change, target) ?? tokenHold(change, target, context);
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
function idpHold(change, target, context) {
  if ((change.action === "add-to-team" || change.action === "remove-from-team") && context.scimTeams.has(change.team)) {
    const edit = change.action === "add-to-team" ? `add ${change.email} to` : `remove ${change.email} from`;
    return {
      reason: "idp-provisioned",
      detail: `team "${change.team}" is provisioned by your identity provider (SCIM) and Sentry refuses REST membership edits on it: ${edit} the team's group in the identity provider`
    };
  }
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
function partnershipHold(change, target) {
  if (!target?.flags.partnershipRestricted) return void 0;
  if (change.action !== "set-role" && change.action !== "remove-member") return void 0;
  const what = change.action === "set-role" ? "changes to their role" : "their removal";
  return {
    reason: "partnership-restricted",
    detail: `${target.email} is managed by an active partnership and Sentry refuses ${what} until the partnership ends: keep the roster as Sentry has them for now, or ask the partner to change it`
  };
}
function tokenHold(change, target, context) {
  if (!context.judgeToken) return void 0;
  const hold = roleHold(change, target, context);
  if (hold) return hold;
  const missing = missingScope(change.action, context.token.scopes);
  return missing === void 0 ? void 0 : { reason: "token-cannot", detail: missing };
}
function roleHold(change, target, context) {
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
    message: `The plan removes ${removals} member${removals === 1 ? "" : "s"}; policy.maxRemovals is ${policy.maxRemovals}. Raise it in the roster to allow this.`
  };
}
function maxRoleChangesViolation(roleChanges, policy) {
  if (roleChanges <= policy.maxRoleChanges) return void 0;
  return {
    rule: "max-role-changes",
    message: `The plan changes the org role of ${roleChanges} member${roleChanges === 1 ? "" : "s"}; policy.maxRoleChanges is ${policy.maxRoleChanges}. Raise it in the roster to allow this.`
  };
}
function minOwnersViolation(desired) {
  if (desired.policy.owners !== "manage") return void 0;
  const owners = desired.members.filter((member) => member.role === "owner").length;
  if (owners >= desired.policy.minOwners) return void 0;
  return {
    rule: "min-owners",
    message: `The roster lists ${owners} owner${owners === 1 ? "" : "s"}; policy.minOwners is ${desired.policy.minOwners}. List more owners, or lower policy.minOwners in the roster.`
  };
}

// src/plan/plan-draft.ts
function emptyDraft() {
  return { changes: [], skipped: [], warnings: [] };
}
function record(draft, change, hold) {
  if (hold) draft.skipped.push({ ...change, reason: hold.reason, detail: hold.detail });
  else draft.changes.push(change);
}
function judge(draft, candidate, context) {
  record(draft, candidate.change, holdFor(candidate.change, candidate.target, context));
}
function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function compareIds(a, b) {
  return a.length - b.length || compareText(a, b);
}
function sortBy(items, key) {
  return items.map((item) => ({ item, key: key(item) })).sort((a, b) => compareText(a.key, b.key)).map((entry) => entry.item);
}
function sortedRecord(record2) {
  const sorted = {};
  for (const key of Object.keys(record2).sort(compareText)) sorted[key] = record2[key];
  return sorted;
}
function quotedList(items) {
  return items.map((item) => `"${item}"`).join(", ");
}
function article(word) {
  return /^[aeiou]/.test(word) ? "an" : "a";
}

// src/plan/match-members.ts
function matchRoster(desired, live, draft) {
  const ignored = new Set(desired.ignore.map(normalizeEmail));
  const wanted = desired.members.filter((member) => {
    if (!ignored.has(normalizeEmail(member.email))) return true;
    draft?.warnings.push({ message: `${member.email} is both listed and ignored: the roster leaves them alone.`, email: normalizeEmail(member.email) });
    return false;
  });
  const candidates = live.members.filter((member) => {
    if (member.email !== "") return !ignored.has(normalizeEmail(member.email));
    draft?.warnings.push({
      message: `Sentry member ${member.id} (${member.name}) has no email address: the roster cannot name them, so they are left alone.`
    });
    return false;
  });
  const { pairings, unlisted } = matchMembers(wanted, candidates, live.accountEmails ?? {});
  for (const pairing of pairings) {
    if (pairing.foundBy === void 0 || !pairing.live) continue;
    draft?.warnings.push({
      message: `${pairing.foundBy} is another email of the Sentry member ${pairing.live.email} (Sentry shows their account's primary email): add "aliases: [${pairing.live.email}]" to their roster entry, so the next plan needs no search.`,
      email: normalizeEmail(pairing.desired.email)
    });
  }
  return { wanted, pairings, unlisted };
}
function addressesToLookUp(desired, live) {
  const { pairings } = matchRoster(desired, { ...live, accountEmails: {} });
  const addresses = pairings.filter((pairing) => !pairing.live).flatMap((pairing) => [pairing.desired.email, ...pairing.desired.aliases]);
  return [...new Set(addresses.map(normalizeEmail))].sort();
}
function matchMembers(wanted, liveMembers, accountEmails) {
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
  const foundBy = matchByAccountEmail(sorted, found, liveMembers, claimed, accountEmails);
  const pairings = sorted.map((member) => {
    const address = foundBy.get(member);
    return address === void 0 ? { desired: member, live: found.get(member) } : { desired: member, live: found.get(member), foundBy: address };
  });
  const unlisted = sortBy(
    liveMembers.filter((member) => !claimed.has(member.id)),
    (member) => `${normalizeEmail(member.email)}\0${String(member.id.length).padStart(6, "0")}${member.id}`
  );
  return { pairings, unlisted };
}
function matchByAccountEmail(sorted, found, liveMembers, claimed, accountEmails) {
  const foundBy = /* @__PURE__ */ new Map();
  if (Object.keys(accountEmails).length === 0) return foundBy;
  const byId = new Map(liveMembers.map((member) => [member.id, member]));
  for (const member of sorted) {
    if (found.has(member)) continue;
    for (const address of [member.email, ...member.aliases]) {
      const id = accountEmails[normalizeEmail(address)];
      const row = id === void 0 ? void 0 : byId.get(id);
      if (!row || row.pending || claimed.has(row.id)) continue;
      claimed.add(row.id);
      found.set(member, row);
      foundBy.set(member, address);
      break;
    }
  }
  return foundBy;
}
function compareLiveRows(a, b) {
  return Number(a.pending) - Number(b.pending) || compareIds(a.id, b.id);
}

// src/plan/member-changes.ts
function planMemberChanges(match, desired, live, context, uncreatable, draft, drift) {
  const candidates = [];
  for (const { desired: member, live: current } of match.pairings) {
    if (!current) {
      candidates.push({ change: inviteOf(member, uncreatable, draft), target: void 0 });
      continue;
    }
    if (current.pending && current.expired) {
      candidates.push({ change: { action: "reinvite", email: current.email, memberId: current.id }, target: current });
    }
    if (current.role !== member.role) {
      candidates.push({
        change: { action: "set-role", email: current.email, memberId: current.id, from: current.role, to: member.role },
        target: current
      });
    }
  }
  const removals = /* @__PURE__ */ new Map();
  for (const member of match.unlisted) {
    if (desired.policy.unlisted === "remove") {
      const change = { action: "remove-member", email: member.email, memberId: member.id };
      removals.set(member, change);
      candidates.push({ change, target: member });
    }
  }
  const holds = judgeMemberChanges(candidates, live, context);
  for (const member of match.unlisted) {
    const removal = removals.get(member);
    if (removal === void 0 || holds.has(removal)) {
      drift.push({ kind: "unlisted-member", email: member.email, memberId: member.id, role: member.role, pending: member.pending });
    }
  }
  for (const candidate of candidates) record(draft, candidate.change, holds.get(candidate.change));
  const removed = candidates.filter(({ change, target }) => change.action === "remove-member" && !holds.has(change) && target && !target.pending);
  const ignored = new Set(desired.ignore.map(normalizeEmail));
  planInvitesLostByRemoval(
    removed.flatMap((candidate) => candidate.target ? [candidate.target] : []),
    { match, ignoredInvites: live.members.filter((member) => member.pending && member.email !== "" && ignored.has(normalizeEmail(member.email))) },
    context,
    uncreatable,
    draft
  );
  const finalRoles = /* @__PURE__ */ new Map();
  for (const { change, target } of candidates) {
    if (change.action === "set-role" && target && !holds.has(change)) finalRoles.set(target.id, change.to);
  }
  return { finalRoles };
}
function inviteOf(member, uncreatable, draft) {
  return { action: "invite", email: member.email, role: member.role, teams: inviteTeams(member, uncreatable, draft) };
}
function inviteTeams(member, uncreatable, draft) {
  const teams = sortedRecord(member.teams);
  const missing = Object.keys(teams).filter((team) => uncreatable.has(team));
  for (const team of missing) delete teams[team];
  if (missing.length > 0) {
    draft.warnings.push({
      message: `${member.email} is invited without ${quotedList(missing)}: the team is not created (see skipped); a later run adds them.`,
      email: normalizeEmail(member.email)
    });
  }
  return teams;
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
function planInvitesLostByRemoval(removed, { match, ignoredInvites }, context, uncreatable, draft) {
  if (removed.length === 0) return;
  const rosterByInvite = new Map(match.pairings.flatMap((pairing) => pairing.live?.pending ? [[pairing.live.id, pairing.desired]] : []));
  const invites = [...rosterByInvite.keys(), ...[...match.unlisted, ...ignoredInvites].filter((member) => member.pending).map((member) => member.id)];
  const rows = new Map(
    [...match.pairings.flatMap((pairing) => pairing.live ? [pairing.live] : []), ...match.unlisted, ...ignoredInvites].map((member) => [member.id, member])
  );
  const ignoredIds = new Set(ignoredInvites.map((invite) => invite.id));
  for (const sender of [...removed].sort((a, b) => compareText(normalizeEmail(a.email), normalizeEmail(b.email)))) {
    const sent = invites.map((id) => rows.get(id)).filter((invite) => invite !== void 0 && sentBy(invite, sender)).sort((a, b) => compareText(normalizeEmail(a.email), normalizeEmail(b.email)));
    for (const invite of sent) {
      if (ignoredIds.has(invite.id)) {
        draft.warnings.push({
          message: `Removing ${sender.email} also deletes the pending invite of ${invite.email}, which ${sender.email} sent: the roster ignores ${invite.email}, so the plan does not invite them again; re-send the invite in Sentry or list them in the roster.`,
          email: normalizeEmail(invite.email)
        });
        continue;
      }
      const member = rosterByInvite.get(invite.id);
      if (!member) continue;
      draft.warnings.push({
        message: `Removing ${sender.email} also deletes the pending invite of ${invite.email}, which ${sender.email} sent: the plan invites ${member.email} again after the removal.`,
        email: normalizeEmail(member.email)
      });
      const change = { ...inviteOf(member, uncreatable, draft), afterRemovalOf: sender.email };
      record(draft, change, holdFor(change, void 0, context));
    }
  }
}
function sentBy(invite, sender) {
  const inviter = invite.inviterName;
  if (!inviter) return false;
  return inviter === sender.name || sameEmail(inviter, sender.email);
}

// src/plan/plan-rules.ts
function organizationMismatch(desired, live) {
  if (desired.organization === "" || desired.organization.toLowerCase() === live.organization.toLowerCase()) return void 0;
  return {
    rule: "organization-mismatch",
    message: `The roster is for organization "${desired.organization}" but the plan read "${live.organization}". Fix organization in the roster.`
  };
}
function planViolations(desired, live, changes) {
  const violations = [];
  const mismatch = organizationMismatch(desired, live);
  if (mismatch) violations.push(mismatch);
  for (const change of changes) {
    if (change.action !== "invite" && change.action !== "set-role") continue;
    const role = change.action === "invite" ? change.role : change.to;
    if (!offers(live, role)) {
      violations.push({
        rule: "role-not-offered",
        message: `${change.email}: organization "${live.organization}" does not offer the role "${role}"; it offers ${offeredRoles(live).join(", ")}. Pick one of those in the roster.`,
        email: normalizeEmail(change.email)
      });
    }
  }
  const count = (action) => changes.filter((change) => change.action === action).length;
  const removals = maxRemovalsViolation(count("remove-member"), desired.policy);
  if (removals) violations.push(removals);
  const roleChanges = maxRoleChangesViolation(count("set-role"), desired.policy);
  if (roleChanges) violations.push(roleChanges);
  const owners = minOwnersViolation(desired);
  if (owners) violations.push(owners);
  return violations;
}
function offeredRoles(live) {
  return live.orgRoles.filter((role) => !(role === "admin" && live.teamRolesEnabled));
}
function offers(live, role) {
  return live.orgRoles.length === 0 ? role !== "admin" || !live.teamRolesEnabled : offeredRoles(live).includes(role);
}

// src/plan/team-changes.ts
function planManagedTeams(desired, live, context, draft) {
  const liveTeams = new Set(live.teams.map((team) => team.slug));
  const teamsRead = new Set(live.teamsRead);
  const uncreatable = /* @__PURE__ */ new Map();
  for (const team of [...desired.teams].sort((a, b) => compareText(a.slug, b.slug))) {
    if (!liveTeams.has(team.slug)) {
      const change = { action: "create-team", team: team.slug, name: team.name ?? team.slug };
      const hold = holdFor(change, void 0, context);
      record(draft, change, hold);
      if (hold) uncreatable.set(team.slug, hold);
    } else if (!teamsRead.has(team.slug)) {
      draft.warnings.push({ message: `The members of team "${team.slug}" were not read: its memberships are left as they are.`, team: team.slug });
    }
  }
  return uncreatable;
}
function planTeamChanges(match, desired, live, finalRoles, uncreatable, context, draft) {
  const facts = {
    liveTeams: new Set(live.teams.map((team) => team.slug)),
    teamsRead: new Set(live.teamsRead),
    managed: new Set(desired.teams.map((team) => team.slug)),
    teamRolesEnabled: live.teamRolesEnabled
  };
  for (const { desired: member, live: current } of match.pairings) {
    if (!current) continue;
    const finalRole = finalRoles.get(current.id) ?? current.role;
    for (const candidate of teamCandidates(member, current, finalRole, facts, draft)) {
      const missing = "team" in candidate.change ? uncreatable.get(candidate.change.team) : void 0;
      if (missing && candidate.change.action === "add-to-team") {
        record(draft, candidate.change, { reason: missing.reason, detail: `team "${candidate.change.team}" is not created: ${missing.detail}` });
      } else {
        judge(draft, candidate, context);
      }
    }
    if (finalRoles.has(current.id) && !hasTeamAccess(finalRole) && hasTeamAccess(current.role)) {
      for (const team of Object.keys(current.teams).sort(compareText)) {
        if (facts.managed.has(team)) continue;
        judge(draft, { change: { action: "remove-from-team", email: current.email, memberId: current.id, team }, target: current }, context);
      }
      draft.warnings.push({
        message: `${current.email} becomes billing, which has no team access: Sentry drops them from every team, including teams the roster does not manage.`,
        email: normalizeEmail(current.email)
      });
    }
  }
  teamRoleFeatureWarning(draft, match.wanted, live);
}
function teamCandidates(member, current, finalRole, facts, draft) {
  const candidates = [];
  const base = { email: current.email, memberId: current.id };
  const noEffect = [];
  const teams = /* @__PURE__ */ new Set();
  for (const team of Object.keys(member.teams)) if (facts.managed.has(team)) teams.add(team);
  for (const team of Object.keys(current.teams)) if (facts.managed.has(team)) teams.add(team);
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
    if (from !== to) candidates.push({ change: { action: "set-team-role", ...base, team, from, to }, target: current });
  }
  if (noEffect.length > 0) {
    draft.warnings.push({
      message: `${current.email} is ${article(finalRole)} ${finalRole}, which is always team admin: the team role contributor in ${quotedList(noEffect)} has no effect.`,
      email: normalizeEmail(current.email)
    });
  }
  return candidates;
}
function explicitTeamRole(member, team) {
  return member.explicitTeamRoles === void 0 || member.explicitTeamRoles.includes(team);
}
function teamRoleFeatureWarning(draft, wanted, live) {
  if (live.teamRolesEnabled) return;
  const asks = wanted.some((member) => Object.values(member.teams).some((role) => role === "admin" && minimumTeamRole(member.role) !== "admin"));
  if (!asks) return;
  draft.warnings.push({
    message: `Organization "${live.organization}" does not have the team-roles feature: Sentry ignores team roles, so the plan sets none.`
  });
}

// src/plan/compute-plan.ts
function computePlan(desired, live) {
  const mismatch = organizationMismatch(desired, live);
  if (mismatch) {
    return { formatVersion: 1, organization: live.organization, digest: planDigest([]), changes: [], skipped: [], drift: [], warnings: [], violations: [mismatch] };
  }
  const context = safetyContext(desired, live);
  const draft = emptyDraft();
  const drift = [];
  if (live.token.scopes !== null && !context.judgeToken && live.token.role !== null) {
    draft.warnings.push({ message: "The token can only read: what it may change is judged again, with the apply token, before any write." });
  }
  const uncreatable = planManagedTeams(desired, live, context, draft);
  const match = matchRoster(desired, live, draft);
  const { finalRoles } = planMemberChanges(match, desired, live, context, uncreatable, draft, drift);
  const managed = new Set(desired.teams.map((team) => team.slug));
  for (const team of [...live.teams].sort((a, b) => compareText(a.slug, b.slug))) {
    if (!managed.has(team.slug)) drift.push({ kind: "unmanaged-team", team: team.slug });
  }
  planTeamChanges(match, desired, live, finalRoles, uncreatable, context, draft);
  const violations = planViolations(desired, live, draft.changes);
  const changes = orderChanges(draft.changes).map(withId);
  return {
    formatVersion: 1,
    organization: live.organization,
    digest: planDigest(changes),
    changes,
    skipped: orderChanges(draft.skipped),
    drift,
    warnings: draft.warnings,
    violations
  };
}
function orderChanges(changes) {
  const demoted = demotedMembers(changes);
  return changes.map((change) => ({ change, rank: phaseRank(change, demoted), email: emailOf(change), team: teamOf(change) })).sort((a, b) => a.rank - b.rank || compareText(a.email, b.email) || compareText(a.team, b.team)).map((entry) => entry.change);
}
function emailOf(change) {
  return "email" in change ? normalizeEmail(change.email) : "";
}
function teamOf(change) {
  return "team" in change ? change.team : change.action === "reinvite" ? "0" : "1";
}

// src/sentry/look-up-members.ts
var LOOKUP_BATCH = 40;
async function lookUpAccountEmails(client, organization, addresses) {
  const search = async (batch) => {
    const query = batch.map((address) => `email:${address}`).join(" ");
    return (await readAll(client, apiPath("organizations", organization, "members"), { query })).map(readMember);
  };
  const hits = [];
  const resolve = async (batch) => {
    const asked = new Set(batch.map(normalizeEmail));
    const found = (await search(batch)).filter((row) => !row.pending && row.email !== "" && !asked.has(normalizeEmail(row.email)));
    if (found.length === 0 || found.length > batch.length) return;
    if (batch.length === 1) {
      if (found.length === 1) hits.push([normalizeEmail(batch[0]), found[0].id]);
      return;
    }
    const half = Math.ceil(batch.length / 2);
    await Promise.all([resolve(batch.slice(0, half)), resolve(batch.slice(half))]);
  };
  const batches = [];
  for (let start = 0; start < addresses.length; start += LOOKUP_BATCH) batches.push(addresses.slice(start, start + LOOKUP_BATCH));
  await mapLimit(batches, MAX_CONCURRENT_READS, resolve);
  return Object.fromEntries(hits.sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
}

// src/commands/plan.ts
async function planCommand(options, deps) {
  const { issues, desired } = await loadRoster(options.rosterPath, deps.readFile);
  if (!desired || issues.some((issue) => issue.severity === ISSUE_SEVERITY.Error)) return { kind: "roster-invalid", issues };
  const organization = resolveOrganization({ flag: options.org, roster: desired.organization, env: options.defaultOrg }, options.rosterPath);
  const client = openSentry(options.connection, deps);
  deps.logger.progress(`reading organization ${organization} from ${options.connection.baseUrl}`);
  const live = await readLiveOrg(client, desired, organization, (message) => deps.logger.progress(message));
  return { kind: "planned", plan: computePlan(desired, live), desired, live, issues };
}
async function readLiveOrg(client, desired, organization, onProgress) {
  const live = await readLiveState(client, { organization, managedTeams: desired.teams.map((team) => team.slug), ...onProgress ? { onProgress } : {} });
  const addresses = addressesToLookUp(desired, live);
  if (addresses.length === 0) return live;
  onProgress?.(`looking up ${addresses.length} roster address${addresses.length === 1 ? "" : "es"} that match no member`);
  return { ...live, accountEmails: await lookUpAccountEmails(client, organization, addresses) };
}

// src/cli/color.ts
function colorWanted(env, isTTY) {
  const force = env["FORCE_COLOR"];
  if (force !== void 0) return force !== "0" && force.toLowerCase() !== "false";
  if (env["NO_COLOR"] || env["NODE_DISABLE_COLORS"]) return false;
  return isTTY && env["TERM"] !== "dumb";
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
  planCommand,
  readLiveOrg,
  colorWanted
};

import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);
import {
  cliLogger,
  createNodeDeps,
  openSentry,
  readLiveState,
  resolveOrganization,
  resolveSentryTarget
} from "./chunk-PIA3TUHV.js";
import "./chunk-ZV4FVV53.js";
import {
  DEFAULT_POLICY,
  SENTRY_OPTIONS,
  hasTeamAccess,
  isOrgRole,
  minimumTeamRole,
  normalizeEmail,
  parseCommandArgs,
  plural,
  require_dist
} from "./chunk-CV2I63CP.js";
import {
  __toESM
} from "./chunk-BE7JI7H6.js";

// src/roster/write-roster.ts
var import_yaml = __toESM(require_dist(), 1);
var SCHEMA_COMMENT = " yaml-language-server: $schema=./schema/roster.schema.json";
function writeRoster(live, options = {}) {
  const document = new import_yaml.Document();
  const organization = options.organization ?? live.organization;
  document.commentBefore = [
    SCHEMA_COMMENT,
    ` Exported from the Sentry organization "${organization}" by sentry-roster export.`,
    " Check it, then edit this file instead of Sentry's member settings: sentry-roster plan shows the difference."
  ].join("\n");
  const teams = teamSlugs(live);
  const root = document.createNode({});
  const add = (key, value, comment) => {
    const pair = document.createPair(key, value);
    if (comment && (0, import_yaml.isScalar)(pair.key)) pair.key.commentBefore = comment;
    root.items.push(pair);
  };
  add("version", 1);
  add("organization", organization);
  add("policy", policyNode(document), " Safety rails, all at their defaults: see the README before changing them.");
  add(
    "teams",
    teamsNode(document, live, teams),
    " The teams the roster manages: every team of the org. Remove a team to leave it unmanaged."
  );
  const { listed, expired } = splitExpiredInvites(live.members);
  if (expired.length > 0) {
    add(
      "ignore",
      ignoreNode(document, expired),
      [
        ` Expired invites, left as they are (a plan neither re-sends nor reports them).`,
        ` To re-send one, move it to members with a role; to drop one, delete the invite in Sentry.`
      ].join("\n")
    );
  }
  add("members", membersNode(document, listed), ` ${listed.length} member${listed.length === 1 ? "" : "s"}, sorted by email.`);
  document.contents = root;
  return document.toString({ lineWidth: 0, flowCollectionPadding: false });
}
function policyNode(document) {
  return document.createNode({ ...DEFAULT_POLICY });
}
function teamsNode(document, live, slugs) {
  const teams = document.createNode({});
  for (const slug of slugs) {
    const team = live.teams.find((candidate) => candidate.slug === slug);
    const value = document.createNode(team && team.name !== slug ? { name: team.name } : {});
    value.flow = true;
    teams.set(slug, value);
    if (team?.idpProvisioned) value.comment = " SCIM-managed: Sentry refuses membership changes through the API";
  }
  return teams;
}
function splitExpiredInvites(members) {
  const live = new Set(members.filter((member) => !(member.pending && member.expired)).map((member) => normalizeEmail(member.email)));
  const expired = /* @__PURE__ */ new Map();
  for (const member of members) {
    const key = normalizeEmail(member.email);
    if (member.pending && member.expired && !live.has(key) && !expired.has(key)) expired.set(key, member);
  }
  const ignored = new Set(expired.values());
  const listed = members.filter((member) => !(member.pending && member.expired && !live.has(normalizeEmail(member.email))));
  return { listed, expired: [...ignored].sort((a, b) => compareText(normalizeEmail(a.email), normalizeEmail(b.email))) };
}
function ignoreNode(document, expired) {
  const ignore = document.createNode([]);
  for (const member of expired) {
    const entry = document.createNode(member.email);
    const teams = hasTeamAccess(member.role) ? Object.keys(member.teams).sort(compareText) : [];
    const name = memberNotes(member).filter((note) => note !== "expired invite");
    entry.comment = ` ${[...name, `expired invite as ${member.role}${teams.length > 0 ? ` (teams ${teams.join(", ")})` : ""}`].join(", ")}`;
    ignore.items.push(entry);
  }
  return ignore;
}
function membersNode(document, listedMembers) {
  const members = document.createNode([]);
  const sorted = [...listedMembers].sort(
    (a, b) => compareText(normalizeEmail(a.email), normalizeEmail(b.email)) || compareText(a.id, b.id)
  );
  const seen = /* @__PURE__ */ new Map();
  for (const member of preferAccepted(sorted)) {
    const key = normalizeEmail(member.email);
    const kept = seen.get(key);
    if (kept) {
      const note = ` also in Sentry as ${member.email} (member ${member.id}${member.pending ? ", pending invite" : ""}): remove the duplicate there`;
      kept.comment = kept.comment ? `${kept.comment}
${note}` : note;
      continue;
    }
    const node = memberNode(document, member);
    seen.set(key, node);
    members.items.push(node);
  }
  return members;
}
function preferAccepted(members) {
  return [...members].sort(
    (a, b) => compareText(normalizeEmail(a.email), normalizeEmail(b.email)) || Number(a.pending) - Number(b.pending) || compareText(a.id, b.id)
  );
}
function memberNode(document, member) {
  const node = document.createNode({ email: member.email, role: member.role });
  const emailValue = node.get("email", true);
  const notes = memberNotes(member);
  if (notes.length > 0) emailValue.comment = ` ${notes.join(", ")}`;
  if (!isOrgRole(member.role)) {
    node.get("role", true).comment = ` not a role sentry-roster knows: pick one of member, admin, manager, owner, billing`;
  }
  const teams = memberTeams(member);
  if (teams !== void 0) {
    const teamsValue = document.createNode(teams);
    if ((0, import_yaml.isSeq)(teamsValue)) teamsValue.flow = true;
    node.set("teams", teamsValue);
  }
  return node;
}
function memberNotes(member) {
  const notes = [];
  const name = member.name.replace(/\s+/g, " ").trim();
  if (name && !sameText(name, member.email)) notes.push(name);
  if (member.pending) notes.push(member.expired ? "expired invite" : "pending invite");
  if (member.flags.idpProvisioned) notes.push("SCIM-managed");
  return notes;
}
function memberTeams(member) {
  if (!hasTeamAccess(member.role)) return void 0;
  const slugs = Object.keys(member.teams).sort(compareText);
  if (slugs.length === 0) return void 0;
  const explicitAdmin = minimumTeamRole(member.role) === "contributor" && slugs.some((slug) => member.teams[slug] === "admin");
  if (!explicitAdmin) return slugs;
  return Object.fromEntries(slugs.map((slug) => [slug, member.teams[slug] === "admin" ? "admin" : "contributor"]));
}
function teamSlugs(live) {
  const slugs = new Set(live.teams.map((team) => team.slug));
  for (const member of live.members)
    if (hasTeamAccess(member.role)) for (const slug of Object.keys(member.teams)) slugs.add(slug);
  return [...slugs].sort(compareText);
}
function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function sameText(a, b) {
  return a.toLowerCase() === b.toLowerCase();
}

// src/commands/export.ts
var ExportWriteError = class extends Error {
  name = "ExportWriteError";
  path;
  constructor(path, cause) {
    const code = typeof cause === "object" && cause !== null && "code" in cause ? String(cause.code) : void 0;
    const reason = code === "ENOENT" ? "its folder does not exist" : code === "EACCES" ? "permission denied" : code === "EISDIR" ? "it is a folder" : code ?? String(cause);
    super(`cannot write ${path}: ${reason}`, { cause });
    this.path = path;
  }
};
async function exportCommand(options, deps) {
  const client = openSentry(options.connection, deps);
  deps.logger.progress(`reading ${options.org} from ${client.displayUrl}`);
  const live = await readLiveState(client, {
    organization: options.org,
    managedTeams: "all",
    // An export judges no change: the token's scopes are not needed.
    tokenScopes: false,
    onProgress: (message) => deps.logger.progress(message)
  });
  const text = writeRoster(live);
  const { listed, expired } = splitExpiredInvites(live.members);
  const summary = [
    plural(new Set(listed.map((member) => member.email.toLowerCase())).size, "member"),
    plural(live.teams.length, "team"),
    ...expired.length > 0 ? [`${plural(expired.length, "expired invite")} under ignore`] : []
  ].join(", ");
  if (options.out) {
    try {
      await deps.writeFile(options.out, text);
    } catch (error) {
      throw new ExportWriteError(options.out, error);
    }
  }
  return { text, summary, live };
}

// src/cli/export-cli.ts
var HELP = `Usage: sentry-roster export [options]

Reads the live Sentry organization (read-only) and writes it as a roster:
every team, every member with their org role and teams, sorted, with comments
(display name, pending or expired invite, SCIM-managed). Start a roster with it.

Options:
  --out FILE    write the roster to FILE (default: stdout)
  --org SLUG    organization to export (default: SENTRY_ORG); one of them is required
  --url URL     Sentry base URL (default: SENTRY_URL, then https://sentry.io)

The token is read from SENTRY_AUTH_TOKEN (org:read, member:read, team:read suffice).
`;
var exportCli = async (argv, io) => {
  const { values } = parseCommandArgs(argv, { ...SENTRY_OPTIONS, out: { type: "string" } }, 0);
  if (values["help"]) {
    io.stdout(HELP);
    return 0;
  }
  const target = resolveSentryTarget(values, io.env);
  const org = resolveOrganization({ flag: target.org, env: target.envOrg });
  const out = typeof values["out"] === "string" && values["out"] ? values["out"] : void 0;
  const deps = createNodeDeps(cliLogger(io));
  const result = await exportCommand({ org, connection: target.connection, ...out ? { out } : {} }, deps);
  if (out) io.stderr(`wrote ${out}: ${result.summary}
`);
  else io.stdout(result.text);
  return 0;
};
export {
  exportCli
};

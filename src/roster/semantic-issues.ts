import { normalizeEmail } from "../domain/identity.js";
import { ISSUE_SEVERITY, type IssueSeverity, type RosterIssue } from "../domain/roster-issue.js";
import { hasTeamAccess, minimumTeamRole } from "../domain/roles.js";
import { didYouMean } from "./did-you-mean.js";
import { positionOf, type ParsedRoster, type RosterPath } from "./parse-roster.js";
import { formatPath } from "./schema-issues.js";
import { checkEmail, slugHint, SLUG_PATTERN, type Report } from "./sentry-syntax.js";

/**
 * The checks a schema cannot express: duplicate members (case-insensitive),
 * teams the roster does not list, billing with teams, email and slug syntax,
 * ignored members that are also listed, aliases that are someone else's email.
 * Tolerates values of the wrong type: the schema reports those.
 */
export function semanticIssues(roster: ParsedRoster): RosterIssue[] {
  const value = asRecord(roster.value);
  if (!value) return [];
  const issues: RosterIssue[] = [];
  const report = (
    path: RosterPath,
    message: string,
    hint?: string,
    options: { key?: boolean; severity?: IssueSeverity } = {},
  ) => {
    const at = positionOf(roster, path, { key: options.key ?? false });
    issues.push({
      severity: options.severity ?? ISSUE_SEVERITY.Error,
      file: roster.file,
      line: at.line,
      col: at.col,
      message,
      ...(hint ? { hint } : {}),
    });
  };
  const lineOf = (path: RosterPath): number => positionOf(roster, path).line;

  checkSlugs(value, report);
  const teams = asRecord(value["teams"]);
  const members = Array.isArray(value["members"]) ? (value["members"] as unknown[]) : [];
  const owners = checkMemberEmails(members, report, lineOf);
  members.forEach((entry, index) => {
    const member = asRecord(entry);
    if (member) checkMemberTeams(member, index, teams !== undefined, Object.keys(teams ?? {}), report);
  });
  // Aliases after every email, so an alias naming a later member is reported at the alias.
  members.forEach((entry, index) => {
    const member = asRecord(entry);
    if (member) checkAliases(member, index, member["email"], owners, report, lineOf);
  });
  checkOwnerCount(value, members, report);
  checkIgnore(value, owners, report, lineOf);
  return issues;
}

/** Where an email is first used (members, aliases), by normalized email: one person is one entry. */
type EmailOwners = Map<string, { path: RosterPath; what: string }>;
type LineOf = (path: RosterPath) => number;

/** The organization's and the teams' slugs follow Sentry's rule (docs/sentry-behaviour.md E8). */
function checkSlugs(value: Record<string, unknown>, report: Report): void {
  if (typeof value["organization"] === "string" && !SLUG_PATTERN.test(value["organization"])) {
    report(
      ["organization"],
      `organization: ${JSON.stringify(value["organization"])} is not a Sentry organization slug`,
      slugHint(value["organization"], "the slug from the org's URL"),
    );
  }
  for (const slug of Object.keys(asRecord(value["teams"]) ?? {})) {
    if (!SLUG_PATTERN.test(slug))
      report(
        ["teams", slug],
        `teams: ${JSON.stringify(slug)} is not a Sentry team slug`,
        slugHint(slug, "the team's slug"),
        { key: true },
      );
  }
}

/** Each member's email is valid and listed once (case-insensitive); returns where each email is. */
function checkMemberEmails(members: readonly unknown[], report: Report, lineOf: LineOf): EmailOwners {
  const owners: EmailOwners = new Map();
  members.forEach((entry, index) => {
    const email = asRecord(entry)?.["email"];
    if (typeof email !== "string") return;
    checkEmail(["members", index, "email"], email, report);
    const key = normalizeEmail(email);
    const first = owners.get(key);
    if (first) {
      report(
        ["members", index, "email"],
        `member ${JSON.stringify(email)} is listed twice (lines ${lineOf(first.path)} and ${lineOf(["members", index, "email"])})`,
        first.what === "email"
          ? "emails match case-insensitively: merge the two entries into one"
          : `it is already ${first.what}; one person is one entry`,
      );
    } else {
      owners.set(key, { path: ["members", index, "email"], what: "email" });
    }
  });
  return owners;
}

/** `ignore` entries are valid emails, not members, and listed once. */
function checkIgnore(value: Record<string, unknown>, owners: EmailOwners, report: Report, lineOf: LineOf): void {
  const ignore = Array.isArray(value["ignore"]) ? (value["ignore"] as unknown[]) : [];
  const ignored = new Map<string, number>();
  ignore.forEach((entry, index) => {
    if (typeof entry !== "string") return;
    const path = ["ignore", index];
    checkEmail(path, entry, report);
    const key = normalizeEmail(entry);
    const member = owners.get(key);
    if (member) {
      report(
        path,
        `ignore: ${JSON.stringify(entry)} is also a member (line ${lineOf(member.path)})`,
        "a person is either managed under members or ignored, not both: remove one",
      );
    }
    const first = ignored.get(key);
    if (first !== undefined) {
      report(
        path,
        `ignore: ${JSON.stringify(entry)} is listed twice (first on line ${lineOf(["ignore", first])})`,
        "remove one of them",
        { severity: ISSUE_SEVERITY.Warning },
      );
    } else {
      ignored.set(key, index);
    }
  });
}

/**
 * With `owners: manage` the roster decides who is an owner: listing fewer
 * than `minOwners` makes every plan refuse. Warned here, where it is cheap to fix.
 */
function checkOwnerCount(value: Record<string, unknown>, members: readonly unknown[], report: Report): void {
  const policy = asRecord(value["policy"]);
  const minOwners = policy?.["minOwners"] ?? 1;
  if (policy?.["owners"] !== "manage" || typeof minOwners !== "number") return;
  const owners = members.filter((member) => asRecord(member)?.["role"] === "owner").length;
  if (owners >= minOwners) return;
  report(
    ["policy", "owners"],
    `policy.owners is "manage" but the roster lists ${owners} owner${owners === 1 ? "" : "s"}, fewer than policy.minOwners (${minOwners})`,
    "give enough members role: owner, or the plan will refuse to demote the owners Sentry has",
    { severity: ISSUE_SEVERITY.Warning },
  );
}

function checkAliases(
  member: Record<string, unknown>,
  index: number,
  email: unknown,
  owners: Map<string, { path: RosterPath; what: string }>,
  report: Report,
  lineOf: (path: RosterPath) => number,
): void {
  if (!Array.isArray(member["aliases"])) return;
  const self = typeof email === "string" ? normalizeEmail(email) : undefined;
  member["aliases"].forEach((alias: unknown, position) => {
    if (typeof alias !== "string") return;
    const path = ["members", index, "aliases", position];
    checkEmail(path, alias, report);
    const key = normalizeEmail(alias);
    if (key === self) {
      report(
        path,
        `alias ${JSON.stringify(alias)} is this member's own email`,
        "remove it: aliases are the person's other addresses",
        { severity: ISSUE_SEVERITY.Warning },
      );
      return;
    }
    const first = owners.get(key);
    if (first) {
      const whose = first.what === "email" ? "the email of another member" : first.what;
      report(
        path,
        `alias ${JSON.stringify(alias)} is ${whose} (line ${lineOf(first.path)})`,
        "an address can belong to one member only: merge the entries or remove the alias",
      );
    } else {
      owners.set(key, {
        path,
        what: `an alias of ${typeof email === "string" ? JSON.stringify(email) : `members[${index}]`}`,
      });
    }
  });
}

function checkMemberTeams(
  member: Record<string, unknown>,
  index: number,
  teamsListed: boolean,
  teamSlugs: readonly string[],
  report: Report,
): void {
  const email = typeof member["email"] === "string" ? JSON.stringify(member["email"]) : `members[${index}]`;
  const entries = memberTeamEntries(member, index, email, report);
  const role = member["role"];
  if (role === "billing" && entries.length > 0) {
    report(
      ["members", index, "teams"],
      `member ${email} has role billing, which has no team access, but is in ${entries.length === 1 ? `team ${JSON.stringify(entries[0]!.slug)}` : `${entries.length} teams`}`,
      'remove "teams" or give the member another role',
      { key: true },
    );
  }
  for (const entry of entries) {
    if (!teamSlugs.includes(entry.slug)) {
      const suggestion = didYouMean(entry.slug, teamSlugs);
      report(
        entry.path,
        `member ${email} is in team ${JSON.stringify(entry.slug)}, which the roster does not list`,
        suggestion ?? `add "${entry.slug}: {}" under ${teamsListed ? '"teams:"' : 'a top-level "teams:" map'}`,
        { key: entry.key },
      );
    }
    if (
      entry.role === "contributor" &&
      typeof role === "string" &&
      hasTeamAccess(role) &&
      minimumTeamRole(role) === "admin"
    ) {
      report(
        entry.path,
        `${formatPath(entry.path)}: "contributor" has no effect: ${articled(role)} is always a team admin`,
        'remove the team role or write "admin"',
        { key: true, severity: ISSUE_SEVERITY.Warning },
      );
    }
  }
}

/** A member's teams in either form (list or map), each with where it is; a team listed twice is warned about once. */
function memberTeamEntries(
  member: Record<string, unknown>,
  index: number,
  email: string,
  report: Report,
): { slug: string; path: RosterPath; key: boolean; role?: unknown }[] {
  const teams = member["teams"];
  const entries: { slug: string; path: RosterPath; key: boolean; role?: unknown }[] = [];
  if (Array.isArray(teams)) {
    const seen = new Set<string>();
    teams.forEach((slug: unknown, position) => {
      if (typeof slug !== "string") return;
      const path = ["members", index, "teams", position];
      if (seen.has(slug)) {
        report(path, `member ${email} lists team ${JSON.stringify(slug)} twice`, "remove one of them", {
          severity: ISSUE_SEVERITY.Warning,
        });
        return;
      }
      seen.add(slug);
      entries.push({ slug, path, key: false });
    });
  } else {
    for (const [slug, role] of Object.entries(asRecord(teams) ?? {}))
      entries.push({ slug, path: ["members", index, "teams", slug], key: true, role });
  }
  return entries;
}

function articled(role: string): string {
  return `${/^[aeiou]/.test(role) ? "an" : "a"} ${role}`;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

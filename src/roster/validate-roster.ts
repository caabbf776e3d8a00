import { normalizeEmail } from "../domain/identity.js";
import { compareIssues, ISSUE_SEVERITY, type IssueSeverity, type RosterIssue } from "../domain/roster-issue.js";
import { hasTeamAccess, minimumTeamRole } from "../domain/roles.js";
import type { DesiredState } from "../domain/types.js";
import { didYouMean } from "./did-you-mean.js";
import { parseRoster, positionOf, type ParsedRoster, type RosterPath } from "./parse-roster.js";
import { formatPath, schemaIssues } from "./schema-issues.js";
import { toDesiredState } from "./to-desired-state.js";

/** Sentry's slug rule (docs/sentry-behaviour.md E8): lowercase letters, digits, "-" and "_", not only digits. */
export const SLUG_PATTERN = /^(?![0-9]+$)[a-z0-9_-]{1,50}$/;
/** Sentry refuses longer slugs. */
export const MAX_SLUG_LENGTH = 50;
/** Sentry stores at most 75 characters of an invited email (docs/sentry-behaviour.md E5). */
export const MAX_EMAIL_LENGTH = 75;
/** A quoted value longer than this is shortened in messages: a 900 KB scalar must not become a 900 KB error line. */
export const MAX_QUOTED_CHARS = 80;
/** No message or hint is longer than this, whatever it quotes. */
export const MAX_ISSUE_TEXT_CHARS = 400;

// One address, no display name: a local part without spaces or specials, then a dotted domain.
// "localhost" is the one dotless domain Sentry accepts (Django's EmailValidator allowlist): self-hosted installs use it.
const EMAIL_PATTERN =
  /^(?!\.)(?!.*\.\.)[^\s@"(),:;<>[\]\\]+(?<!\.)@(?:(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]|localhost)$/i;

/** The outcome of reading a roster: every issue, and the DesiredState when there is no error. */
export interface LoadRosterResult {
  /** Sorted by position; warnings do not stop the roster from being used. */
  readonly issues: readonly RosterIssue[];
  /** Undefined iff any issue has severity "error". */
  readonly desired: DesiredState | undefined;
}

/**
 * Roster text → issues and DesiredState, with no I/O: YAML parse, schema,
 * then the semantic checks. Parse problems stop there (the rest would be
 * guesses); schema and semantic problems are all reported together.
 */
export function parseRosterText(file: string, text: string): LoadRosterResult {
  const parsed = parseRoster(file, text);
  if (!parsed.ok) return { issues: parsed.issues.map(clipIssue).sort(compareIssues), desired: undefined };
  const issues = uniqueIssues([...schemaIssues(parsed.roster), ...semanticIssues(parsed.roster)].map(clipIssue)).sort(
    compareIssues,
  );
  const hasError = issues.some((issue) => issue.severity === ISSUE_SEVERITY.Error);
  return { issues, desired: hasError ? undefined : toDesiredState(parsed.roster) };
}

/** Shortens long quoted values (and, as a last resort, the whole text) so every issue reads as one short line. */
function clipIssue(issue: RosterIssue): RosterIssue {
  const clip = (text: string): string => {
    const shortened = text
      .replace(/"((?:[^"\\]|\\.)*)"/g, (whole, inner: string) =>
        inner.length <= MAX_QUOTED_CHARS
          ? whole
          : `"${inner.slice(0, MAX_QUOTED_CHARS - 20).replace(/\\[^"]{0,5}$/, "")}…" (${inner.length} characters)`,
      )
      .replace(/[\r\n]+/g, " ");
    return shortened.length <= MAX_ISSUE_TEXT_CHARS ? shortened : `${shortened.slice(0, MAX_ISSUE_TEXT_CHARS - 1)}…`;
  };
  return { ...issue, message: clip(issue.message), ...(issue.hint === undefined ? {} : { hint: clip(issue.hint) }) };
}

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

  if (typeof value["organization"] === "string" && !SLUG_PATTERN.test(value["organization"])) {
    report(
      ["organization"],
      `organization: ${JSON.stringify(value["organization"])} is not a Sentry organization slug`,
      slugHint(value["organization"], "the slug from the org's URL"),
    );
  }

  const teams = asRecord(value["teams"]);
  const teamSlugs = Object.keys(teams ?? {});
  for (const slug of teamSlugs) {
    if (!SLUG_PATTERN.test(slug))
      report(
        ["teams", slug],
        `teams: ${JSON.stringify(slug)} is not a Sentry team slug`,
        slugHint(slug, "the team's slug"),
        { key: true },
      );
  }

  // Normalized email → where it is first used, for duplicates across members, aliases and ignore.
  const owners = new Map<string, { path: RosterPath; what: string }>();
  const members = Array.isArray(value["members"]) ? (value["members"] as unknown[]) : [];
  members.forEach((entry, index) => {
    const member = asRecord(entry);
    if (!member) return;
    const email = member["email"];
    if (typeof email === "string") {
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
    }
    checkMemberTeams(member, index, teams !== undefined, teamSlugs, report);
  });
  // Aliases after every email, so an alias naming a later member is reported at the alias.
  members.forEach((entry, index) => {
    const member = asRecord(entry);
    if (member) checkAliases(member, index, member["email"], owners, report, lineOf);
  });
  checkOwnerCount(value, members, report);

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
  return issues;
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

type Report = (
  path: RosterPath,
  message: string,
  hint?: string,
  options?: { key?: boolean; severity?: IssueSeverity },
) => void;

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
  const teams = member["teams"];
  const email = typeof member["email"] === "string" ? JSON.stringify(member["email"]) : `members[${index}]`;
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
    const map = asRecord(teams);
    if (!map) return;
    for (const [slug, role] of Object.entries(map))
      entries.push({ slug, path: ["members", index, "teams", slug], key: true, role });
  }
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

function checkEmail(path: RosterPath, email: string, report: Report): void {
  if (email.length > MAX_EMAIL_LENGTH) return; // the schema reports the length
  if (EMAIL_PATTERN.test(email)) return;
  report(path, `${formatPath(path)}: ${JSON.stringify(email)} is not a valid email address`, emailHint(email));
}

function emailHint(email: string): string | undefined {
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(email);
  if (angle) return `write the address alone: "${angle[1]}"`;
  if (/^mailto:/i.test(email)) return `remove "mailto:": "${email.slice(7)}"`;
  if (/\s/.test(email.trim())) return "an email cannot contain spaces";
  if (email !== email.trim()) return "remove the spaces around the address";
  if (!email.includes("@")) return 'an email needs an "@" and a domain, e.g. alice@example.com';
  if ((email.match(/@/g) ?? []).length > 1) return 'an email has exactly one "@"';
  const domain = email.slice(email.indexOf("@") + 1);
  if (!domain.includes(".")) return `the domain "${domain}" needs a dot, e.g. ${domain || "example"}.com`;
  if (/,|;/.test(email)) return "one address per entry: split lists into separate entries";
  return undefined;
}

function slugHint(slug: string, what: string): string {
  if (slug.length > MAX_SLUG_LENGTH) return `slugs are at most ${MAX_SLUG_LENGTH} characters`;
  if (/^[0-9]+$/.test(slug)) return "a slug cannot be only digits";
  const suggestion = slug
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (suggestion && SLUG_PATTERN.test(suggestion)) {
    return slug.toLowerCase() === slug
      ? `use ${what}: lowercase letters, digits, "-" and "_", e.g. "${suggestion}"`
      : `slugs are lowercase: "${suggestion}"`;
  }
  return `use ${what}: lowercase letters, digits, "-" and "_"`;
}

function articled(role: string): string {
  return `${/^[aeiou]/.test(role) ? "an" : "a"} ${role}`;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function uniqueIssues(issues: readonly RosterIssue[]): RosterIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.line}:${issue.col}:${issue.message}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

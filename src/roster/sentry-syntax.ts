/** Sentry's rules for email addresses and slugs, as the roster checks them. */
import type { IssueSeverity } from "../domain/roster-issue.js";
import type { RosterPath } from "./parse-roster.js";
import { formatPath } from "./schema-issues.js";

/** Reports one problem at a path of the roster (see semantic-issues.ts). */
export type Report = (
  path: RosterPath,
  message: string,
  hint?: string,
  options?: { key?: boolean; severity?: IssueSeverity },
) => void;

/** Sentry's slug rule (docs/sentry-behaviour.md E8): lowercase letters, digits, "-" and "_", not only digits. */
export const SLUG_PATTERN = /^(?![0-9]+$)[a-z0-9_-]{1,50}$/;
/** Sentry refuses longer slugs. */
export const MAX_SLUG_LENGTH = 50;
/** Sentry stores at most 75 characters of an invited email (docs/sentry-behaviour.md E5). */
export const MAX_EMAIL_LENGTH = 75;

// One address, no display name: a local part without spaces or specials, then a dotted domain.
// "localhost" is the one dotless domain Sentry accepts (Django's EmailValidator allowlist): self-hosted installs use it.
const EMAIL_PATTERN =
  /^(?!\.)(?!.*\.\.)[^\s@"(),:;<>[\]\\]+(?<!\.)@(?:(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]|localhost)$/i;

/** Reports an email Sentry would refuse, with a hint at the likely mistake. */
export function checkEmail(path: RosterPath, email: string, report: Report): void {
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

/** What to write instead of a slug Sentry would refuse. */
export function slugHint(slug: string, what: string): string {
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

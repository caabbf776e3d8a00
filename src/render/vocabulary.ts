import type { ChangeAction, ChangeWithoutId, Drift } from "../plan/plan.js";

/**
 * The one presentation vocabulary: how every output (terminal plan, apply
 * report, PR comments, job summaries) names a change, counts things and makes
 * outside text safe. Renderers differ only in the `PhraseStyle` they pass:
 * terminal-safe text or Markdown code.
 */

// Characters that make a name read differently from what it is (Trojan Source) or hide in it.
export const INVISIBLE_CHARS = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
// C0 and C1 control characters (ANSI escapes, carriage returns) plus the invisible ones above.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** `\uXXXX` for a character that must not reach a terminal or a page as itself. */
export function spellOut(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** Terminal-safe text: control, bidi and zero-width characters spelled out, so a name cannot drive the terminal. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE_CHARS, spellOut);
}

/** "1 change", "3 changes". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** How one kind of output shows the values inside a phrase. */
export interface PhraseStyle {
  /** A value from the roster or Sentry (slug, role, email, id). */
  readonly value: (text: string) => string;
  /** A role name: a word of the product's vocabulary, shown plainly but made safe all the same. */
  readonly role: (text: string) => string;
  /** Free text from outside (a team's display name), set apart. */
  readonly quoted: (text: string) => string;
  /** Emphasis for what cannot be undone (a removal from the organization). */
  readonly strong: (text: string) => string;
  readonly arrow: string;
}

/** Plain terminal text. */
export const TERMINAL_STYLE: PhraseStyle = {
  value: printable,
  role: printable,
  quoted: (text) => `"${printable(text)}"`,
  strong: (text) => text,
  arrow: "->",
};

/** One change in words, without the member it is about ("add to team backend as admin"). */
export function changePhrase(change: ChangeWithoutId, style: PhraseStyle): string {
  const { value: v, role: r, arrow } = style;
  switch (change.action) {
    case "create-team":
      return `create team ${v(change.team)} named ${style.quoted(change.name)}`;
    case "invite": {
      const teams = Object.entries(change.teams).map(([team, role]) => `${v(team)} (${r(role)})`);
      const again = change.afterRemovalOf === undefined ? "" : ` again, after removing ${v(change.afterRemovalOf)} deletes their invite`;
      return `invite${again} as ${r(change.role)}${teams.length > 0 ? `, to ${teams.join(", ")}` : ""}`;
    }
    case "reinvite":
      return "re-send the expired invite";
    case "set-role":
      return `org role ${r(change.from)} ${arrow} ${r(change.to)}`;
    case "add-to-team":
      return `add to team ${v(change.team)} as ${r(change.teamRole)}`;
    case "set-team-role":
      return `team ${v(change.team)} role ${r(change.from)} ${arrow} ${r(change.to)}`;
    case "remove-from-team":
      return `remove from team ${v(change.team)}`;
    case "remove-member":
      return style.strong("remove from the organization");
  }
}

/**
 * The write apply makes after a change without it being a change of its own:
 * Sentry adds whoever creates a team to it, so apply takes the token's user off
 * the new team again (docs/sentry-behaviour.md T28).
 */
export function followUpPhrase(change: ChangeWithoutId, style: PhraseStyle): string | undefined {
  if (change.action !== "create-team") return undefined;
  return `then remove the token's user from new team ${style.value(change.team)} (Sentry adds the team's creator), unless the roster lists them there`;
}

/** Who or what a change is about: the member's email, or `team SLUG` for a new team. */
export function changeSubject(change: ChangeWithoutId, style: PhraseStyle): string {
  return change.action === "create-team" ? `team ${style.value(change.team)}` : style.value(change.email);
}

/** A change on one line, subject first ("bob@example.com: add to team backend as admin"). */
export function changeLine(change: ChangeWithoutId, style: PhraseStyle): string {
  return `${changeSubject(change, style)}: ${changePhrase(change, style)}`;
}

/** The key that groups changes by who they are about (emails compared case-insensitively). */
export function subjectKey(change: ChangeWithoutId): string {
  return change.action === "create-team" ? `team:${change.team}` : `member:${change.email.toLowerCase()}`;
}

/** One drift entry in words. */
export function driftPhrase(drift: Drift, style: PhraseStyle): string {
  if (drift.kind === "unmanaged-team") return `team ${style.value(drift.team)} is not managed by the roster (left as it is)`;
  return `${style.value(drift.email)} is in Sentry but not in the roster (${style.role(drift.role)}${drift.pending ? ", invite pending" : ""})`;
}

/** Short names of the change kinds, for counts by action. */
export const ACTION_LABELS: Readonly<Record<ChangeAction, string>> = {
  "create-team": "create team",
  invite: "invite",
  reinvite: "re-invite",
  "set-role": "change org role",
  "add-to-team": "add to team",
  "set-team-role": "change team role",
  "remove-from-team": "remove from team",
  "remove-member": "remove member",
};

// An email in running text: a local part, "@", a domain with a dot. The Markdown form also
// accepts the entity-encoded characters escapeHtml() writes (`&#64;` for "@", `&#95;` for "_").
const EMAIL_IN_TEXT = /([^\s"'()@,;<>])[^\s"'()@,;]*@([^\s"'<>()@,;]+\.[A-Za-z]{2,})/g;
const EMAIL_IN_MARKDOWN = /((?:&#\d+;|[^\s"'()@,;&<>]))(?:&#\d+;|[^\s"'()@,;&<>])*(?:@|&#64;)((?:&#\d+;|[^\s"'<>()@,;&])+\.[A-Za-z]{2,})/g;

/**
 * Masking happens at the output boundary, after a comment was fitted, and it
 * can lengthen an email: the local part becomes its first character and
 * `\*\*\*` (6 characters), the `@` becomes `&#64;` (4 more). So one email
 * grows by at most 10 characters; the fitter counts that in advance.
 */
const MAX_MASK_GROWTH_PER_EMAIL = 10;
const AT_SIGN = /@|&#64;/g;

/** The longest `text` can become once its emails are masked: what a comment budget must hold. */
export function maskedLengthBound(text: string): number {
  return text.length + MAX_MASK_GROWTH_PER_EMAIL * (text.match(AT_SIGN)?.length ?? 0);
}

/** Masks every email in finished plain text (log lines, annotations): `alice@example.com` → `a***@example.com`. */
export function maskEmailsInText(text: string): string {
  return text.replace(EMAIL_IN_TEXT, (_email, first: string, domain: string) => `${first}***@${domain}`);
}

// A fenced code block: its text is shown literally, so emails in it are masked as plain text.
const FENCED_BLOCK = /^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm;

/**
 * Masks every email in finished Markdown, escaped or not. Outside fenced
 * blocks the mask is written escaped (`a\*\*\*&#64;example.com`), so it
 * neither emphasizes nor mentions anyone and is no longer than the escaped
 * email it replaces unless the local part is very short.
 */
export function maskEmailsInMarkdown(markdown: string): string {
  let out = "";
  let from = 0;
  for (const block of markdown.matchAll(FENCED_BLOCK)) {
    out += maskOutsideFences(markdown.slice(from, block.index)) + maskEmailsInText(block[0]);
    from = block.index + block[0].length;
  }
  return out + maskOutsideFences(markdown.slice(from));
}

function maskOutsideFences(markdown: string): string {
  return markdown.replace(EMAIL_IN_MARKDOWN, (_email, first: string, domain: string) => `${first}\\*\\*\\*&#64;${domain}`);
}

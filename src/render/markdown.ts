/**
 * Markdown building blocks for PR comments and job summaries. Every string
 * that came from a roster or from Sentry goes through `escape()` or `code()`:
 * PR authors write the roster, so its text must not inject HTML, close a
 * `<details>`, spoof our hidden marker or ping people with `@mentions`.
 */

import { INVISIBLE_CHARS, spellOut, type PhraseStyle } from "./vocabulary.js";

// Characters that never need escaping in Markdown text or inside an HTML element.
const SAFE_CHAR = /[A-Za-z0-9 .,:;/+=%$?()"'\-\u00a0-\uffff]/u;

/** Entity-encodes everything outside a small safe set: no HTML, no Markdown syntax, no marker can survive. */
export function escapeHtml(text: string): string {
  let out = "";
  // Bidi overrides and zero-width characters survive entity-encoding, so they are spelled out as \uXXXX.
  const visible = text.replace(/[\r\n\t]+/g, " ").replace(INVISIBLE_CHARS, spellOut);
  for (const char of visible) {
    out += SAFE_CHAR.test(char) ? char : `&#${char.codePointAt(0) ?? 32};`;
  }
  return out;
}

/**
 * Escapes prose that came from outside (warnings, skip details, Sentry's
 * messages). A word starting with `@` after a non-word character would ping
 * someone, so it is wrapped in `<code>`, where GitHub does not link mentions.
 */
export function escape(text: string): string {
  const parts = text.split(/(?<![A-Za-z0-9_])(@[A-Za-z0-9_][A-Za-z0-9_-]*)/);
  return parts.map((part, index) => (index % 2 === 1 ? code(part) : escapeHtml(part))).join("");
}

/** Inline code for a user-supplied value (email, team slug, role): rendered literally, never linked. */
export function code(text: string): string {
  return `<code>${escapeHtml(text)}</code>`;
}

/** A Markdown table; cells are already-rendered inline Markdown (escape them first). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((cell) => cell.replace(/\|/g, "&#124;")).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/**
 * A folded block. GitHub renders Markdown inside `<details>` only with a blank
 * line after `</summary>` and before `</details>`.
 */
export function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body.trim()}\n\n</details>`;
}

/** A fenced block whose fence is longer than any backtick run inside, so the text cannot close it. */
export function fenced(text: string, language = ""): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${language}\n${text.replace(/\n$/, "")}\n${fence}`;
}

/** The vocabulary's phrases as Markdown: values in inline code, removals in bold. */
export const MARKDOWN_STYLE: PhraseStyle = {
  value: code,
  role: escape,
  quoted: code,
  strong: (text) => `**${text}**`,
  arrow: "→",
};

/** A unified diff (already computed) under a heading, as a fenced block. */
export function renderDiffMarkdown(title: string, patch: string): string {
  return `#### ${title}\n\n${fenced(patch, "diff")}`;
}

/**
 * The mechanical secrets check: given every text a run produced (stdout,
 * stderr, job summary, outputs, comment bodies, request logs), finds the
 * token and, where emails must be masked, any full email address. Used by
 * every reliability e2e run so a leak fails the test that caused it.
 */

/** One captured text and where it came from ("stdout", "comment 3", "fake sentry log"). */
export interface CapturedText {
  readonly where: string;
  readonly text: string;
}

/** What must not appear. */
export interface Secrets {
  /** Tokens: never anywhere, in any common encoding. */
  readonly tokens: readonly string[];
  /** Full emails that must be masked in these texts (public comments, summaries); case-insensitive. */
  readonly emails?: readonly string[];
}

/** Tokens shorter than this are test placeholders that would match by chance. */
export const MIN_TOKEN_LENGTH = 8;

function encodings(token: string): string[] {
  return [token, encodeURIComponent(token), Buffer.from(token).toString("base64"), Buffer.from(`Bearer ${token}`).toString("base64"), JSON.stringify(token).slice(1, -1)];
}

/** Every leak found, as "WHAT in WHERE at OFFSET: …context…"; empty when clean. */
export function findLeaks(texts: readonly CapturedText[], secrets: Secrets): string[] {
  const leaks: string[] = [];
  const report = (what: string, captured: CapturedText, at: number, length: number) => {
    const context = captured.text.slice(Math.max(0, at - 40), at + length + 40).replace(/\s+/g, " ");
    leaks.push(`${what} in ${captured.where} at ${at}: …${context}…`);
  };
  for (const captured of texts) {
    for (const token of secrets.tokens) {
      if (token.length < MIN_TOKEN_LENGTH) throw new Error(`token "${token}" is too short to scan for`);
      for (const form of new Set(encodings(token))) {
        const at = captured.text.indexOf(form);
        if (at >= 0) report(form === token ? "token" : "encoded token", captured, at, form.length);
      }
    }
    const lower = captured.text.toLowerCase();
    for (const email of secrets.emails ?? []) {
      const at = lower.indexOf(email.toLowerCase());
      if (at >= 0) report(`email ${email}`, captured, at, email.length);
      // An email escaped into HTML entities or JSON is still a leak.
      const entity = [...email].map((char) => (/[A-Za-z0-9]/.test(char) ? char : `&#${char.codePointAt(0)};`)).join("");
      if (entity !== email && captured.text.includes(entity)) report(`entity-encoded email ${email}`, captured, captured.text.indexOf(entity), entity.length);
    }
  }
  return leaks;
}

/** Throws one error listing every leak; returns the number of texts scanned otherwise. */
export function assertNoLeaks(texts: readonly CapturedText[], secrets: Secrets): number {
  const leaks = findLeaks(texts, secrets);
  if (leaks.length > 0) throw new Error(`secrets leaked (${leaks.length}):\n${leaks.join("\n")}`);
  return texts.length;
}

/**
 * A runner's stdout without its `::add-mask::VALUE` commands: the one place a
 * secret must appear, so that the runner masks it everywhere else (the runner
 * consumes the command and never shows it).
 */
export function withoutMaskCommands(stdout: string): string {
  return stdout.replace(/^::add-mask::.*$/gm, "");
}

/** A fake server's request log as text to scan: everything it recorded, Authorization included. */
export function requestLogText(where: string, log: unknown): CapturedText {
  return { where, text: JSON.stringify(log) };
}

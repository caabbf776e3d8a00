/**
 * Turns any error into one line for a person: our typed errors already carry
 * actionable text; anything else is reported by message, never by stack.
 * The token, when given, is scrubbed from the text as a last line of defence.
 */
export function describeError(error: unknown, token?: string): string {
  const text = error instanceof Error ? error.message : String(error);
  return token && token.length >= 4 ? text.split(token).join("[token]") : text;
}

/** Identity rules, once: Sentry matches user emails in any case, so do we (docs/sentry-behaviour.md T7). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function sameEmail(a: string, b: string): boolean {
  return normalizeEmail(a) === normalizeEmail(b);
}

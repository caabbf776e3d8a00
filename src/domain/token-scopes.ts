/**
 * The one table of token scopes (docs/cli.md#token-scopes, docs/sentry-behaviour.md S5):
 * what each kind of change needs (any one of the listed scopes; the first is
 * the one to ask for), and the two tokens the project recommends. The plan's
 * `token-cannot` judgement, the 403 message and the CLI's advice all read it;
 * a test checks that docs/cli.md shows the same table.
 */

/** The kinds of change, as the plan names them. */
export type ScopedAction =
  | "create-team"
  | "invite"
  | "reinvite"
  | "set-role"
  | "add-to-team"
  | "set-team-role"
  | "remove-from-team"
  | "remove-member";

/** Scopes that let a token make each kind of change; the first is the recommended one. */
export const SCOPES_NEEDED: Readonly<Record<ScopedAction, readonly string[]>> = {
  "create-team": ["team:write", "org:write", "org:admin"],
  invite: ["member:admin", "member:write", "member:invite"],
  reinvite: ["member:admin"],
  "set-role": ["member:admin"],
  "add-to-team": ["team:write", "org:write", "org:read"],
  "set-team-role": ["member:admin", "team:write", "team:admin", "org:read", "org:write", "org:admin", "member:read", "member:write"],
  "remove-from-team": ["org:read", "team:admin", "org:write", "org:admin"],
  "remove-member": ["member:admin"],
};

/** Scopes of the read-only token for plan and export. */
export const PLAN_SCOPES: readonly string[] = ["org:read", "member:read", "team:read"];
/** Scopes the apply token adds to PLAN_SCOPES: with them it can make every kind of change. */
export const APPLY_SCOPES: readonly string[] = ["member:admin", "team:write"];

/** "member:admin (or member:write, member:invite)": the scopes of one kind of change, for messages. */
export function describeScopes(action: ScopedAction): string {
  const [first, ...others] = SCOPES_NEEDED[action];
  return others.length === 0 ? `${first}` : `${first} (or ${others.join(", ")})`;
}

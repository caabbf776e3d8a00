import type { ChangeAction } from "./plan.js";

/**
 * The token scopes each change needs: any one of the listed scopes
 * (docs/sentry-behaviour.md S5, the endpoint's scopes together with what its
 * handler requires). Sentry names a token's scopes at the API root (E14); a
 * change none of whose scopes the token has is refused whatever the role.
 */
export const SCOPES_NEEDED: Readonly<Record<ChangeAction, readonly string[]>> = {
  invite: ["member:invite", "member:write", "member:admin"],
  reinvite: ["member:admin"],
  "set-role": ["member:admin"],
  "remove-member": ["member:admin"],
  "create-team": ["team:write", "org:write", "org:admin"],
  "add-to-team": ["team:write", "org:write", "org:read"],
  "set-team-role": ["team:write", "team:admin", "org:read", "org:write", "org:admin", "member:read", "member:write", "member:admin"],
  "remove-from-team": ["team:admin", "org:read", "org:write", "org:admin"],
};

/** Why a token with these scopes cannot make this kind of change, or undefined when it can (or its scopes are unknown). */
export function missingScope(action: ChangeAction, scopes: readonly string[] | null): string | undefined {
  if (scopes === null) return undefined;
  const needed = SCOPES_NEEDED[action];
  if (needed.some((scope) => scopes.includes(scope))) return undefined;
  const has = scopes.length === 0 ? "none" : [...scopes].sort().join(", ");
  return `the token lacks the scope ${needed.length === 1 ? needed[0] : `${needed[0]} (or ${needed.slice(1).join(", ")})`} that this needs (it has ${has}): create a token with ${needed[0]}`;
}

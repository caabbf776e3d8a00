import { SCOPES_NEEDED } from "../domain/token-scopes.js";
import type { ChangeAction } from "./plan.js";

export { SCOPES_NEEDED };

/** Why a token with these scopes cannot make this kind of change, or undefined when it can (or its scopes are unknown). */
export function missingScope(action: ChangeAction, scopes: readonly string[] | null): string | undefined {
  if (scopes === null) return undefined;
  const needed = SCOPES_NEEDED[action];
  if (needed.some((scope) => scopes.includes(scope))) return undefined;
  const has = scopes.length === 0 ? "none" : [...scopes].sort().join(", ");
  return `the token lacks the scope ${needed.length === 1 ? needed[0] : `${needed[0]} (or ${needed.slice(1).join(", ")})`} that this needs (it has ${has}): create a token with ${needed[0]}`;
}

import type { DriftCount } from "../plan/drift-count.js";
import { plural } from "./vocabulary.js";

/**
 * The drift in one line, for headlines, the log and the drift issue:
 * "Sentry differs from the roster: 1 member added by hand, 2 changes to make";
 * "Sentry matches the roster" when nothing differs.
 */
export function driftHeadline(count: DriftCount): string {
  if (count.total === 0) return "Sentry matches the roster";
  const parts = [
    count.unlistedMembers > 0 ? plural(count.unlistedMembers, "member added by hand", "members added by hand") : "",
    count.unmanagedTeams > 0 ? plural(count.unmanagedTeams, "team not in the roster", "teams not in the roster") : "",
    count.changes > 0 ? plural(count.changes, "change to make", "changes to make") : "",
    count.heldBack > 0 ? `${plural(count.heldBack, "change")} held back by a safety rule` : "",
  ].filter((part) => part !== "");
  return `Sentry differs from the roster: ${parts.join(", ")}`;
}

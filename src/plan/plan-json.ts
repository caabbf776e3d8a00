import { isOrgRole, isTeamRole } from "../domain/roles.js";
import { changeId, planDigest } from "./change-id.js";
import { PlanFileError } from "./errors.js";
import type { Change, ChangeAction, Plan } from "./plan.js";

/** The plan JSON versions this build reads. */
export const READABLE_FORMAT_VERSIONS: readonly number[] = [1];

/** Key order of every object in a plan file, so the same plan is always the same bytes. */
const KEY_ORDER = [
  "formatVersion",
  "organization",
  "digest",
  "changes",
  "skipped",
  "drift",
  "warnings",
  "violations",
  "id",
  "rule",
  "kind",
  "action",
  "email",
  "memberId",
  "team",
  "name",
  "role",
  "pending",
  "from",
  "to",
  "teamRole",
  "teams",
  "reason",
  "detail",
  "message",
];

/** The fields each change action carries besides `id` and `action`, and how to check them. */
const CHANGE_FIELDS: Readonly<Record<ChangeAction, Readonly<Record<string, (value: unknown) => boolean>>>> = {
  invite: { email: isText, role: isOrgRole, teams: isTeamRoleMap },
  reinvite: { email: isText, memberId: isText },
  "set-role": { email: isText, memberId: isText, from: isText, to: isOrgRole },
  "add-to-team": { email: isText, memberId: isText, team: isText, teamRole: isTeamRole },
  "set-team-role": { email: isText, memberId: isText, team: isText, from: isTeamRole, to: isTeamRole },
  "remove-from-team": { email: isText, memberId: isText, team: isText },
  "remove-member": { email: isText, memberId: isText },
  "create-team": { team: isText, name: isText },
};

/** The plan as JSON (formatVersion 1, documented in plan.ts): stable key order, 2-space indent, final newline. */
export function toPlanJson(plan: Plan): string {
  return `${JSON.stringify(ordered(plan), null, 2)}\n`;
}

function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (value === null || typeof value !== "object") return value;
  const rank = (key: string) => {
    const index = KEY_ORDER.indexOf(key);
    return index === -1 ? KEY_ORDER.length : index;
  };
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const result: Record<string, unknown> = {};
  for (const key of keys) result[key] = ordered((value as Record<string, unknown>)[key]);
  return result;
}

/**
 * Reads a saved plan: checks the version first, then the shape, then that
 * every change id and the digest match the content, so an edited plan file
 * cannot claim a change was reviewed. `source` names the file in messages.
 */
export function parsePlanJson(text: string, source = "the plan file"): Plan {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new PlanFileError(source, `is not JSON (${error instanceof Error ? error.message : String(error)}): pass a file written by "sentry-roster plan --out"`, { cause: error });
  }
  if (!isRecord(data)) throw new PlanFileError(source, "is not a sentry-roster plan: expected a JSON object");
  const version = data["formatVersion"];
  if (typeof version !== "number" || !READABLE_FORMAT_VERSIONS.includes(version)) {
    throw new PlanFileError(
      source,
      `has formatVersion ${JSON.stringify(version ?? null)}; this sentry-roster reads formatVersion ${READABLE_FORMAT_VERSIONS.join(", ")}`,
    );
  }
  for (const key of ["organization", "digest"]) {
    if (!isText(data[key])) throw new PlanFileError(source, `has no "${key}" string: it is not a complete plan`);
  }
  for (const key of ["changes", "skipped", "drift", "warnings", "violations"]) {
    if (!Array.isArray(data[key])) throw new PlanFileError(source, `has no "${key}" list: it is not a complete plan`);
  }
  const changes = (data["changes"] as unknown[]).map((change, index) => checkChange(change, index, source));
  if (planDigest(changes) !== data["digest"]) {
    throw new PlanFileError(source, "has a digest that does not match its changes: the file was edited; compute a new plan");
  }
  return data as unknown as Plan;
}

function checkChange(change: unknown, index: number, source: string): Change {
  const where = `change ${index + 1}`;
  if (!isRecord(change)) throw new PlanFileError(source, `${where} is not an object`);
  const action = change["action"];
  const fields = typeof action === "string" ? CHANGE_FIELDS[action as ChangeAction] : undefined;
  if (!fields) throw new PlanFileError(source, `${where} has unknown action ${JSON.stringify(action)}`);
  for (const [field, valid] of Object.entries(fields)) {
    if (!valid(change[field])) throw new PlanFileError(source, `${where} (${String(action)}) has a missing or invalid "${field}"`);
  }
  if (!isText(change["id"]) || changeId(change as unknown as Change) !== change["id"]) {
    throw new PlanFileError(source, `${where} (${String(action)}) has an id that does not match its content: the file was edited; compute a new plan`);
  }
  return change as unknown as Change;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

function isTeamRoleMap(value: unknown): boolean {
  return isRecord(value) && Object.values(value).every(isTeamRole);
}

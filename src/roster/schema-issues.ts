import type { ErrorObject } from "ajv";
import schema from "../../schema/roster.schema.json" with { type: "json" };
import { ISSUE_SEVERITY, type RosterIssue } from "../domain/roster-issue.js";
import { ORG_ROLES, TEAM_ROLES } from "../domain/roles.js";
import { didYouMean } from "./did-you-mean.js";
import { positionOf, type ParsedRoster, type RosterPath } from "./parse-roster.js";
import { rosterValidator } from "./roster-schema-validator.js";

/** The roster's JSON Schema (schema/roster.schema.json), as editors load it. */
export const ROSTER_SCHEMA = schema;

/**
 * Keywords whose failures the semantic checks report better (emails, slugs)
 * or whose wording is roster-specific (version): ajv's text for them is dropped.
 */
const KEYWORDS_CHECKED_ELSEWHERE = new Set(["pattern", "format", "propertyNames", "if", "anyOf", "oneOf"]);

/** What each policy choice does, for a value that is no near miss of either. */
const POLICY_CHOICES: Readonly<Record<string, string>> = {
  unlisted: '"report" lists live members missing from the roster as drift; "remove" removes them (at most maxRemovals)',
  owners: '"protect" never grants, changes or removes the Owner role; "manage" lets the roster do so',
};

/** Roles in the order users read them (docs/roster.md#format), not by priority. */
const ROLE_LIST = ["member", "admin", "manager", "owner", "billing"] as const;

/**
 * Checks the roster value against the schema and turns every ajv error into
 * a RosterIssue at the YAML node it concerns, in words a roster editor uses.
 * Raw ajv text never reaches users.
 */
export function schemaIssues(roster: ParsedRoster): RosterIssue[] {
  const validate = rosterValidator();
  if (validate(roster.value)) return [];
  const errors = validate.errors ?? [];
  const issues: RosterIssue[] = [];
  for (const error of errors) {
    if (isExplainedByTypo(error, errors)) continue;
    const issue = describeSchemaError(roster, error);
    if (issue) issues.push(issue);
  }
  return issues;
}

/**
 * A missing key next to an unknown key that is a typo of it ("member:" for
 * "members:") is one mistake: only the unknown key, with its did-you-mean, is reported.
 */
function isExplainedByTypo(error: ErrorObject, errors: readonly ErrorObject[]): boolean {
  if (error.keyword !== "required") return false;
  const missing = String((error.params as { missingProperty?: unknown }).missingProperty);
  return errors.some(
    (other) =>
      other.keyword === "additionalProperties" &&
      other.instancePath === error.instancePath &&
      didYouMean(String((other.params as { additionalProperty?: unknown }).additionalProperty), [missing]) !==
        undefined,
  );
}

/** Builds error issues at `path` (or another path, or its key) of the roster. */
function issueMaker(roster: ParsedRoster, path: RosterPath) {
  return (message: string, hint?: string, at: RosterPath = path, key = false): RosterIssue => {
    const position = positionOf(roster, at, { key });
    return {
      severity: ISSUE_SEVERITY.Error,
      file: roster.file,
      line: position.line,
      col: position.col,
      message,
      ...(hint ? { hint } : {}),
    };
  };
}

function describeSchemaError(roster: ParsedRoster, error: ErrorObject): RosterIssue | undefined {
  if (KEYWORDS_CHECKED_ELSEWHERE.has(error.keyword) || error.schemaPath.includes("/propertyNames/")) return undefined;
  const path = parsePointer(error.instancePath);
  const where = formatPath(path);
  const make = issueMaker(roster, path);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(params["additionalProperty"]);
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = didYouMean(key, allowed) ?? (allowed.length ? `allowed here: ${allowed.join(", ")}` : undefined);
      return make(`${path.length ? `${where}: ` : ""}unknown key "${key}"`, hint, [...path, key], true);
    }
    case "required":
      return make(
        `${path.length ? `${where}: ` : "the roster: "}missing "${String(params["missingProperty"])}"`,
        requiredHint(String(params["missingProperty"])),
      );
    case "const":
      if (path.length === 1 && path[0] === "version") {
        return make(
          `version ${describeValue(error.data)} is not supported: this sentry-roster understands version 1`,
          'write "version: 1" (a newer format needs a newer sentry-roster)',
        );
      }
      return make(`${where}: expected ${JSON.stringify(params["allowedValue"])}, found ${describeValue(error.data)}`);
    case "enum":
      return enumIssue(path, where, error, make);
    case "type":
      return make(
        `${path.length ? `${where}: expected` : "the roster must be"} ${expectedType(path, String(params["type"]))}, found ${describeValue(error.data)}`,
        typeHint(path, error.data),
      );
    case "minimum":
    case "maximum": {
      const below = error.keyword === "minimum";
      return make(
        `${where}: ${describeValue(error.data)} is ${below ? "below the minimum" : "above the maximum"} ${String(params["limit"])}`,
        rangeHint(path),
      );
    }
    case "minLength":
      return make(`${where}: must not be empty`);
    case "maxLength":
      return make(
        `${where}: ${describeValue(error.data)} is longer than ${String(params["limit"])} characters`,
        path.includes("email") || path.includes("aliases")
          ? "Sentry stores at most 75 characters of an email"
          : undefined,
      );
    default:
      return make(`${where}: this value is not allowed here`);
  }
}

function enumIssue(
  path: RosterPath,
  where: string,
  error: ErrorObject,
  make: (message: string, hint?: string) => RosterIssue,
): RosterIssue {
  const allowed = ((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).map(String);
  const last = path[path.length - 1];
  const isTeamRole = path.length === 4 && path[0] === "members" && path[2] === "teams";
  const list = isTeamRole ? [...TEAM_ROLES] : last === "role" ? [...ROLE_LIST] : allowed;
  const noun = isTeamRole ? "a team role" : last === "role" ? "a role" : "one of";
  const found = describeValue(error.data);
  const message =
    noun === "one of"
      ? `${where}: ${found} is not one of ${list.join(", ")}`
      : `${where}: ${found} is not ${noun} (${list.join(", ")})`;
  const hint = typeof error.data === "string" ? didYouMean(error.data, list) : undefined;
  const fallback =
    isTeamRole && typeof error.data === "string" && isKnownOrgRole(error.data)
      ? `"${error.data}" is an org role; team roles are ${TEAM_ROLES.join(" and ")}`
      : path[0] === "policy"
        ? POLICY_CHOICES[String(last)]
        : undefined;
  return make(message, hint ?? fallback);
}

function isKnownOrgRole(value: string): boolean {
  return (ORG_ROLES as readonly string[]).includes(value);
}

function requiredHint(key: string): string | undefined {
  switch (key) {
    case "version":
      return 'add "version: 1" at the top of the file';
    case "members":
      return 'add a "members:" list of the people in the organization';
    case "email":
      return "each member needs the email Sentry shows for them";
    case "role":
      return `add a role: ${ROLE_LIST.join(", ")}`;
    default:
      return undefined;
  }
}

function expectedType(path: RosterPath, type: string): string {
  if (path.length === 0) return "a map of version, organization, policy, teams, ignore and members";
  if (path.length === 3 && path[0] === "members" && path[2] === "teams")
    return "a list of team slugs or a map of team slug → team role";
  if (path.length === 2 && path[0] === "teams") return "a map such as { name: Backend } or {}";
  if (path.length === 2 && path[0] === "members") return "a map with email, role and teams";
  const words: Record<string, string> = {
    array: "a list",
    object: "a map",
    string: "text",
    integer: "a whole number",
    number: "a number",
    boolean: "true or false",
    null: "nothing",
  };
  return type
    .split(",")
    .map((name) => words[name] ?? name)
    .join(" or ");
}

function typeHint(path: RosterPath, data: unknown): string | undefined {
  if (path.length === 3 && path[0] === "members" && path[2] === "teams" && typeof data === "string")
    return `write "teams: [${data}]"`;
  if (path.length === 1 && path[0] === "members" && data === null)
    return 'list the members under "members:", each starting with "- email:"';
  if (path.length === 2 && path[0] === "members" && typeof data === "string")
    return `write "- email: ${data}" and its role on the next line`;
  if (path.length === 1 && path[0] === "teams" && Array.isArray(data))
    return 'list each team on its own line under "teams:" as "slug: {}" (or "slug: { name: Display Name }")';
  if (path.length === 2 && path[0] === "teams" && typeof data === "string")
    return `the value is the team's settings: write "${String(path[1])}: { name: ${data} }"`;
  return undefined;
}

function rangeHint(path: RosterPath): string | undefined {
  if (path[0] !== "policy") return undefined;
  if (path[1] === "minOwners") return "the org must keep at least one active owner";
  if (path[1] === "maxRemovals") return "0 refuses every removal; raise it only as far as you mean to remove";
  if (path[1] === "maxRoleChanges") return "0 refuses every role change; raise it only as far as you mean to change roles";
  return undefined;
}

/** Quotes a found value for a message: strings in quotes, lists and maps by kind. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  return String(value);
}

/** "members[3].teams.backend" for ["members", 3, "teams", "backend"]; odd keys in brackets. */
export function formatPath(path: RosterPath): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(segment)) text += text ? `.${segment}` : segment;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text || "the roster";
}

function parsePointer(pointer: string): RosterPath {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) => (/^(0|[1-9]\d*)$/.test(part) ? Number(part) : part));
}

import type { MemberFlags, TeamRole } from "../domain/types.js";
import { SentryProtocolError } from "./errors.js";

/**
 * Wire types, read leniently (docs/sentry-behaviour.md T26): unknown fields are
 * ignored, documented fields the server may not send get defaults, and
 * "pending" comes from `pending`, never from `user`.
 */

/** A member row of E1, E2 or E9, as far as we use it. */
export interface MemberDto {
  readonly id: string;
  /** "" when Sentry sent no address (T32). */
  readonly email: string;
  readonly name: string;
  readonly orgRole: string;
  readonly pending: boolean;
  readonly expired: boolean;
  readonly flags: MemberFlags;
  /** Who sent a pending invite, by display name; null when Sentry did not say (T16). */
  readonly inviterName: string | null;
}

/** E9 rows add the stored team role. */
export interface TeamMemberDto extends MemberDto {
  readonly teamRole: TeamRole | null;
}

/** E2 adds the stored team roles. */
export interface MemberDetailsDto extends MemberDto {
  readonly teamRoles: readonly { readonly teamSlug: string; readonly role: TeamRole | null }[];
}

export interface TeamDto {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly idpProvisioned: boolean;
}

/** E13, as far as we use it. */
export interface OrgDetailsDto {
  /** Assignable role ids, in Sentry's order (retired roles left out). */
  readonly orgRoles: readonly string[];
  readonly teamRolesEnabled: boolean;
  readonly openMembership: boolean;
}

type Json = Record<string, unknown>;

function object(value: unknown, what: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new SentryProtocolError(`Sentry sent ${what} that is not an object`);
  return value as Json;
}

function text(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

function teamRole(value: unknown): TeamRole | null {
  return value === "admin" || value === "contributor" ? value : null;
}

function flags(value: unknown): MemberFlags {
  const raw = typeof value === "object" && value !== null ? (value as Json) : {};
  const flag = (name: string) => raw[name] === true;
  return {
    idpProvisioned: flag("idp:provisioned"),
    idpRoleRestricted: flag("idp:role-restricted"),
    ssoLinked: flag("sso:linked"),
    ssoInvalid: flag("sso:invalid"),
    memberLimitRestricted: flag("member-limit:restricted"),
    partnershipRestricted: flag("partnership:restricted"),
  };
}

/** E1 item. */
export function readMember(value: unknown): MemberDto {
  const row = object(value, "a member");
  const id = text(row["id"]);
  if (!id) throw new SentryProtocolError("Sentry sent a member without an id");
  // A row can carry `email: null` (docs/sentry-behaviour.md T32): "" stands for "no address".
  const email = text(row["email"]) ?? "";
  return {
    id,
    email,
    name: text(row["name"]) || email || `member ${id}`,
    orgRole: text(row["orgRole"]) ?? text(row["role"]) ?? "member",
    pending: row["pending"] === true,
    expired: row["expired"] === true,
    flags: flags(row["flags"]),
    inviterName: text(row["inviterName"]) ?? null,
  };
}

/** E9 item. */
export function readTeamMember(value: unknown): TeamMemberDto {
  return { ...readMember(value), teamRole: teamRole(object(value, "a team member")["teamRole"]) };
}

/** E2 body (also E3 and E6 answers). */
export function readMemberDetails(value: unknown): MemberDetailsDto {
  const row = object(value, "member details");
  const teamRoles = Array.isArray(row["teamRoles"])
    ? row["teamRoles"].flatMap((item: unknown) => {
        const entry = typeof item === "object" && item !== null ? (item as Json) : {};
        const slug = text(entry["teamSlug"]);
        return slug ? [{ teamSlug: slug, role: teamRole(entry["role"]) }] : [];
      })
    : Array.isArray(row["teams"])
      ? row["teams"].flatMap((slug: unknown) => (typeof slug === "string" ? [{ teamSlug: slug, role: null }] : []))
      : [];
  return { ...readMember(row), teamRoles };
}

/** E7 item. */
export function readTeam(value: unknown): TeamDto {
  const row = object(value, "a team");
  const id = text(row["id"]);
  const slug = text(row["slug"]);
  if (!id || !slug) throw new SentryProtocolError("Sentry sent a team without id or slug");
  const teamFlags = typeof row["flags"] === "object" && row["flags"] !== null ? (row["flags"] as Json) : {};
  return { id, slug, name: text(row["name"]) ?? slug, idpProvisioned: teamFlags["idp:provisioned"] === true };
}

/**
 * E13 body. Team roles: the `team-roles` feature first; Sentry lists features only when
 * asked (`include_feature_flags=1`), so a retired `admin` role is the fallback signal (E13).
 */
export function readOrgDetails(value: unknown): OrgDetailsDto {
  const row = object(value, "organization details");
  const features = Array.isArray(row["features"])
    ? row["features"].filter((f): f is string => typeof f === "string")
    : [];
  const roles = Array.isArray(row["orgRoleList"])
    ? row["orgRoleList"]
    : Array.isArray(row["roles"])
      ? row["roles"]
      : [];
  const roleRows = roles.filter((r): r is Json => typeof r === "object" && r !== null);
  const adminRetired = roleRows.some((r) => r["id"] === "admin" && r["isRetired"] === true);
  const orgRoles = roleRows
    .filter((r) => r["isRetired"] !== true)
    .flatMap((r) => (typeof r["id"] === "string" ? [r["id"]] : []));
  return {
    orgRoles: orgRoles.length > 0 ? orgRoles : ["member", "admin", "manager", "owner"],
    teamRolesEnabled: features.includes("team-roles") || adminRetired,
    openMembership: row["openMembership"] === true,
  };
}

/** E11 answer: the stored team role. */
export function readTeamRoleAnswer(value: unknown): TeamRole | null {
  return teamRole(typeof value === "object" && value !== null ? (value as Json)["teamRole"] : undefined);
}

/** E14 answer: the token's own scopes, or null when the answer does not name them. */
export function readTokenScopesAnswer(value: unknown): readonly string[] | null {
  const auth = typeof value === "object" && value !== null ? (value as Json)["auth"] : undefined;
  const scopes = typeof auth === "object" && auth !== null ? (auth as Json)["scopes"] : undefined;
  return Array.isArray(scopes) ? scopes.filter((scope): scope is string => typeof scope === "string") : null;
}

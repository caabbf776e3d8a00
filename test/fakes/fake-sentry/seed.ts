import { readFileSync } from "node:fs";

/** Six member flags, as seeds write them (missing ones read as false). */
export type SeedFlags = Partial<
  Record<
    | "idp:provisioned"
    | "idp:role-restricted"
    | "sso:linked"
    | "sso:invalid"
    | "member-limit:restricted"
    | "partnership:restricted",
    boolean
  >
>;

/** One member or pending invite in a seed. */
export interface SeedMember {
  readonly id: string;
  /** Accepted member: the user's primary email; pending invite: the address as invited (kept as sent). */
  readonly email: string;
  /** Lists answer `email: null` for this row (docs/sentry-behaviour.md T32); `email` still names the account. */
  readonly emailNull?: boolean;
  /** The account's other addresses (secondary, verified or not): invites and `email:` search see them (T8). */
  readonly emails?: readonly string[];
  readonly role: string;
  /** A pending invite (no user linked). Default false. */
  readonly pending?: boolean;
  /** ISO time the invite was sent or last regenerated; expiry is 30 days later (F19). */
  readonly invitedAt?: string;
  /** ISO creation time; default 2026-01-01T00:00:00Z. */
  readonly dateCreated?: string;
  readonly name?: string;
  readonly userId?: string;
  readonly has2fa?: boolean;
  readonly inviterName?: string | null;
  /** Member id of the inviter, for F51 (removing a member deletes the invites it sent). */
  readonly inviterId?: string | null;
  readonly flags?: SeedFlags;
  /** Team slug → stored team role (null: the minimum the org role implies). */
  readonly teams?: Readonly<Record<string, "contributor" | "admin" | null>>;
  /** The user account is inactive: hidden from every list (docs/sentry-behaviour.md T29). */
  readonly inactive?: boolean;
}

export interface SeedTeam {
  readonly id: string;
  readonly slug: string;
  readonly name?: string;
  readonly idpProvisioned?: boolean;
}

/** An auth token the fake accepts. `memberId` is the token user's member (user tokens). */
export interface SeedToken {
  readonly token: string;
  readonly kind: "user" | "integration";
  readonly memberId?: string;
  readonly scopes: readonly string[];
}

/** A pending invite request or join request (never listed; deleted by F29/F51). */
export interface SeedInviteRequest {
  readonly id: string;
  readonly email: string;
  readonly inviterId?: string | null;
}

/** A fake org, as stored in test/fixtures/orgs/*.json. */
export interface OrgSeed {
  readonly organization: {
    readonly id: string;
    readonly slug: string;
    readonly name?: string;
    /** e.g. "team-roles", "invite-members". Default both. */
    readonly features?: readonly string[];
    readonly openMembership?: boolean;
    readonly allowMemberInvite?: boolean;
    readonly require2FA?: boolean;
    /** "sentry.io" offers `billing` and sends rate-limit headers; "self-hosted" neither. Default "sentry.io". */
    readonly mode?: "sentry.io" | "self-hosted";
  };
  readonly teams: readonly SeedTeam[];
  readonly members: readonly SeedMember[];
  readonly tokens: readonly SeedToken[];
  readonly inviteRequests?: readonly SeedInviteRequest[];
}

/** Reads a seed file (JSON). */
export function readSeedFile(path: string): OrgSeed {
  return JSON.parse(readFileSync(path, "utf8")) as OrgSeed;
}

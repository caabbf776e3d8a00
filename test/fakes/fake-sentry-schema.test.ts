import type {
  AddAMemberToAnOrganizationResponses,
  AddAnOrganizationMemberToATeamResponses,
  DeleteAnOrganizationMemberFromATeamResponses,
  ListAnOrganizationSMembersResponse,
  ListAnOrganizationSTeamsResponse,
  ListATeamSMembersResponse,
  RetrieveAnOrganizationMemberResponse,
  RetrieveAnOrganizationResponse,
  UpdateAnOrganizationMemberSRolesResponse,
  UpdateAnOrganizationMemberSTeamRoleResponse,
} from "@sentry/api";
import { describe, expectTypeOf, it } from "vitest";
import type { memberDetails, memberListItem, orgDetails, teamJson, teamMemberItem, teamRoleAnswer } from "./fake-sentry/model.js";

/**
 * Holds the fake against something nobody here wrote: the response types of
 * `@sentry/api`, generated from Sentry's published OpenAPI schema
 * (docs/sentry-behaviour.md S11). The fake's answers must be assignable to
 * them, except where the server is known to differ from its own schema; each
 * such difference is written down below, with the fact that allows it. A field
 * the schema requires and the fake forgot fails `npm run typecheck`.
 */

type ListItem = ListAnOrganizationSMembersResponse[number];
type SchemaUser = NonNullable<ListItem["user"]>;

/** A user object as the server sends it. */
type ServerUser = Omit<SchemaUser, "emails" | "avatarUrl"> & {
  /** T26: list rows and read-only callers get no `emails`; only E2 for member:admin callers has them. */
  readonly emails?: SchemaUser["emails"];
  /** E2: avatarUrl may be null. */
  readonly avatarUrl: string | null;
};

/** A member row (E1, E5) as the server sends it. */
type ServerMember<T extends { email: string; user?: unknown }> = Omit<T, "email" | "user"> & {
  /** T32: a row can carry `email: null`. */
  readonly email: string | null;
  /** T26: a pending invite's user is null, not absent. */
  readonly user: ServerUser | null;
};

type TeamMemberItem = ListATeamSMembersResponse[number];
/** E9 rows: the schema requires `user`, but the list includes pending invitees (T27), whose user is null. */
type ServerTeamMember = ServerMember<TeamMemberItem> & Pick<TeamMemberItem, "teamRole" | "teamSlug">;

/** E2: `invite_link` is no longer sent (T26); a pending invite's user is `{}` for member:admin callers. */
type ServerMemberDetails = Omit<ServerMember<RetrieveAnOrganizationMemberResponse>, "invite_link" | "user"> & {
  readonly user: ServerUser | Record<string, never> | null;
};

/** E11: the schema says the team role is always set; the server answers `null` at or below the minimum (F56). */
type ServerTeamRoleAnswer = Omit<UpdateAnOrganizationMemberSTeamRoleResponse, "teamRole"> & {
  readonly teamRole: UpdateAnOrganizationMemberSTeamRoleResponse["teamRole"] | null;
};

describe("the fake's answers against Sentry's published schema (@sentry/api)", () => {
  it("E1/E5 member rows", () => {
    expectTypeOf<ReturnType<typeof memberListItem>>().toExtend<ServerMember<ListItem>>();
    expectTypeOf<ReturnType<typeof memberListItem>>().toExtend<ServerMember<AddAMemberToAnOrganizationResponses[201]>>();
  });

  it("E2/E3 member details", () => {
    expectTypeOf<ReturnType<typeof memberDetails>>().toExtend<ServerMemberDetails>();
    expectTypeOf<ReturnType<typeof memberDetails>>().toExtend<
      Omit<ServerMember<UpdateAnOrganizationMemberSRolesResponse>, "invite_link" | "user">
    >();
  });

  it("E9 team member rows", () => {
    expectTypeOf<ReturnType<typeof teamMemberItem>>().toExtend<ServerTeamMember>();
  });

  it("E7/E10/E12 team objects", () => {
    expectTypeOf<ReturnType<typeof teamJson>>().toExtend<ListAnOrganizationSTeamsResponse[number]>();
    expectTypeOf<ReturnType<typeof teamJson>>().toExtend<AddAnOrganizationMemberToATeamResponses[201]>();
    expectTypeOf<ReturnType<typeof teamJson>>().toExtend<DeleteAnOrganizationMemberFromATeamResponses[200]>();
  });

  it("E11 team-role answer", () => {
    expectTypeOf<ReturnType<typeof teamRoleAnswer>>().toExtend<ServerTeamRoleAnswer>();
  });

  it("E13 organization details", () => {
    expectTypeOf<ReturnType<typeof orgDetails>>().toExtend<RetrieveAnOrganizationResponse>();
  });
});

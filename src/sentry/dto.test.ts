import { describe, expect, it } from "vitest";
import { readMember, readMemberDetails, readOrgDetails, readTeam, readTeamMember, readTeamRoleAnswer } from "./dto.js";
import { SentryProtocolError, errorDetail } from "./errors.js";

// docs/sentry-behaviour.md S10, the E1 page's first item.
const P1_ITEM = {
  id: "57377908164",
  email: "sirpenguin@antarcticarocks.com",
  user: { id: "280094367316", email: "sirpenguin@antarcticarocks.com" },
  orgRole: "member",
  pending: false,
  expired: false,
  flags: {
    "idp:provisioned": false,
    "idp:role-restricted": false,
    "sso:linked": false,
    "sso:invalid": false,
    "member-limit:restricted": false,
    "partnership:restricted": false,
  },
  inviteStatus: "approved",
};

describe("wire types, read leniently (docs/sentry-behaviour.md T26)", () => {
  it("reads P1's member item, naming it by email when there is no name", () => {
    expect(readMember(P1_ITEM)).toEqual({
      id: "57377908164",
      email: "sirpenguin@antarcticarocks.com",
      name: "sirpenguin@antarcticarocks.com",
      orgRole: "member",
      pending: false,
      expired: false,
      flags: {
        idpProvisioned: false,
        idpRoleRestricted: false,
        ssoLinked: false,
        ssoInvalid: false,
        memberLimitRestricted: false,
        partnershipRestricted: false,
      },
      inviterName: null,
    });
  });

  it("tolerates old servers: three flags, role instead of orgRole, numeric ids, unknown fields", () => {
    const old = readMember({
      id: 42,
      email: "a@x.com",
      role: "manager",
      flags: { "sso:linked": true, "sso:invalid": false, "member-limit:restricted": false },
      invite_link: "x",
      extra: {},
    });
    expect(old).toMatchObject({
      id: "42",
      orgRole: "manager",
      flags: { ssoLinked: true, idpProvisioned: false, partnershipRestricted: false },
    });
  });

  it("decides pending from `pending`, not from `user` (a pending invite's user can be {})", () => {
    expect(readMember({ ...P1_ITEM, user: {}, pending: true }).pending).toBe(true);
    expect(readMember({ ...P1_ITEM, user: null, pending: false }).pending).toBe(false);
  });

  it("reads a member whose email is null (T32) as one without an address, named by its name or id", () => {
    expect(readMember({ id: "7", email: null, name: "Ann" })).toMatchObject({ id: "7", email: "", name: "Ann" });
    expect(readMember({ id: "8", email: null })).toMatchObject({ id: "8", email: "", name: "member 8" });
  });

  it("refuses a member without id", () => {
    expect(() => readMember({ email: "a@x.com" })).toThrow(SentryProtocolError);
    expect(() => readMember("nope")).toThrow(SentryProtocolError);
  });

  it("reads P2's stored team roles, null kept, unknown values read as null; falls back to the deprecated teams list", () => {
    const details = readMemberDetails({
      ...P1_ITEM,
      teamRoles: [
        { teamSlug: "ancient-gabelers", role: "admin" },
        { teamSlug: "powerful-abolitionist", role: null },
        { teamSlug: "docs-example", role: "member" },
        { role: "admin" },
      ],
    });
    expect(details.teamRoles).toEqual([
      { teamSlug: "ancient-gabelers", role: "admin" },
      { teamSlug: "powerful-abolitionist", role: null },
      { teamSlug: "docs-example", role: null },
    ]);
    expect(readMemberDetails({ ...P1_ITEM, teams: ["a", "b"] }).teamRoles).toEqual([
      { teamSlug: "a", role: null },
      { teamSlug: "b", role: null },
    ]);
  });

  it("reads P3's team member row with its stored team role", () => {
    expect(readTeamMember({ ...P1_ITEM, teamRole: null, teamSlug: "powerful-abolitionist" }).teamRole).toBeNull();
    expect(readTeamMember({ ...P1_ITEM, teamRole: "admin" }).teamRole).toBe("admin");
  });

  it("reads a team and its SCIM flag", () => {
    expect(readTeam({ id: 3, slug: "ops", flags: { "idp:provisioned": true } })).toEqual({
      id: "3",
      slug: "ops",
      name: "ops",
      idpProvisioned: true,
    });
  });

  it("reads org details: offered roles without retired ones; team roles from the feature or a retired admin", () => {
    const roleList = ["billing", "member", "admin", "manager", "owner"].map((id) => ({
      id,
      isRetired: id === "admin",
    }));
    expect(readOrgDetails({ orgRoleList: roleList, features: [], openMembership: true })).toEqual({
      orgRoles: ["billing", "member", "manager", "owner"],
      teamRolesEnabled: true,
      openMembership: true,
    });
    expect(readOrgDetails({ roles: [{ id: "member" }, { id: "admin" }], features: ["team-roles"] })).toMatchObject({
      orgRoles: ["member", "admin"],
      teamRolesEnabled: true,
    });
    expect(readOrgDetails({})).toEqual({
      orgRoles: ["member", "admin", "manager", "owner"],
      teamRolesEnabled: false,
      openMembership: false,
    });
  });

  it("reads the team-role answer", () => {
    expect(readTeamRoleAnswer({ isActive: true, teamRole: "admin" })).toBe("admin");
    expect(readTeamRoleAnswer({ isActive: true, teamRole: null })).toBeNull();
    expect(readTeamRoleAnswer(undefined)).toBeNull();
  });
});

describe("errorDetail", () => {
  it.each<[string, unknown, string | undefined]>([
    ["detail text", { detail: "The requested resource does not exist" }, "The requested resource does not exist"],
    ["a serializer list", { email: ["Enter a valid email address."] }, "email: Enter a valid email address."],
    [
      "a field string",
      { role: "You do not have permission to assign a role to the given user." },
      "role: You do not have permission to assign a role to the given user.",
    ],
    ["a bare list", ["An organization must have at least one owner"], "An organization must have at least one owner"],
    [
      "a bare string",
      "You are attempting to use this endpoint too frequently.",
      "You are attempting to use this endpoint too frequently.",
    ],
    ["a detail object", { detail: { code: "sso-required", message: "SSO required", extra: {} } }, "SSO required"],
    ["nothing", undefined, undefined],
    ["an HTML page: nothing", "<html>\n<h1>502 Bad Gateway</h1></html>", undefined],
    ["a long text, flattened and cut", `oops\n${"x".repeat(1000)}`, `oops ${"x".repeat(295)}…`],
  ])("reads %s", (_name, body, expected) => {
    expect(errorDetail(body)).toBe(expected);
  });
});

import { describe, expect, it } from "vitest";
import { canManage, effectiveTeamRole, minimumTeamRole, orgRolePriority } from "./roles.js";

describe("roles", () => {
  it.each([
    ["owner", "admin"],
    ["manager", "admin"],
    ["admin", "admin"],
    ["member", "contributor"],
    ["billing", "contributor"],
  ])("the %s org role implies team role %s", (role, minimum) => {
    expect(minimumTeamRole(role)).toBe(minimum);
  });

  it("treats a stored null team role as the org role's minimum", () => {
    expect(effectiveTeamRole("member", null)).toBe("contributor");
    expect(effectiveTeamRole("manager", null)).toBe("admin");
    expect(effectiveTeamRole("member", "admin")).toBe("admin");
  });

  it.each([
    ["manager", "member", "manager", true],
    ["manager", "member", "owner", false],
    ["manager", "owner", "member", false],
    ["owner", "member", "owner", true],
    ["member", "member", "member", false],
    [null, "member", "admin", false],
  ] as const)("a %s may change %s to %s: %s", (caller, from, to, allowed) => {
    expect(canManage(caller, from, to)).toBe(allowed);
  });

  it("ranks unknown roles above owner", () => {
    expect(orgRolePriority("superuser")).toBeGreaterThan(orgRolePriority("owner"));
  });
});

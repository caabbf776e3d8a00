import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { APPLY_SCOPES, PLAN_SCOPES, SCOPES_NEEDED, describeScopes } from "./token-scopes.js";

describe("the token-scope table", () => {
  it("is the table docs/cli.md shows, row for row", () => {
    const docs = readFileSync(join(fileURLToPath(new URL("../..", import.meta.url)), "docs/cli.md"), "utf8");
    const table = docs.slice(docs.indexOf("<!-- token scopes:"));
    const rows = Object.fromEntries(
      [...table.matchAll(/^\| ([a-z-]+) \| (`[^|]+`) \|$/gm)].map((match) => [match[1], match[2]!.split(", ").map((scope) => scope.replace(/`/g, ""))]),
    );
    expect(rows).toEqual(SCOPES_NEEDED);
  });

  it("lets the recommended apply token make every kind of change, and names the recommended scope first", () => {
    const apply = [...PLAN_SCOPES, ...APPLY_SCOPES];
    for (const scopes of Object.values(SCOPES_NEEDED)) expect(scopes.some((scope) => apply.includes(scope))).toBe(true);
    expect(describeScopes("invite")).toBe("member:admin (or member:write, member:invite)");
    expect(describeScopes("remove-member")).toBe("member:admin");
  });
});

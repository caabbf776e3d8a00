import { describe, expect, it } from "vitest";
import { canonicalJson, changeId, planDigest, shortId, withId } from "./change-id.js";
import type { ChangeWithoutId } from "./plan.js";

const setRole: ChangeWithoutId = { action: "set-role", email: "Bob@Example.com", memberId: "42", from: "member", to: "manager" };

describe("change ids", () => {
  it("sorts keys recursively, lower-cases emails and drops whitespace in the canonical form", () => {
    expect(canonicalJson({ b: 1, email: "A@B.C", a: { z: "X", y: [2, 1] } })).toBe('{"a":{"y":[2,1],"z":"X"},"b":1,"email":"a@b.c"}');
  });

  it("is a sha256 hex of the content, the same whatever the key order or email case", () => {
    const reordered = { to: "manager", from: "member", memberId: "42", email: "bob@example.com", action: "set-role" } as const;
    expect(changeId(setRole)).toMatch(/^[0-9a-f]{64}$/);
    expect(changeId(reordered)).toBe(changeId(setRole));
  });

  it("differs when any field differs", () => {
    expect(changeId({ ...setRole, from: "admin" })).not.toBe(changeId(setRole));
    expect(changeId({ ...setRole, memberId: "43" })).not.toBe(changeId(setRole));
  });

  it("ignores an existing id when recomputing", () => {
    const change = withId(setRole);
    expect(change.id).toBe(changeId(setRole));
    expect(changeId({ ...change, id: "forged" })).toBe(change.id);
  });

  it("cannot be forged by moving text between fields", () => {
    const a: ChangeWithoutId = { action: "remove-from-team", email: "a@x.io", memberId: "1", team: "b" };
    const b: ChangeWithoutId = { action: "remove-from-team", email: "a@x.io", memberId: "1b", team: "" };
    expect(changeId(a)).not.toBe(changeId(b));
  });

  it("digests the set of changes independent of their order", () => {
    const changes = [withId(setRole), withId({ action: "create-team", team: "backend", name: "Backend" })];
    expect(planDigest([...changes].reverse())).toBe(planDigest(changes));
    expect(planDigest(changes.slice(1))).not.toBe(planDigest(changes));
  });

  it("shortens an id to its first 16 hex characters", () => {
    expect(shortId("0123456789abcdef0123")).toBe("0123456789abcdef");
  });
});

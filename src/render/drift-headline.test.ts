import { describe, expect, it } from "vitest";
import { countDrift } from "../plan/drift-count.js";
import type { Plan } from "../plan/plan.js";
import { driftHeadline } from "./drift-headline.js";

const empty: Plan = { formatVersion: 1, organization: "acme", digest: "0".repeat(64), changes: [], skipped: [], drift: [], warnings: [], violations: [] };
const unlisted = { kind: "unlisted-member" as const, email: "m@example.com", memberId: "9", role: "manager", pending: false };

describe("drift count and headline", () => {
  it("says Sentry matches when nothing differs", () => {
    expect(countDrift(empty).total).toBe(0);
    expect(driftHeadline(countDrift(empty))).toBe("Sentry matches the roster");
  });

  it("counts a member added by hand even when the plan has no change", () => {
    const count = countDrift({ ...empty, drift: [unlisted] });
    expect(count).toEqual({ changes: 0, heldBack: 0, unlistedMembers: 1, unmanagedTeams: 0, total: 1 });
    expect(driftHeadline(count)).toBe("Sentry differs from the roster: 1 member added by hand");
  });

  it("names every kind, in plural where due", () => {
    expect(driftHeadline({ changes: 2, heldBack: 1, unlistedMembers: 2, unmanagedTeams: 1, total: 6 })).toBe(
      "Sentry differs from the roster: 2 members added by hand, 1 team not in the roster, 2 changes to make, 1 change held back by a safety rule",
    );
  });
});

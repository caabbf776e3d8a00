import { describe, expect, it } from "vitest";
import { withId } from "../plan/change-id.js";
import { APPLY_LOG_PREFIX, FAILURES_PER_ENTRY, type ApplyLogRun, renderApplyLogEntry, renderApplyLogHead } from "./apply-log.js";

const invite = (index: number) => withId({ action: "invite", email: `p${index}@example.com`, role: "member", teams: {} });
const run: ApplyLogRun = {
  organization: "acme",
  at: "2026-11-23T12:00:05.123Z",
  runUrl: "https://github.com/acme/people/actions/runs/42",
  sha: "2".repeat(40),
  result: { outcomes: [{ change: invite(1), status: "applied" }], skipped: [] },
  notReviewed: [],
  refusedBecause: undefined,
};

describe("apply log", () => {
  it("starts with its own marker, not the plan's", () => {
    expect(renderApplyLogHead().startsWith(APPLY_LOG_PREFIX)).toBe(true);
  });

  it("says when, which run, which commit and the counts", () => {
    const entry = renderApplyLogEntry(run);
    expect(entry).toContain("**2026-11-23 12:00:05 UTC** · [workflow run](https://github.com/acme/people/actions/runs/42) · commit <code>222222222222</code>");
    expect(entry).toContain("**Applied** 1 change to <code>acme</code>.");
  });

  it("says a run that found nothing to do did nothing, and a refusal why", () => {
    expect(renderApplyLogEntry({ ...run, result: { outcomes: [], skipped: [] } })).toContain("**Nothing to apply:**");
    expect(renderApplyLogEntry({ ...run, result: undefined, refusedBecause: "the plan changed after approval" })).toContain(
      "**Nothing applied:** the plan changed after approval",
    );
  });

  it("lists the first failures and counts the rest", () => {
    const outcomes = Array.from({ length: FAILURES_PER_ENTRY + 3 }, (_, index) => ({ change: invite(index), status: "failed" as const, message: "HTTP 500" }));
    const entry = renderApplyLogEntry({ ...run, result: { outcomes, skipped: [] }, notReviewed: [invite(99)] });
    expect(entry).toContain("**Apply incomplete** on <code>acme</code>: 0 applied, 23 failed, 1 not reviewed, 0 not run.");
    expect(entry.match(/ — failed: HTTP 500$/gm)).toHaveLength(FAILURES_PER_ENTRY);
    expect(entry).toContain("…3 more failures");
    expect(entry).toContain("1 change not in the reviewed plan");
  });
});

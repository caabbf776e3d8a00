import { describe, expect, it } from "vitest";
import type { ApplyResult } from "../plan/outcome.js";
import type { Change } from "../plan/plan.js";
import { applySucceeded, describeChange, renderApplyRefusal, renderApplyReport, toApplyRefusalJson, toApplyReportJson, type ApplyReport } from "./apply-report.js";

const invite: Change = { id: "a".repeat(64), action: "invite", email: "carol@example.com", role: "member", teams: { backend: "admin", web: "contributor" } };
const add: Change = { id: "b".repeat(64), action: "add-to-team", email: "bob@example.com", memberId: "42", team: "backend", teamRole: "contributor" };
const removal: Change = { id: "c".repeat(64), action: "remove-member", email: "dave@example.com", memberId: "7" };

const mixed: ApplyResult = {
  outcomes: [
    { change: invite, status: "applied", message: "team roles follow once the invite is accepted" },
    { change: add, status: "failed", message: "Sentry filed an access request (HTTP 202)" },
    { change: removal, status: "not-run", message: "held back: the promotion of x failed" },
  ],
  skipped: [{ action: "set-role", email: "olga@example.com", memberId: "3", from: "owner", to: "member", reason: "owner-protected", detail: "set policy.owners: manage to allow it" }],
};

describe("renderApplyReport", () => {
  it("says what happened to every change, what was held back and what is left over", () => {
    const text = renderApplyReport({ organization: "acme", result: mixed, leftOver: [add], snapshotPath: "/tmp/snap.json" }, { color: false });
    expect(text).toBe(
      [
        "Applied 1 of 3 changes to acme (1 failed, 1 not run).",
        "",
        "Changes:",
        "  applied  carol@example.com: invite as member, to backend (admin), web (contributor): team roles follow once the invite is accepted",
        "  FAILED   bob@example.com: add to team backend as contributor: Sentry filed an access request (HTTP 202)",
        "  not run  dave@example.com: remove from the organization: held back: the promotion of x failed",
        "",
        "Held back by a rule (not applied):",
        "  skipped  olga@example.com: org role owner -> member: owner-protected: set policy.owners: manage to allow it",
        "",
        "Left over: a fresh plan still wants these changes (run apply again, or fix what failed):",
        "  - bob@example.com: add to team backend as contributor",
        "Snapshot of the org before apply: /tmp/snap.json",
        "",
      ].join("\n"),
    );
  });

  it("says converged when nothing is left over, and colours labels only when asked", () => {
    const report: ApplyReport = { organization: "acme", result: { outcomes: [{ change: add, status: "applied" }], skipped: [] }, leftOver: [] };
    expect(renderApplyReport(report, { color: false })).toContain("Applied 1 of 1 change to acme.\n");
    expect(renderApplyReport(report, { color: false })).toContain("Converged: a fresh plan has no changes.");
    expect(renderApplyReport(report, { color: false })).not.toContain("\u001b[");
    expect(renderApplyReport(report, { color: true })).toContain("\u001b[32mapplied\u001b[0m");
  });

  it("says convergence is unknown when the org could not be read again", () => {
    const report: ApplyReport = {
      organization: "acme",
      result: { outcomes: [{ change: add, status: "applied" }], skipped: [] },
      leftOver: [],
      recheckError: "could not read the org again to confirm the result: connection reset",
    };
    expect(renderApplyReport(report, { color: false })).toContain("Not confirmed: could not read the org again to confirm the result: connection reset.");
    expect(renderApplyReport(report, { color: false })).not.toContain("Converged");
    expect(applySucceeded(report)).toBe(false);
    expect(JSON.parse(toApplyReportJson(report))).toMatchObject({ ok: false, converged: null });
  });

  it("says there was nothing to apply for an empty run", () => {
    expect(renderApplyReport({ organization: "acme", result: { outcomes: [], skipped: [] }, leftOver: [] }, { color: false })).toMatch(/^Nothing to apply to acme\./);
  });
});

describe("describeChange", () => {
  it("words a change as the plan does: subject, then the same phrase", () => {
    expect(describeChange(add)).toBe("bob@example.com: add to team backend as contributor");
    expect(describeChange({ action: "create-team", team: "web", name: "Web" })).toBe('team web: create team web named "Web"');
  });

  it("escapes control characters from Sentry so a name cannot drive the terminal", () => {
    const hostile: Change = { ...removal, email: "eve\u001b[2J@example.com" } as Change;
    const text = renderApplyReport({ organization: "acme", result: { outcomes: [{ change: hostile, status: "failed", message: "bad\u0007" }], skipped: [] }, leftOver: [] }, { color: false });
    expect([...text].filter((char) => char !== "\n" && char.charCodeAt(0) < 0x20)).toEqual([]);
    expect(text).toContain("eve\\u001b[2J@example.com");
  });
});

describe("applySucceeded", () => {
  it("is true only when every change applied and nothing is left over", () => {
    const allApplied: ApplyResult = { outcomes: [{ change: add, status: "applied" }], skipped: [] };
    expect(applySucceeded({ organization: "acme", result: allApplied, leftOver: [] })).toBe(true);
    expect(applySucceeded({ organization: "acme", result: allApplied, leftOver: [add] })).toBe(false);
    expect(applySucceeded({ organization: "acme", result: mixed, leftOver: [] })).toBe(false);
    const notReviewed: ApplyResult = { outcomes: [{ change: add, status: "skipped", message: "not reviewed" }], skipped: [] };
    expect(applySucceeded({ organization: "acme", result: notReviewed, leftOver: [] })).toBe(false);
  });
});

describe("toApplyReportJson", () => {
  it("gives counts, each outcome with its change, and the convergence verdict", () => {
    const json = JSON.parse(toApplyReportJson({ organization: "acme", result: mixed, leftOver: [add] }));
    expect(json).toMatchObject({
      formatVersion: 1,
      organization: "acme",
      ok: false,
      counts: { applied: 1, failed: 1, "not-run": 1, skipped: 0 },
      converged: false,
      snapshot: null,
      stoppedBecause: null,
    });
    expect(json.outcomes[1]).toEqual({ status: "failed", message: "Sentry filed an access request (HTTP 202)", change: add });
    expect(json.leftOver).toEqual([add]);
    expect(json.skipped[0].reason).toBe("owner-protected");
  });
});

describe("renderApplyRefusal", () => {
  it("lists the violations and unreviewed changes by short id and says nothing changed", () => {
    const refusal = {
      organization: "acme",
      reason: "the plan breaks a policy rule",
      violations: [{ rule: "max-removals", message: "The plan removes 7 members; policy.maxRemovals is 5." }],
      notReviewed: [removal],
    };
    expect(renderApplyRefusal(refusal)).toBe(
      [
        "Refused: the plan breaks a policy rule",
        "  - max-removals: The plan removes 7 members; policy.maxRemovals is 5.",
        "Changes not in the reviewed plan:",
        `  - dave@example.com: remove from the organization (${"c".repeat(16)})`,
        "Nothing was changed in acme.",
        "",
      ].join("\n"),
    );
    expect(JSON.parse(toApplyRefusalJson(refusal))).toMatchObject({ ok: false, refused: "the plan breaks a policy rule", notReviewed: [removal] });
  });
});

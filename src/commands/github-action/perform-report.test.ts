import { describe, expect, it } from "vitest";
import { aLiveMember, aMember, desiredState, liveState, planWith } from "../../../test/support/builders.js";
import { withId } from "../../plan/change-id.js";
import type { Plan } from "../../plan/plan.js";
import { buildActionReport, type ActionReport, type ReportEffect } from "./action-report.js";
import type { ActionRequest } from "./action-types.js";
import { performEffects, performReport, type ReportPorts } from "./perform-report.js";

/** What the executor did, one entry per call, in order. */
type Call = { readonly call: string; readonly args: readonly unknown[] };

/** Ports that record every call; `failing` names the calls that throw. */
function recordingPorts(failing: readonly string[] = []): { ports: ReportPorts; calls: Call[] } {
  const calls: Call[] = [];
  const record = (call: string, ...args: unknown[]) => {
    calls.push({ call, args });
    if (failing.includes(call)) throw new Error(`${call} refused: HTTP 403`);
  };
  const ports: ReportPorts = {
    platform: {
      annotate: (level, message, where) => record("annotate", level, message, where),
      info: (message) => record("info", message),
      appendSummary: async (markdown) => record("appendSummary", markdown),
      group: async (name, run) => {
        record("group", name);
        return run();
      },
    },
    writePlanFile: async (path, json) => record("writePlanFile", path, json),
    upsertStickyComment: async (pullRequest, comment) => record("upsertStickyComment", pullRequest, comment),
    appendApplyLog: async (pullRequest, entry) => record("appendApplyLog", pullRequest, entry),
    syncDriftIssue: async (effect) => record("syncDriftIssue", effect),
  };
  return { ports, calls };
}

/** The calls an effect must cause, written from the effect types' documentation, not from the executor. */
function expectedCalls(effect: ReportEffect): Call[] {
  const group = "group" in effect && effect.group ? [{ call: "group", args: [effect.group] }] : [];
  switch (effect.kind) {
    case "annotate":
      return [{ call: "annotate", args: [effect.level, effect.message, effect.where] }];
    case "log":
      return [{ call: "info", args: [effect.message] }];
    case "summary":
      return [{ call: "appendSummary", args: [effect.markdown] }];
    case "plan-file":
      return [{ call: "writePlanFile", args: [effect.path, effect.json] }];
    case "sticky-comment":
      return [...group, { call: "upsertStickyComment", args: [effect.pullRequest, effect.comment] }];
    case "apply-log":
      return [...group, { call: "appendApplyLog", args: [effect.pullRequest, effect.entry] }];
    case "drift-issue":
      return [...group, { call: "syncDriftIssue", args: [effect] }];
  }
}

const request = (overrides: Partial<ActionRequest>): ActionRequest => ({
  mode: "plan",
  rosterPath: "roster.yaml",
  sentry: { baseUrl: "https://sentry.example", token: "sntrys_x" },
  github: { token: "gh", apiUrl: "https://api.github.com", serverUrl: "https://github.com", owner: "acme", repo: "people", runId: 42, sha: "2".repeat(40), pullRequest: { number: 7, headSha: "1".repeat(40) } },
  comment: true,
  maskEmails: false,
  requireReviewedPlan: true,
  requireApproval: false,
  failOnDrift: false,
  driftIssue: true,
  planFile: "/tmp/plan.json",
  snapshotFile: undefined,
  ...overrides,
});
const invite = withId({ action: "invite", email: "heidi@example.com", role: "member", teams: {} });
const desired = desiredState({ members: [aMember("heidi@example.com", { position: { line: 6, col: 5 } })] });
const planned = (plan: Plan) => ({ kind: "planned" as const, plan, desired, live: liveState({ members: [aLiveMember("erin@example.com")] }), issues: [{ severity: "warning" as const, file: "roster.yaml", line: 2, col: 1, message: "w" }] });
const violating = planWith([invite], { violations: [{ rule: "max-removals", message: "too many removals" }] });

/** One report of each mode, each with every kind of effect its mode has. */
const reports: Record<string, ActionReport> = {
  plan: buildActionReport(request({}), { kind: "planned", planned: planned(violating) }),
  drift: buildActionReport(request({ mode: "drift" }), { kind: "planned", planned: planned(planWith([invite])), rosterText: "organization: acme\n" }),
  apply: buildActionReport(request({ mode: "apply" }), {
    kind: "merged",
    outcome: {
      kind: "planned",
      result: {
        kind: "applied",
        organization: "acme",
        plan: violating,
        result: { outcomes: [{ change: invite, status: "failed", message: "HTTP 500" }], skipped: [] },
        leftOver: [],
        notReviewed: [],
        issues: [],
      },
      source: { pullRequest: { number: 7, headSha: "1".repeat(40), mergeCommitSha: null }, marker: undefined, missing: undefined, refusal: undefined, ignored: [], approvedAt: undefined },
      desired,
      at: "2026-11-23T12:00:05.000Z",
    },
  }),
};

describe("performReport", () => {
  for (const [mode, report] of Object.entries(reports)) {
    it(`performs exactly the ${mode} report's effects, in order, and returns its outputs and verdict`, async () => {
      const { ports, calls } = recordingPorts();
      const result = await performReport(report, ports);
      expect(calls).toEqual(report.effects.flatMap(expectedCalls));
      expect(result).toEqual({ ...report.verdict, outputs: report.outputs });
    });
  }

  it("each mode's report holds the effects the executor must carry out (so the cases above cover every kind)", () => {
    const kindsOf = (report: ActionReport | undefined) => new Set(report?.effects.map((effect) => effect.kind));
    expect(kindsOf(reports["plan"])).toEqual(new Set(["annotate", "summary", "plan-file", "sticky-comment"]));
    expect(kindsOf(reports["drift"])).toEqual(new Set(["annotate", "summary", "plan-file", "drift-issue"]));
    expect(kindsOf(reports["apply"])).toEqual(new Set(["annotate", "summary", "plan-file", "apply-log"]));
  });

  it("turns a failed plan comment into the verdict, unannotated, and still performs what follows", async () => {
    const report = reports["plan"] as ActionReport;
    const { ports, calls } = recordingPorts(["upsertStickyComment"]);
    const result = await performReport(report, ports);
    expect(result).toEqual({ ok: false, message: "could not post the plan comment on #7: upsertStickyComment refused: HTTP 403", outputs: report.outputs });
    expect(calls.at(-1)).toEqual({ call: "annotate", args: ["error", "too many removals", undefined] });
    expect(calls.filter((call) => call.call === "annotate").map((call) => call.args[1])).not.toContain(result.message);
  });

  it("keeps the apply outcome in front of a failed apply-log write, and annotates the failure", async () => {
    const report = reports["apply"] as ActionReport;
    const { ports, calls } = recordingPorts(["appendApplyLog"]);
    const result = await performReport(report, ports);
    const failure = "could not write the outcome to pull request #7: appendApplyLog refused: HTTP 403";
    expect(result).toEqual({ ok: false, message: `${report.verdict.message}; ${failure}`, outputs: report.outputs });
    expect(calls.at(-1)).toEqual({ call: "annotate", args: ["error", failure, undefined] });
  });

  it("annotates a failed drift issue update and fails with it", async () => {
    const report = reports["drift"] as ActionReport;
    const { ports } = recordingPorts(["syncDriftIssue"]);
    const result = await performReport(report, ports);
    expect(result.message).toBe("could not update the drift issue: syncDriftIssue refused: HTTP 403");
    expect(result.ok).toBe(false);
  });

  it("lets a failure of an effect without onFailure end the run (the roster-problems comment, the plan file)", async () => {
    const report = buildActionReport(request({}), { kind: "planned", planned: { kind: "roster-invalid", issues: [{ severity: "error", file: "roster.yaml", line: 1, col: 1, message: "bad" }] } });
    await expect(performReport(report, recordingPorts(["upsertStickyComment"]).ports)).rejects.toThrow("upsertStickyComment refused");
    await expect(performReport(reports["plan"] as ActionReport, recordingPorts(["writePlanFile"]).ports)).rejects.toThrow("writePlanFile refused");
  });

  it("performs notes shown before applying, in order", async () => {
    const { ports, calls } = recordingPorts();
    const notes: ReportEffect[] = [
      { kind: "log", message: "reviewed plan: #7, digest only, no approving review" },
      { kind: "annotate", level: "warning", message: "no reviewed plan" },
    ];
    await performEffects(notes, ports);
    expect(calls).toEqual(notes.flatMap(expectedCalls));
  });
});

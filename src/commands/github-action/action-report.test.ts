import { describe, expect, it } from "vitest";
import { aLiveMember, aMember, desiredState, liveState, planWith } from "../../../test/support/builders.js";
import type { RosterIssue } from "../../domain/roster-issue.js";
import { withId } from "../../plan/change-id.js";
import type { Plan } from "../../plan/plan.js";
import type { ApplyCommandResult } from "../apply-result.js";
import type { PlanCommandResult } from "../plan.js";
import { buildActionReport, type ActionReport, type ReportEffect } from "./action-report.js";
import type { ActionRequest } from "./action-types.js";
import { type MergeOutcome, type ReviewSource, reviewSourceNotes } from "./merge-report.js";
import { validateOnlyNotes } from "./plan-report.js";
import { MAX_ANNOTATIONS_PER_LEVEL, settleVerdict } from "./report-effects.js";

const HEAD = "1".repeat(40);
const MERGE = "2".repeat(40);
const RUN_URL = "https://github.com/acme/people/actions/runs/42";

function request(overrides: Partial<ActionRequest> = {}): ActionRequest {
  return {
    mode: "plan",
    rosterPath: "roster.yaml",
    sentry: { baseUrl: "https://sentry.example", token: "sntrys_x" },
    github: { token: "gh", apiUrl: "https://api.github.com", serverUrl: "https://github.com", owner: "acme", repo: "people", runId: 42, sha: MERGE },
    comment: true,
    maskEmails: false,
    requireReviewedPlan: true,
    requireApproval: false,
    failOnDrift: false,
    driftIssue: false,
    planFile: "/tmp/plan.json",
    snapshotFile: undefined,
    ...overrides,
  };
}
const onPullRequest = (overrides: Partial<ActionRequest> = {}) => request({ ...overrides, github: { ...request().github, pullRequest: { number: 7, headSha: HEAD } } });

const invite = withId({ action: "invite", email: "heidi@example.com", role: "member", teams: {} });
const removal = withId({ action: "remove-member", email: "erin@example.com", memberId: "14" });
const planned = (plan: Plan, issues: readonly RosterIssue[] = []): PlanCommandResult => ({
  kind: "planned",
  plan,
  desired: desiredState({ members: [aMember("heidi@example.com")] }),
  live: liveState({ members: [aLiveMember("erin@example.com")] }),
  issues,
});
const issue = (severity: RosterIssue["severity"], line: number, message = `problem on ${line}`): RosterIssue => ({ severity, file: "roster.yaml", line, col: 3, message });
const kinds = (report: ActionReport) => report.effects.map((effect) => effect.kind);
const find = <K extends ReportEffect["kind"]>(report: ActionReport, kind: K) => report.effects.filter((effect): effect is Extract<ReportEffect, { kind: K }> => effect.kind === kind);

describe("buildActionReport, plan mode", () => {
  it("writes the plan file, the summary and the sticky plan comment, with outputs and the counts", () => {
    const plan = planWith([invite]);
    const report = buildActionReport(onPullRequest(), { kind: "planned", planned: planned(plan) });
    expect(kinds(report)).toEqual(["plan-file", "summary", "sticky-comment"]);
    expect(find(report, "plan-file")[0]).toMatchObject({ path: "/tmp/plan.json", json: expect.stringContaining(plan.digest) });
    expect(find(report, "summary")[0]?.markdown).toContain("### Sentry roster plan for <code>acme</code>");
    const comment = find(report, "sticky-comment")[0];
    expect(comment).toMatchObject({ pullRequest: 7, group: "Post the plan comment", onFailure: { line: "could not post the plan comment on #7", annotate: false } });
    expect(comment?.comment.text).toContain("<code>heidi&#64;example.com</code>");
    expect(comment?.comment.idsEmbedded).toBe(true);
    expect(report.outputs).toEqual({ hasChanges: true, changes: 1, skipped: 0, drift: 1, hasDrift: true, digest: plan.digest, planFile: "/tmp/plan.json" });
    expect(report.verdict).toEqual({ ok: true, message: "plan for acme: 1 change, 0 skipped, 0 unmanaged" });
    expect(report.reportFailure).toBe("replace");
  });

  it("posts no comment outside a pull request, with comment off or without a GitHub token, and no plan file without a path", () => {
    const plan = planWith([invite]);
    for (const quiet of [request(), onPullRequest({ comment: false }), request({ github: { ...onPullRequest().github, token: "" } })]) {
      expect(kinds(buildActionReport(quiet, { kind: "planned", planned: planned(plan) }))).toEqual(["plan-file", "summary"]);
    }
    expect(kinds(buildActionReport(request({ planFile: undefined }), { kind: "planned", planned: planned(plan) }))).toEqual(["summary"]);
  });

  it("annotates roster warnings on their lines before anything else, and lists them in the summary", () => {
    const report = buildActionReport(request(), { kind: "planned", planned: planned(planWith([]), [issue("warning", 4, "team role has no effect")]) });
    expect(report.effects[0]).toEqual({ kind: "annotate", level: "warning", message: "team role has no effect", where: { file: "roster.yaml", line: 4, col: 3 } });
    expect(report.effects[1]).toMatchObject({ kind: "summary", markdown: expect.stringContaining("#### Roster problems") });
    expect(report.verdict).toEqual({ ok: true, message: "plan for acme: 0 changes, 0 skipped, 0 unmanaged" });
  });

  it("refuses a plan that breaks a policy rule: one error annotation per violation, after the comment", () => {
    const plan = planWith([removal], { violations: [{ rule: "max-removals", message: "1 removal, more than policy.max_removals 0 allows" }] });
    const report = buildActionReport(onPullRequest(), { kind: "planned", planned: planned(plan) });
    expect(kinds(report)).toEqual(["plan-file", "summary", "sticky-comment", "annotate"]);
    expect(report.effects.at(-1)).toEqual({ kind: "annotate", level: "error", message: "1 removal, more than policy.max_removals 0 allows" });
    expect(report.verdict).toEqual({ ok: false, message: "the plan is refused: 1 removal, more than policy.max_removals 0 allows" });
  });

  it("puts an invalid roster's problems in a comment that reviews nothing, annotating ten errors at most", () => {
    const issues = Array.from({ length: MAX_ANNOTATIONS_PER_LEVEL + 2 }, (_, index) => issue("error", index + 1));
    const report = buildActionReport(onPullRequest(), { kind: "planned", planned: { kind: "roster-invalid", issues } });
    expect(kinds(report)).toEqual([...Array<string>(MAX_ANNOTATIONS_PER_LEVEL).fill("annotate"), "summary", "sticky-comment"]);
    expect(find(report, "summary")[0]?.markdown).toContain("problem on 12");
    const comment = find(report, "sticky-comment")[0];
    expect(comment?.comment.text).toContain('"ids64":""');
    // Not wrapped: a failure to post it ends the run with GitHub's error, as before the report was a value.
    expect(comment?.onFailure).toBeUndefined();
    expect(report.outputs).toEqual({});
    expect(report.verdict).toEqual({ ok: false, message: "roster.yaml is invalid; see the annotations" });
  });
});

describe("buildActionReport, drift mode", () => {
  const drifted = planWith([invite], { drift: [{ kind: "unlisted-member", email: "erin@example.com", memberId: "14", role: "member", pending: false }] });

  it("reports drift in outputs and the headline, with the diff that would adopt the live org, and never comments", () => {
    const report = buildActionReport(onPullRequest({ mode: "drift" }), { kind: "planned", planned: planned(drifted), rosterText: "organization: acme\nmembers: []\n" });
    expect(kinds(report)).toEqual(["plan-file", "summary"]);
    const summary = find(report, "summary")[0]?.markdown ?? "";
    expect(summary).toContain("To adopt the live org instead, change the roster like this");
    expect(summary).toContain("+  - email: erin@example.com");
    expect(report.outputs).toMatchObject({ drift: 2, hasDrift: true, changes: 1 });
    expect(report.verdict).toEqual({ ok: true, message: "drift report for acme: Sentry differs from the roster: 1 member added by hand, 1 change to make" });
  });

  it("fails on drift with fail-on-drift, naming the roster file", () => {
    const report = buildActionReport(request({ mode: "drift", failOnDrift: true }), { kind: "planned", planned: planned(drifted) });
    expect(report.verdict).toEqual({ ok: false, message: "Sentry differs from roster.yaml: 1 member added by hand, 1 change to make; see the job summary" });
    const clean = buildActionReport(request({ mode: "drift", failOnDrift: true }), { kind: "planned", planned: planned(planWith([])), rosterText: "x" });
    expect(clean.verdict).toEqual({ ok: true, message: "drift report for acme: Sentry matches the roster" });
    expect(find(clean, "summary")[0]?.markdown).not.toContain("To adopt the live org");
  });

  it("keeps the drift issue equal to the report: its text on drift, none (close it) when Sentry matches", () => {
    const report = buildActionReport(request({ mode: "drift", driftIssue: true }), { kind: "planned", planned: planned(drifted) });
    const [effect] = find(report, "drift-issue");
    expect(effect).toMatchObject({ group: "Update the drift issue", onFailure: { line: "could not update the drift issue", annotate: true } });
    expect(effect?.issue?.title).toBe("Sentry differs from roster.yaml (acme)");
    expect(effect?.closingComment).toBe(`Sentry matches <code>roster.yaml</code> again ([workflow run](${RUN_URL})); closing.`);
    const clean = buildActionReport(request({ mode: "drift", driftIssue: true }), { kind: "planned", planned: planned(planWith([])) });
    expect(find(clean, "drift-issue")[0]?.issue).toBeUndefined();
    const noToken = request({ mode: "drift", driftIssue: true, github: { ...request().github, token: "" } });
    expect(find(buildActionReport(noToken, { kind: "planned", planned: planned(drifted) }), "drift-issue")).toEqual([]);
  });
});

describe("buildActionReport, validate mode", () => {
  it("passes a valid roster, and says why only validation ran", () => {
    const why = "No Sentry token: pull requests from forks get no secrets, so only the roster was validated.";
    const report = buildActionReport(request({ mode: "validate", validateOnlyReason: why }), { kind: "validated", issues: [] });
    expect(report.effects).toEqual([{ kind: "summary", markdown: `### Sentry roster validation\n\n**roster.yaml is valid.**\n\n${why}\n` }]);
    expect(report.verdict).toEqual({ ok: true, message: "roster.yaml is valid" });
    expect(validateOnlyNotes(request({ mode: "validate", validateOnlyReason: why }))).toEqual([{ kind: "annotate", level: "notice", message: why }]);
    expect(validateOnlyNotes(request({ mode: "validate" }))).toEqual([]);
  });

  it("fails on errors, counting them", () => {
    const report = buildActionReport(request({ mode: "validate" }), { kind: "validated", issues: [issue("error", 2), issue("error", 5), issue("warning", 9)] });
    expect(kinds(report)).toEqual(["annotate", "annotate", "annotate", "summary", "summary"]);
    expect(report.verdict).toEqual({ ok: false, message: "roster.yaml has 2 errors; see the annotations" });
  });
});

describe("buildActionReport, apply on merge", () => {
  const reviewed: ReviewSource = { pullRequest: { number: 7, headSha: HEAD, mergeCommitSha: MERGE }, marker: { org: "acme", digest: "d" }, missing: undefined, refusal: undefined, ignored: [], approvedAt: undefined };
  const desired = desiredState({ members: [aMember("heidi@example.com", { position: { line: 6, col: 5 } })] });
  const applyRequest = (overrides: Partial<ActionRequest> = {}) => request({ mode: "apply", ...overrides });
  const applied = (plan: Plan, statuses: readonly ("applied" | "failed" | "not-run")[], extra: object = {}): ApplyCommandResult => ({
    kind: "applied",
    organization: "acme",
    plan,
    result: { outcomes: plan.changes.map((change, index) => ({ change, status: statuses[index] ?? "applied", ...(statuses[index] === "failed" ? { message: "HTTP 500" } : {}) })), skipped: [] },
    leftOver: [],
    notReviewed: [],
    issues: [],
    ...extra,
  });
  const merged = (result: ApplyCommandResult, source: ReviewSource = reviewed): { kind: "merged"; outcome: MergeOutcome } => {
    if (result.kind === "roster-invalid") throw new Error("use the roster-invalid outcome");
    return { kind: "merged", outcome: { kind: "planned", result, source, desired, at: "2026-11-23T12:00:05.000Z" } };
  };

  it("appends this run's entry to the apply log, with outputs and the verdict", () => {
    const plan = planWith([invite]);
    const report = buildActionReport(applyRequest(), merged(applied(plan, ["applied"])));
    expect(kinds(report)).toEqual(["plan-file", "summary", "apply-log"]);
    const [log] = find(report, "apply-log");
    expect(log).toMatchObject({ pullRequest: 7, group: "Report on the pull request", onFailure: { line: "could not write the outcome to pull request #7", annotate: true } });
    expect(log?.entry).toContain("**Applied** 1 change to <code>acme</code>.");
    expect(log?.entry).toContain("**2026-11-23 12:00:05 UTC**");
    expect(report.outputs).toEqual({ hasChanges: true, changes: 1, skipped: 0, digest: plan.digest, applied: 1, failed: 0, planFile: "/tmp/plan.json" });
    expect(report.verdict).toEqual({ ok: true, message: "applied 1 of 1 change to acme" });
    expect(report.reportFailure).toBe("append");
  });

  it("annotates a failed change on its member's roster line and fails", () => {
    const report = buildActionReport(applyRequest(), merged(applied(planWith([invite]), ["failed"])));
    expect(find(report, "annotate")).toEqual([{ kind: "annotate", level: "error", message: "invite heidi@example.com failed: HTTP 500", where: { file: "roster.yaml", line: 6, col: 5 } }]);
    expect(report.verdict).toEqual({ ok: false, message: "applied 0 of 1 change to acme; 1 failed" });
    expect(report.outputs).toMatchObject({ applied: 0, failed: 1 });
  });

  it("lists not-reviewed changes as not applied, and a cancelled run as one to re-run", () => {
    const plan = planWith([invite, removal]);
    const result = applied(plan, ["applied", "applied"], { notReviewed: [removal], interrupted: true });
    const report = buildActionReport(applyRequest(), merged(result));
    expect(report.outputs).toMatchObject({ applied: 1 });
    expect(report.verdict.message).toBe(
      "applied 1 of 2 changes to acme; 1 not reviewed (not applied), the job was cancelled: nothing more was sent; re-run the job to finish",
    );
    expect(find(report, "summary")[0]?.markdown).toContain("#### Not reviewed: not applied");
  });

  it("applies nothing and says why when the review gate refuses: a refused comment, or none under require-reviewed-plan", () => {
    const plan = planWith([invite]);
    const refusedResult: ApplyCommandResult = { kind: "refused", organization: "acme", reason: "nothing reviewed", violations: [], notReviewed: [invite], plan, issues: [] };
    const refused = buildActionReport(applyRequest(), merged(refusedResult, { ...reviewed, marker: undefined, refusal: "the plan changed after approval; ask for a new review" }));
    expect(refused.verdict).toEqual({ ok: false, message: "nothing was applied: nothing reviewed" });
    expect(find(refused, "apply-log")[0]?.entry).toContain("**Nothing applied:** nothing reviewed");

    const missing: ReviewSource = { pullRequest: undefined, marker: undefined, missing: "no reviewed plan: no merged pull request", refusal: undefined, ignored: [], approvedAt: undefined };
    const none = buildActionReport(applyRequest(), merged(applied(plan, []), missing));
    expect(none.verdict).toEqual({ ok: false, message: "nothing was applied: no reviewed plan: no merged pull request; require-reviewed-plan is true" });
    expect(kinds(none)).not.toContain("apply-log");
  });

  it("reports roster errors found before applying, and a roster that became invalid", () => {
    const issues = [issue("error", 3), issue("error", 4)];
    const early = buildActionReport(applyRequest(), { kind: "merged", outcome: { kind: "roster-errors", issues } });
    expect(early.verdict).toEqual({ ok: false, message: "roster.yaml has 2 errors; nothing was applied" });
    expect(kinds(early)).toEqual(["annotate", "annotate", "summary"]);
    const late = buildActionReport(applyRequest(), { kind: "merged", outcome: { kind: "roster-invalid", issues } });
    expect(late.verdict).toEqual({ ok: false, message: "roster.yaml is invalid; nothing was applied" });
  });

  it("notes a refused or missing reviewed plan before applying: an error, or a warning when a reviewed plan is not required", () => {
    const refused = { ...reviewed, marker: undefined, refusal: "stale" };
    expect(reviewSourceNotes(refused, false)).toEqual([{ kind: "annotate", level: "error", message: "stale" }]);
    const missing = { ...reviewed, marker: undefined, missing: "no reviewed plan" };
    expect(reviewSourceNotes(missing, true)).toEqual([{ kind: "annotate", level: "error", message: "no reviewed plan" }]);
    expect(reviewSourceNotes(missing, false)).toEqual([{ kind: "annotate", level: "warning", message: "no reviewed plan" }]);
  });

  it("notes each plan comment passed over, and logs the plan it trusts with its approval", () => {
    const source = { ...reviewed, marker: { org: "acme", digest: "d", ids: ["a", "b"] }, ignored: ["written by mallory, not github-actions"], approvedAt: "2026-11-23T09:00:00Z" };
    expect(reviewSourceNotes(source, true)).toEqual([
      { kind: "annotate", level: "warning", message: "ignored a plan comment on #7: written by mallory, not github-actions" },
      { kind: "log", message: "reviewed plan: #7, 2 change ids, approved at 2026-11-23T09:00:00Z" },
    ]);
    expect(reviewSourceNotes(reviewed, true)).toEqual([{ kind: "log", message: "reviewed plan: #7, digest only, no approving review" }]);
  });
});

describe("settleVerdict", () => {
  const report = (reportFailure: ActionReport["reportFailure"]): ActionReport => ({ effects: [], outputs: {}, verdict: { ok: true, message: "applied 1 of 1 change to acme" }, reportFailure });

  it("keeps the verdict when every effect succeeded", () => {
    expect(settleVerdict(report("append"), undefined)).toEqual({ ok: true, message: "applied 1 of 1 change to acme" });
  });

  it("fails with the failure alone (replace) or after the outcome (append)", () => {
    expect(settleVerdict(report("replace"), "could not post the plan comment on #7: HTTP 403")).toEqual({ ok: false, message: "could not post the plan comment on #7: HTTP 403" });
    expect(settleVerdict(report("append"), "could not write the outcome to pull request #7: HTTP 403")).toEqual({
      ok: false,
      message: "applied 1 of 1 change to acme; could not write the outcome to pull request #7: HTTP 403",
    });
  });
});

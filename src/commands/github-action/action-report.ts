/**
 * buildActionReport: what one Action run reports (annotations, job summary,
 * the comment or issue to write, outputs and verdict), decided as a value
 * from what the run found, with no I/O. perform-report.ts carries it out;
 * the per-mode decisions live in plan-report.ts and merge-report.ts.
 */
import type { RosterIssue } from "../../domain/roster-issue.js";
import type { ActionRequest } from "./action-types.js";
import { buildMergeReport, type MergeOutcome } from "./merge-report.js";
import { buildPlanReport, buildValidateReport, type PlanReportInput } from "./plan-report.js";
import type { ActionReport } from "./report-effects.js";

export type { ActionReport, ReportEffect, Verdict } from "./report-effects.js";

/** What a run found: the validation's issues, planCommand's result (plan and drift modes), or how far an apply on merge got. */
export type RunFindings =
  | { readonly kind: "validated"; readonly issues: readonly RosterIssue[] }
  | ({ readonly kind: "planned" } & Omit<PlanReportInput, "request">)
  | { readonly kind: "merged"; readonly outcome: MergeOutcome };

/** The report of a run: a function of the request (mode and inputs) and what the run found. */
export function buildActionReport(request: ActionRequest, found: RunFindings): ActionReport {
  switch (found.kind) {
    case "validated":
      return buildValidateReport(request, found.issues);
    case "planned":
      return buildPlanReport({ ...found, request });
    case "merged":
      return buildMergeReport(request, found.outcome);
  }
}

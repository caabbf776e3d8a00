import type { SentryConnection } from "../deps.js";

/** What the Action does in this run (select-mode.ts decides it). */
export type ActionMode = "validate" | "plan" | "apply" | "drift";

/** Where an annotation lands: a repository-relative file and a 1-based line. */
export interface AnnotationPosition {
  readonly file: string;
  readonly line: number;
  readonly col?: number;
}

/**
 * What the use cases need from the runner, and nothing more: action/ builds
 * it from @actions/core, tests build it from arrays.
 */
export interface ActionPlatform {
  /** A workflow annotation (shown on the PR diff when it has a position). */
  annotate(level: "error" | "warning" | "notice", message: string, where?: AnnotationPosition): void;
  info(message: string): void;
  /** Appends Markdown to the job summary. */
  appendSummary(markdown: string): Promise<void>;
  /** Folds a phase in the log. */
  group<T>(name: string, run: () => Promise<T>): Promise<T>;
}

/** The GitHub side of a run: where the API is and what the event was about. */
export interface ActionGitHub {
  /** Empty when no token was given: no comment, no merged-PR lookup. */
  readonly token: string;
  readonly apiUrl: string;
  readonly serverUrl: string;
  readonly owner: string;
  readonly repo: string;
  readonly runId: number;
  /** The commit the workflow runs on (the merge commit for pull_request, the pushed commit for push). */
  readonly sha: string;
  /** The PR of a pull_request event. */
  readonly pullRequest?: { readonly number: number; readonly headSha: string };
  /** Transport for Octokit in unit tests; production uses Octokit's own. */
  readonly fetch?: typeof globalThis.fetch;
}

/** Everything one Action run was asked to do, parsed and decided. */
export interface ActionRequest {
  readonly mode: ActionMode;
  /** Set when a mode that needs Sentry fell back to validation (fork PR without the secret): says why. */
  readonly validateOnlyReason?: string;
  /** Repository-relative path of the roster (annotations use it as given). */
  readonly rosterPath: string;
  readonly organization?: string;
  /** Undefined when there is no Sentry token. */
  readonly sentry: SentryConnection | undefined;
  readonly github: ActionGitHub;
  readonly comment: boolean;
  readonly maskEmails: boolean;
  readonly requireReviewedPlan: boolean;
  /** Apply only a plan comment that a review approved at the merged head (docs/action.md#how-the-review-is-enforced-trust). */
  readonly requireApproval: boolean;
  readonly failOnDrift: boolean;
  /** Keep one open issue with the current drift (drift reports only). */
  readonly driftIssue: boolean;
  /** Where to write the plan JSON (under RUNNER_TEMP); undefined = not written. */
  readonly planFile: string | undefined;
  /** Where apply saves the live state before its first write (under RUNNER_TEMP). */
  readonly snapshotFile: string | undefined;
  /** Aborted when the runner cancels the job (SIGINT, then SIGTERM): apply sends nothing more and reports (docs/action.md). */
  readonly stop?: AbortSignal;
}

/** The Action's outputs, by meaning; action/outputs.ts maps them to action.yml's names. */
export interface ActionRunOutputs {
  readonly hasChanges?: boolean;
  readonly changes?: number;
  readonly skipped?: number;
  /** Ways Sentry differs from the roster: changes the roster would make, changes held back, and what the roster does not manage. */
  readonly drift?: number;
  readonly hasDrift?: boolean;
  readonly digest?: string;
  readonly planFile?: string;
  readonly applied?: number;
  readonly failed?: number;
}

/** How the run ended: `ok` false fails the step with `message`. */
export interface ActionRunResult {
  readonly ok: boolean;
  /** One line for the log (and for setFailed when not ok). */
  readonly message: string;
  readonly outputs: ActionRunOutputs;
}

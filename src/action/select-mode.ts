/** What the Action was asked to do (the `mode` input). */
export const MODE_INPUTS = ["auto", "validate", "plan", "apply"] as const;
export type ModeInput = (typeof MODE_INPUTS)[number];

/** What the Action will do: `drift` is a plan reported as a drift report. */
export const MODES = { Validate: "validate", Plan: "plan", Apply: "apply", Drift: "drift" } as const;
export type Mode = (typeof MODES)[keyof typeof MODES];

/** The parts of the workflow event that decide the mode. */
export interface ModeEvent {
  readonly eventName: string;
  /** e.g. refs/heads/main */
  readonly ref: string;
  /** The repository's default branch from the payload, when the event carries it. */
  readonly defaultBranch: string | undefined;
}

/**
 * `auto` picks by event (docs/action.md#modes): pull_request → plan (and
 * the sticky comment); push to the default branch → apply; schedule and
 * workflow_dispatch → drift report; anything else → plan. A push whose
 * default branch is unknown is planned, never applied.
 */
export function selectMode(input: ModeInput, event: ModeEvent): Mode {
  if (input !== "auto") return input;
  switch (event.eventName) {
    case "push":
      return event.defaultBranch !== undefined && event.ref === `refs/heads/${event.defaultBranch}` ? MODES.Apply : MODES.Plan;
    case "schedule":
    case "workflow_dispatch":
      return MODES.Drift;
    default:
      return MODES.Plan;
  }
}

/** Events whose runs may come from a fork, where secrets are empty by design. */
export function isPullRequestEvent(eventName: string): boolean {
  return eventName === "pull_request";
}

/**
 * Events the Action refuses to run on, and why (docs/action.md#how-the-review-is-enforced-trust): both
 * run the default branch's workflow with secrets and a write token on behalf
 * of a pull request, so a plan there would show the base branch's roster as
 * the PR's plan, and anything the run reads from the PR is untrusted.
 * Undefined for every other event.
 */
export function refusedEvent(eventName: string): string | undefined {
  if (eventName !== "pull_request_target" && eventName !== "workflow_run") return undefined;
  return (
    `sentry-roster does not run on ${eventName}: that event runs the default branch's workflow with secrets and a write token, ` +
    "so its plan would not be the pull request's and whatever it reads from the pull request is untrusted; " +
    "plan with on: pull_request and apply with on: push to the default branch (see docs/action.md#how-the-review-is-enforced-trust)"
  );
}

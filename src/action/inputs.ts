import type { ActionRequest } from "../commands/github-action/run-action.js";
import { MODE_INPUTS, type ModeInput } from "./select-mode.js";

/**
 * Every input of action.yml, with its default, declared once; a test checks
 * action.yml against this. The runner fills defaults in, but whoever runs
 * dist/index.js by hand may not, so parseInputs applies them too.
 */
export const INPUTS = {
  "sentry-token": { description: "Sentry user auth token (empty on fork pull requests, the Action then validates only)", required: true },
  "sentry-url": { description: "Sentry base URL (regional and self-hosted servers work the same)", default: "https://sentry.io" },
  organization: { description: "Organization slug; default is the roster's organization" },
  roster: { description: "Path of the roster file, relative to the repository root", default: "roster.yaml" },
  mode: { description: "auto | validate | plan | apply; auto picks by event", default: "auto" },
  "github-token": { description: "Token for the PR comment and for finding the merged PR", default: "${{ github.token }}" },
  comment: { description: "Post the sticky PR comment", default: "true" },
  "mask-emails": { description: "Mask emails in comments and summaries (default true unless the repository is private)" },
  "require-reviewed-plan": { description: "Apply only changes reviewed in the merged PR's plan comment", default: "true" },
  "require-approval": { description: "Apply only when an approving review of the merged PR's last commit exists (and the plan comment did not change after it)", default: "false" },
  "fail-on-drift": { description: "Fail a drift report (schedule, workflow_dispatch) when Sentry differs from the roster", default: "false" },
  "drift-issue": { description: "Keep one open issue labelled sentry-roster-drift with the current drift, closed when drift clears (needs issues: write)", default: "false" },
} as const satisfies Record<string, { description: string; default?: string; required?: boolean }>;

export type InputName = keyof typeof INPUTS;

/** An input that cannot be understood; the message names it. */
export class InputError extends Error {
  override name = "InputError";
  readonly input: InputName;
  constructor(input: InputName, message: string) {
    super(`input "${input}": ${message}`);
    this.input = input;
  }
}

/** The switches the Action passes on to the command as they are (their meaning is documented on ActionRequest). */
type ActionSwitches = Pick<ActionRequest, "comment" | "maskEmails" | "requireReviewedPlan" | "requireApproval" | "failOnDrift" | "driftIssue">;

/** The Action's inputs as one typed value, parsed once at the edge. */
export interface ActionInputs extends ActionSwitches {
  /** Empty when the secret is absent (fork pull requests): only validation can run. */
  readonly sentryToken: string;
  readonly sentryUrl: string;
  /** Overrides the roster's organization; undefined = the roster's. */
  readonly organization: string | undefined;
  readonly roster: string;
  readonly mode: ModeInput;
  /** Empty when not given: no comment, no merged-PR lookup. */
  readonly githubToken: string;
}

/** Reads one input as the runner passes it (core.getInput). */
export type ReadInput = (name: InputName) => string;

/**
 * Parses every input. `sentry-token` is read without `required` so an empty
 * value (a fork PR gets no secrets) reaches the validate-only path instead of
 * crashing. `mask-emails` defaults to true unless the payload says the
 * repository is private.
 */
export function parseInputs(read: ReadInput, repositoryPrivate: boolean | undefined): ActionInputs {
  const value = (name: InputName): string => {
    const given = read(name).trim();
    const declared = INPUTS[name] as { default?: string };
    return given !== "" ? given : declared.default !== undefined && !declared.default.startsWith("${{") ? declared.default : "";
  };
  const mode = value("mode");
  if (!(MODE_INPUTS as readonly string[]).includes(mode)) {
    throw new InputError("mode", `"${mode}" is not one of ${MODE_INPUTS.join(", ")}`);
  }
  const maskEmails = value("mask-emails");
  return {
    sentryToken: value("sentry-token"),
    sentryUrl: value("sentry-url"),
    organization: value("organization") || undefined,
    roster: value("roster").replace(/^\.\/+/, ""),
    mode: mode as ModeInput,
    githubToken: value("github-token"),
    comment: parseBoolean("comment", value("comment")),
    maskEmails: maskEmails === "" ? repositoryPrivate !== true : parseBoolean("mask-emails", maskEmails),
    requireReviewedPlan: parseBoolean("require-reviewed-plan", value("require-reviewed-plan")),
    requireApproval: parseBoolean("require-approval", value("require-approval")),
    failOnDrift: parseBoolean("fail-on-drift", value("fail-on-drift")),
    driftIssue: parseBoolean("drift-issue", value("drift-issue")),
  };
}

// The YAML 1.2 core schema booleans, as core.getBooleanInput accepts them.
const TRUE = ["true", "True", "TRUE"];
const FALSE = ["false", "False", "FALSE"];

function parseBoolean(name: InputName, text: string): boolean {
  if (TRUE.includes(text)) return true;
  if (FALSE.includes(text)) return false;
  throw new InputError(name, `"${text}" is not a boolean: use true or false`);
}

import type { ActionRunOutputs } from "../commands/github-action/run-action.js";

/** Every output of action.yml, declared once; a test checks action.yml against this. */
export const OUTPUTS = {
  "has-changes": { description: "true when the plan has changes", field: "hasChanges" },
  changes: { description: "Number of changes in the plan", field: "changes" },
  skipped: { description: "Number of changes held back by a safety rule", field: "skipped" },
  drift: { description: "Number of ways Sentry differs from the roster: changes the roster would make, changes held back, members and teams it does not manage", field: "drift" },
  "has-drift": { description: "true when Sentry differs from the roster in any way (drift above 0)", field: "hasDrift" },
  digest: { description: "Plan digest (sha256 of the canonical list of changes)", field: "digest" },
  "plan-file": { description: "Path of the plan JSON (formatVersion 1) under RUNNER_TEMP", field: "planFile" },
  applied: { description: "Number of changes applied", field: "applied" },
  failed: { description: "Number of changes that failed", field: "failed" },
} as const satisfies Record<string, { description: string; field: keyof ActionRunOutputs }>;

export type OutputName = keyof typeof OUTPUTS;

/** Writes the outputs a run produced (core.setOutput); absent ones are not set. */
export function writeOutputs(setOutput: (name: OutputName, value: string) => void, outputs: ActionRunOutputs): void {
  for (const [name, { field }] of Object.entries(OUTPUTS) as [OutputName, (typeof OUTPUTS)[OutputName]][]) {
    const value = outputs[field];
    if (value !== undefined) setOutput(name, String(value));
  }
}

// What the phases child (bench/phases.ts) loads in its "load code" phase: the modules `plan` runs.
export { parseRosterText } from "../src/roster/validate-roster.js";
export { DEFAULT_POLICY } from "../src/roster/to-desired-state.js";
export { createNodeDeps } from "../src/commands/node-deps.js";
export { SILENT_LOGGER } from "../src/commands/deps.js";
export { openSentry } from "../src/commands/sentry-session.js";
export { readLiveState } from "../src/sentry/read-live-state.js";
export { computePlan } from "../src/plan/compute-plan.js";
export { renderPlanText } from "../src/render/plan-text.js";
export { toPlanJson } from "../src/plan/plan-json.js";

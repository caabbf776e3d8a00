/**
 * The reliability e2e runs use the built CLI, like users: dist/ is rebuilt
 * when older than the sources, by the same rule as vitest's global setup
 * (the full runs start outside vitest, so they call it themselves).
 */
import ensureFreshDist from "../support/fresh-dist.js";

/** Builds dist/ when it is missing or stale. */
export function ensureDistBuilt(): void {
  ensureFreshDist();
}

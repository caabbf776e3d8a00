/**
 * The reliability e2e runs use the built CLI, like users: rebuild dist/
 * when it is older than the sources (the same rule as test/e2e).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { DIST_CLI } from "../support/run-dist.js";
import { repoFile } from "./roster-fuzz.js";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when it is missing or stale. */
export function ensureDistBuilt(): void {
  if (!existsSync(DIST_CLI) || statSync(DIST_CLI).mtimeMs < newestMtime(repoFile("src"))) {
    execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: repoFile(".") });
  }
}

/**
 * Vitest global setup: the e2e tests run the built dist/ as users and the
 * runner do. When dist/ is older than the sources or the schema it bundles,
 * rebuild it once, before any test file starts: built aside, then renamed in,
 * so nothing ever runs half a file. This is for runs of vitest alone: under
 * `npm test` (SENTRY_ROSTER_DIST_CHECKED=1, set by scripts/run-checks.mjs) the
 * dist/ check runs at the same time and fails when the committed dist/ is not
 * what the sources build, so dist/ is left exactly as committed.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** What scripts/build.mjs writes: the CLI's code first, so its entry never points at code not yet in place. */
const OUTPUTS = ["cli-main.cjs", "index.js", "cli.js"];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export default function ensureFreshDist(): void {
  if (process.env["SENTRY_ROSTER_DIST_CHECKED"] === "1") return;
  const sources = Math.max(newestMtime(join(ROOT, "src")), newestMtime(join(ROOT, "schema")));
  const built = ["index.js", "cli.js", "cli-main.cjs"].map((name) => join(ROOT, "dist", name));
  if (built.every((path) => existsSync(path) && statSync(path).mtimeMs >= sources)) return;
  const aside = join(ROOT, "node_modules/.cache", `fresh-dist-${process.pid}`);
  execFileSync(process.execPath, ["scripts/build.mjs", aside], { cwd: ROOT, stdio: "inherit" });
  mkdirSync(join(ROOT, "dist"), { recursive: true });
  // The CLI's chunks of an earlier layout.
  rmSync(join(ROOT, "dist", "chunks"), { recursive: true, force: true });
  for (const name of OUTPUTS) {
    rmSync(join(ROOT, "dist", name), { recursive: true, force: true });
    renameSync(join(aside, name), join(ROOT, "dist", name));
  }
  rmSync(aside, { recursive: true, force: true });
}

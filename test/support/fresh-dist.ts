/**
 * Vitest global setup: the e2e tests run the built dist/ as users and the
 * runner do. When dist/ is older than the sources or the schema it bundles,
 * rebuild it once, before any test file starts: built aside, then renamed in,
 * so nothing ever runs half a file. (`npm test` has already checked that the
 * committed dist/ is what the sources build; this is for runs of vitest alone.)
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** What scripts/build.mjs writes: the chunks first, so the entries never point at chunks not yet in place. */
const OUTPUTS = ["chunks", "index.js", "cli.js"];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export default function ensureFreshDist(): void {
  const sources = Math.max(newestMtime(join(ROOT, "src")), newestMtime(join(ROOT, "schema")));
  const built = ["index.js", "cli.js"].map((name) => join(ROOT, "dist", name));
  if (built.every((path) => existsSync(path) && statSync(path).mtimeMs >= sources)) return;
  const aside = join(ROOT, "node_modules/.cache", `fresh-dist-${process.pid}`);
  execFileSync(process.execPath, ["scripts/build.mjs", aside], { cwd: ROOT, stdio: "inherit" });
  mkdirSync(join(ROOT, "dist"), { recursive: true });
  for (const name of OUTPUTS) {
    rmSync(join(ROOT, "dist", name), { recursive: true, force: true });
    renameSync(join(aside, name), join(ROOT, "dist", name));
  }
  rmSync(aside, { recursive: true, force: true });
}

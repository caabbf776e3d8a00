// Fails when the committed dist/ is not what the sources build: builds into a temp dir and compares bytes,
// every file both ways (dist/chunks/ included, so a stale or leftover chunk fails too).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const fresh = mkdtempSync(join(tmpdir(), "sentry-roster-dist-"));

/** Paths of the files under `dir`, relative to it. */
function files(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

try {
  execFileSync(process.execPath, [join(root, "scripts/build.mjs"), fresh], { stdio: "inherit" });
  const committedDir = join(root, "dist");
  const stale = [];
  for (const name of files(fresh)) {
    const committed = join(committedDir, name);
    if (!existsSync(committed) || !readFileSync(committed).equals(readFileSync(join(fresh, name)))) stale.push(`dist/${name}`);
  }
  const built = new Set(files(fresh));
  const leftover = existsSync(committedDir) ? files(committedDir).filter((name) => !built.has(name)) : [];
  if (stale.length > 0 || leftover.length > 0) {
    const what = [...stale, ...leftover.map((name) => `dist/${name} (no longer built)`)];
    console.error(`dist/ is not what the sources build (${what.join(", ")}). Run "npm run build" and commit dist/.`);
    process.exit(1);
  }
  console.log("dist/ matches a fresh build");
} finally {
  rmSync(fresh, { recursive: true, force: true });
}

// Fails when the committed dist/ is not what the sources build: builds into a temp dir and compares bytes.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const fresh = mkdtempSync(join(tmpdir(), "sentry-roster-dist-"));
try {
  execFileSync(process.execPath, [join(root, "scripts/build.mjs"), fresh], { stdio: "inherit" });
  const stale = [];
  for (const name of readdirSync(fresh)) {
    const committed = join(root, "dist", name);
    if (!existsSync(committed) || !readFileSync(committed).equals(readFileSync(join(fresh, name)))) stale.push(`dist/${name}`);
  }
  if (stale.length > 0) {
    console.error(`dist/ is not what the sources build (${stale.join(", ")}). Run "npm run build" and commit dist/.`);
    process.exit(1);
  }
  console.log("dist/ matches a fresh build");
} finally {
  rmSync(fresh, { recursive: true, force: true });
}

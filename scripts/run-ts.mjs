// Runs a TypeScript script (demo, bench) by bundling it with esbuild first: the same toolchain as dist/.
import { build } from "esbuild";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error("usage: node scripts/run-ts.mjs ENTRY.ts [args]");
  process.exit(1);
}
// Inside the project, so the bundle resolves the packages it leaves external.
const cache = resolve(fileURLToPath(new URL("../node_modules/.cache", import.meta.url)));
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, "run-ts-"));
const outfile = join(dir, "main.mjs");
await build({
  entryPoints: [resolve(entry)],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  packages: "external",
  logLevel: "warning",
});
process.argv = [process.argv[0], resolve(entry), ...rest];
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
await import(pathToFileURL(outfile).href);

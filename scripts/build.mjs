// Bundles the Action and the CLI into dist/. Deterministic: no timestamps.
// dist/index.js (the Action) is one file. The CLI is its code as one CommonJS file (dist/cli-main.cjs), where
// each command's modules are evaluated only when it runs, and a small entry (dist/cli.js) that runs that file
// with a V8 code cache (src/cli/code-cache.ts, docs/benchmarks.md); the entry carries the file's content hash.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { chmod, readFile, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { bundlePlugins } from "./bundle-plugins.mjs";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const outdir = process.argv[2] ? resolve(process.argv[2]) : resolve(root, "dist");

// Bundled CommonJS (e.g. @actions/core's dependencies) calls require(); ESM has none.
const requireShim = 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);';

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: "node",
  target: "node22",
  format: "esm",
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
  // Escapes in strings and identifiers instead of UTF-8: the CLI's entry reads its code as latin1,
  // a one-byte string with no decoding (src/cli/code-cache.ts).
  charset: "ascii",
  // The generated schema validator, and Node's modules loaded only when used (scripts/bundle-plugins.mjs).
  plugins: bundlePlugins(root),
};

await build({ ...common, entryPoints: ["src/action/index.ts"], outfile: resolve(outdir, "index.js"), banner: { js: requireShim } });
// Chunks of the layout before dist/cli-main.cjs would linger.
await rm(resolve(outdir, "chunks"), { recursive: true, force: true });
const cliMain = resolve(outdir, "cli-main.cjs");
// CommonJS: V8's code cache API takes a script, not a module. Without splitting, esbuild wraps the modules
// each command imports dynamically in lazy initialisers, so a command still evaluates only its own.
await build({ ...common, entryPoints: ["src/cli/index.ts"], outfile: cliMain, format: "cjs" });
const cliMainHash = createHash("sha256").update(await readFile(cliMain)).digest("hex").slice(0, 16);
const cli = resolve(outdir, "cli.js");
await build({
  ...common,
  entryPoints: ["src/cli/bin.ts"],
  outfile: cli,
  define: { CLI_MAIN_HASH: JSON.stringify(cliMainHash) },
  // The shebang goes on the entry only.
  banner: { js: "#!/usr/bin/env node" },
});
await chmod(cli, 0o755);

// Bundles the Action and the CLI into dist/. Deterministic: no timestamps, no hashes.
import { build } from "esbuild";
import { chmod } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";

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
  charset: "utf8",
};

await build({ ...common, entryPoints: ["src/action/index.ts"], outfile: resolve(outdir, "index.js"), banner: { js: requireShim } });
await build({
  ...common,
  entryPoints: ["src/cli/index.ts"],
  outfile: resolve(outdir, "cli.js"),
  banner: { js: `#!/usr/bin/env node\n${requireShim}` },
});
await chmod(resolve(outdir, "cli.js"), 0o755);

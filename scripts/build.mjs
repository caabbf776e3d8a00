// Bundles the Action and the CLI into dist/. Deterministic: no timestamps; chunk names carry a content hash only.
// dist/index.js (the Action) is one file. dist/cli.js is a small entry that loads the CLI's chunks
// (dist/chunks/), one per command, so each command evaluates only the code it uses (docs/benchmarks.md).
import { build } from "esbuild";
import { chmod, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { lazyHttp2Plugin } from "./lazy-http2.mjs";
import { rosterValidatorPlugin } from "./roster-validator-code.mjs";

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
  // The roster schema's validator as code generated now, instead of ajv compiling the schema at every start.
  // Node's HTTP/2 module only when undici uses it, which it never does here (scripts/lazy-http2.mjs).
  plugins: [rosterValidatorPlugin(root), lazyHttp2Plugin(root)],
};

await build({ ...common, entryPoints: ["src/action/index.ts"], outfile: resolve(outdir, "index.js"), banner: { js: requireShim } });
// Chunks of an earlier build would linger under other hashes.
await rm(resolve(outdir, "chunks"), { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { cli: "src/cli/bin.ts" },
  outdir,
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  banner: { js: requireShim },
});
// The shebang goes on the entry only (esbuild's banner would put it on every chunk).
const { readFile, writeFile } = await import("node:fs/promises");
const cli = resolve(outdir, "cli.js");
await writeFile(cli, `#!/usr/bin/env node\n${await readFile(cli, "utf8")}`);
await chmod(cli, 0o755);

// The esbuild plugins every bundle of the project's code uses: dist/ (scripts/build.mjs) and the
// bench's own bundles (bench/measure.ts), so the bench measures what users run.
import { lazyNodeHttpPlugin } from "./lazy-node-http.mjs";
import { lazyNodeStandInsPlugin } from "./lazy-node-stand-ins.mjs";
import { rosterValidatorPlugin } from "./roster-validator-code.mjs";

/**
 * A dynamic import() of a Node module (node:zlib for a compressed answer, node:fs/promises
 * to write a file, node:readline/promises to ask) becomes a require made when it runs. The
 * CLI's code runs in a vm.Script for its code cache (src/cli/code-cache.ts), where a real
 * import() works but has Node print an ExperimentalWarning (vm.USE_MAIN_CONTEXT_DEFAULT_LOADER)
 * on stderr; the bundle keeps no import() of its own.
 */
function nodeModulesRequiredWhenImported() {
  return {
    name: "node-modules-required-when-imported",
    setup(plugin) {
      plugin.onResolve({ filter: /^node:/ }, (args) =>
        args.kind === "dynamic-import" ? { path: args.path, namespace: "node-module-required" } : undefined,
      );
      plugin.onLoad({ filter: /.*/, namespace: "node-module-required" }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(args.path)});`,
        loader: "js",
      }));
    },
  };
}

/**
 * - Node's modules imported dynamically, required instead (nodeModulesRequiredWhenImported).
 * - The roster schema's validator as code generated at build time, instead of ajv compiling
 *   the schema at every start (scripts/roster-validator-code.mjs).
 * - Node's HTTP/2 and assert modules only when undici uses them: never for HTTP/2 here, for
 *   assert only when one of its checks fails (scripts/lazy-node-stand-ins.mjs).
 * - Node's HTTP module only when undici reads from it, which the transport's options avoid
 *   (scripts/lazy-node-http.mjs).
 */
export function bundlePlugins(root) {
  return [nodeModulesRequiredWhenImported(), rosterValidatorPlugin(root), lazyNodeStandInsPlugin(root), lazyNodeHttpPlugin(root)];
}

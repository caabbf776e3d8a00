// The esbuild plugins every bundle of the project's code uses: dist/ (scripts/build.mjs) and the
// bench's own bundles (bench/measure.ts), so the bench measures what users run.
import { lazyNodeHttpPlugin } from "./lazy-node-http.mjs";
import { lazyNodeStandInsPlugin } from "./lazy-node-stand-ins.mjs";
import { rosterValidatorPlugin } from "./roster-validator-code.mjs";

/**
 * - The roster schema's validator as code generated at build time, instead of ajv compiling
 *   the schema at every start (scripts/roster-validator-code.mjs).
 * - Node's HTTP/2 and assert modules only when undici uses them: never for HTTP/2 here, for
 *   assert only when one of its checks fails (scripts/lazy-node-stand-ins.mjs).
 * - Node's HTTP module only when undici reads from it, which the transport's options avoid
 *   (scripts/lazy-node-http.mjs).
 */
export function bundlePlugins(root) {
  return [rosterValidatorPlugin(root), lazyNodeStandInsPlugin(root), lazyNodeHttpPlugin(root)];
}

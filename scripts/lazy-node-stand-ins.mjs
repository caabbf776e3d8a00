// Stand-ins for Node modules that dist/ would otherwise load at start-up, before they are
// used (docs/benchmarks.md). Each stand-in loads the real module on first use.
//
// - node:http2, in undici's dispatcher/client-h2.js, for HTTP/2 that the transport never turns
//   on (its agent leaves allowH2 off). Loading Node's HTTP/2 module cost a few ms of every
//   plan, apply and export. The stand-in has the constants client-h2.js reads when it loads
//   (header names and protocol numbers, taken from node:http2 at build time) and a connect()
//   that loads the real module.
// - node:assert, in most of undici's files, which call assert(value[, message]) to check their
//   own invariants, never one of its methods. Loading it (with Node's assertion-error, diff and
//   colour modules) cost about 2 ms of every command that reaches Sentry. The stand-in passes a
//   true value and hands a false one to the real assert, which throws as it always did.
// - node:crypto, in src/plan/change-id.ts, for the SHA-256 of each change: 3 to 6 ms on http
//   before the first request. The stand-in's createHash loads it; the plan command has it
//   loaded while its first requests wait for Sentry (src/commands/plan.ts).
//
// The stand-ins are checked against the importing files at every build: if one reads these
// modules otherwise, the build fails and names this file.
import { readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { constants } from "node:http2";

/** The project's own undici (the transport's); the Actions toolkit's copies are left as they are. */
const UNDICI = join("node_modules", "undici", "lib");
const UNDICI_H2 = join(UNDICI, "dispatcher", "client-h2.js");
const CHANGE_ID = join("src", "plan", "change-id.ts");

function buildFails(what) {
  return new Error(`lazy-node-stand-ins: ${what}: review scripts/lazy-node-stand-ins.mjs`);
}

/** The names in client-h2.js's `const { constants: { … } } = http2`; the build fails if it reads them otherwise. */
function constantsRead(source) {
  const block = /const \{\s*constants: \{([^}]*)\}\s*\} = http2/.exec(source);
  if (!block) throw buildFails("undici's client-h2.js no longer reads http2.constants as expected");
  return block[1]
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
}

/** The node:http2 stand-in's source (CommonJS, as undici's own files). */
function lazyHttp2Code(names) {
  const picked = Object.fromEntries(names.map((name) => [name, constants[name]]));
  return [
    "let http2;",
    `module.exports = {`,
    `  constants: ${JSON.stringify(picked)},`,
    `  connect: (...args) => (http2 ??= require("node:http2")).connect(...args),`,
    `};`,
  ].join("\n");
}

/**
 * Checks that undici's file `path` (relative to the project) only calls the assert it requires;
 * throws otherwise. Exported for scripts/lazy-node-stand-ins.test.ts.
 */
export function checkAssertCallsOnly(path, source) {
  const bindings = [...source.matchAll(/^(.*)require\('node:assert'\)(.*)$/gm)];
  for (const [line, before, after] of bindings) {
    if (before !== "const assert = " || after !== "")
      throw buildFails(`undici's ${path} requires node:assert otherwise than as \`const assert = require('node:assert')\` (${line.trim()})`);
  }
  const member = /\bassert\s*\.\s*\w+/.exec(source);
  if (member) throw buildFails(`undici's ${path} uses ${member[0]}, which the stand-in for node:assert does not have`);
}

/** The node:assert stand-in's source: assert(value[, message]) only. Exported for its test. */
export const LAZY_ASSERT_CODE = [
  "let assert;",
  "module.exports = function assertWhenFalse(value, message) {",
  '  if (!value) (assert ??= require("node:assert"))(value, message);',
  "};",
].join("\n");

/** Checks that src/plan/change-id.ts takes createHash alone from node:crypto; throws otherwise. Exported for its test. */
export function checkCreateHashOnly(source) {
  const imports = [...source.matchAll(/^import .* from "node:crypto";$/gm)].map(([line]) => line);
  if (imports.length !== 1 || imports[0] !== 'import { createHash } from "node:crypto";')
    throw buildFails(`${CHANGE_ID} no longer imports just createHash from node:crypto (${imports.join(" ") || "no import"})`);
}

/** The node:crypto stand-in's source: createHash only. Exported for its test. */
export const LAZY_CRYPTO_CODE = [
  "let crypto;",
  'module.exports = { createHash: (...args) => (crypto ??= require("node:crypto")).createHash(...args) };',
].join("\n");

/** The esbuild plugin: node:http2 and node:assert for undici, and node:crypto for the change ids, resolve to their stand-ins. */
export function lazyNodeStandInsPlugin(root) {
  return {
    name: "lazy-node-stand-ins",
    setup(plugin) {
      // Paths of no folder, so the bundle names no build machine's folders (dist/ is deterministic).
      plugin.onResolve({ filter: /^node:(http2|assert|crypto)$/ }, (args) => {
        const importer = relative(root, args.importer);
        if (args.path === "node:crypto" && importer === CHANGE_ID) {
          checkCreateHashOnly(readFileSync(args.importer, "utf8"));
          return { path: "node-crypto", namespace: "lazy-node-stand-ins" };
        }
        if (args.path === "node:http2" && importer === UNDICI_H2)
          return { path: "node-http2", namespace: "lazy-node-stand-ins", pluginData: args.importer };
        if (args.path === "node:assert" && importer.startsWith(UNDICI + sep)) {
          checkAssertCallsOnly(importer, readFileSync(args.importer, "utf8"));
          return { path: "node-assert", namespace: "lazy-node-stand-ins" };
        }
        return undefined;
      });
      plugin.onLoad({ filter: /.*/, namespace: "lazy-node-stand-ins" }, (args) => ({
        contents:
          args.path === "node-http2"
            ? lazyHttp2Code(constantsRead(readFileSync(args.pluginData, "utf8")))
            : args.path === "node-crypto"
              ? LAZY_CRYPTO_CODE
              : LAZY_ASSERT_CODE,
        loader: "js",
      }));
    },
  };
}

// Stand-ins for two Node modules undici requires when it loads, so that dist/ loads them only
// when undici uses them (docs/benchmarks.md). Each stand-in loads the real module on first use.
//
// - node:http2, in dispatcher/client-h2.js, for HTTP/2 that the transport never turns on (its
//   agent leaves allowH2 off). Loading Node's HTTP/2 module cost a few ms of every plan, apply
//   and export. The stand-in has the constants client-h2.js reads when it loads (header names
//   and protocol numbers, taken from node:http2 at build time) and a connect() that loads the
//   real module.
// - node:assert, in most of undici's files, which call assert(value[, message]) to check their
//   own invariants, never one of its methods. Loading it (with Node's assertion-error, diff and
//   colour modules) cost about 2 ms of every command that reaches Sentry. The stand-in passes a
//   true value and hands a false one to the real assert, which throws as it always did.
//
// The stand-ins are checked against undici's text at every build: if undici reads these
// modules otherwise, the build fails and names this file.
import { readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { constants } from "node:http2";

/** The project's own undici (the transport's); the Actions toolkit's copies are left as they are. */
const UNDICI = join("node_modules", "undici", "lib");
const UNDICI_H2 = join(UNDICI, "dispatcher", "client-h2.js");

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

/** The esbuild plugin: node:http2 and node:assert, when undici asks for them, resolve to their stand-ins. */
export function lazyNodeStandInsPlugin(root) {
  return {
    name: "lazy-node-stand-ins",
    setup(plugin) {
      // Paths of no folder, so the bundle names no build machine's folders (dist/ is deterministic).
      plugin.onResolve({ filter: /^node:(http2|assert)$/ }, (args) => {
        const importer = relative(root, args.importer);
        if (args.path === "node:http2" && importer === UNDICI_H2)
          return { path: "node-http2", namespace: "lazy-node-stand-ins", pluginData: args.importer };
        if (args.path === "node:assert" && importer.startsWith(UNDICI + sep)) {
          checkAssertCallsOnly(importer, readFileSync(args.importer, "utf8"));
          return { path: "node-assert", namespace: "lazy-node-stand-ins" };
        }
        return undefined;
      });
      plugin.onLoad({ filter: /.*/, namespace: "lazy-node-stand-ins" }, (args) => ({
        contents: args.path === "node-http2" ? lazyHttp2Code(constantsRead(readFileSync(args.pluginData, "utf8"))) : LAZY_ASSERT_CODE,
        loader: "js",
      }));
    },
  };
}

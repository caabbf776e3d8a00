// undici requires node:http2 when it loads (dispatcher/client-h2.js), for HTTP/2 that the
// transport never turns on (its agent leaves allowH2 off), and loading Node's HTTP/2 module
// costs a few ms of every plan, apply and export (docs/benchmarks.md). In dist/, that require
// gets a stand-in: the constants client-h2.js reads when it loads (header names and protocol
// numbers, taken from node:http2 at build time), and a connect() that loads the real module
// on first use.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { constants } from "node:http2";

/** The project's own undici (the transport's); the Actions toolkit's copies are left as they are. */
const UNDICI_H2 = join("node_modules", "undici", "lib", "dispatcher", "client-h2.js");

/** The names in client-h2.js's `const { constants: { … } } = http2`; the build fails if it reads them otherwise. */
function constantsRead(source) {
  const block = /const \{\s*constants: \{([^}]*)\}\s*\} = http2/.exec(source);
  if (!block)
    throw new Error(
      "lazy-http2: undici's client-h2.js no longer reads http2.constants as expected: review scripts/lazy-http2.mjs",
    );
  return block[1]
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
}

/** The stand-in's source (CommonJS, as undici's own files). */
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

/** The esbuild plugin: node:http2, when undici's HTTP/2 client asks for it, resolves to the stand-in. */
export function lazyHttp2Plugin(root) {
  return {
    name: "lazy-http2",
    setup(plugin) {
      plugin.onResolve({ filter: /^node:http2$/ }, (args) =>
        // A path of no folder, so the bundle names no build machine's folders (dist/ is deterministic).
        relative(root, args.importer) === UNDICI_H2
          ? { path: "node-http2", namespace: "lazy-http2", pluginData: args.importer }
          : undefined,
      );
      plugin.onLoad({ filter: /.*/, namespace: "lazy-http2" }, (args) => ({
        contents: lazyHttp2Code(constantsRead(readFileSync(args.pluginData, "utf8"))),
        loader: "js",
      }));
    },
  };
}

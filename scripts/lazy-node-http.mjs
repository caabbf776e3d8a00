// undici requires node:http when it loads, in two files, for two values the transport never
// needs: core/util.js for the IncomingMessage class (destroy() unhooks the socket of a Node
// HTTP response before destroying it; the transport's bodies are strings), and
// dispatcher/client.js for node:http's maxHeaderSize, its default header limit (the transport
// sets its own, src/commands/undici-transport.ts). Loading Node's HTTP module took about 4 ms
// of every plan, apply and export, before the first request (docs/benchmarks.md). In dist/,
// both files read node:http only when they use it. The edits are exact: if undici's text
// changes, the build fails and names this file.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** The project's own undici (the transport's); the Actions toolkit's copies are left as they are. */
const UNDICI = join("node_modules", "undici", "lib");

/** Each file's edits: text found exactly once, and what replaces it. */
export const NODE_HTTP_EDITS = {
  [join(UNDICI, "core", "util.js")]: [
    ["const { IncomingMessage } = require('node:http')\n", ""],
    [
      "Object.getPrototypeOf(stream).constructor === IncomingMessage",
      // Only node:http makes an IncomingMessage, so for one it has loaded already.
      "Object.getPrototypeOf(stream).constructor?.name === 'IncomingMessage' && Object.getPrototypeOf(stream).constructor === require('node:http').IncomingMessage",
    ],
  ],
  [join(UNDICI, "dispatcher", "client.js")]: [
    ["const http = require('node:http')\n", ""],
    [
      [
        "const getDefaultNodeMaxHeaderSize = http &&",
        "  http.maxHeaderSize &&",
        "  Number.isInteger(http.maxHeaderSize) &&",
        "  http.maxHeaderSize > 0",
        "  ? () => http.maxHeaderSize",
        "  : () => { throw new InvalidArgumentError('http module not available or http.maxHeaderSize invalid') }",
      ].join("\n"),
      [
        "const getDefaultNodeMaxHeaderSize = () => {",
        "  const http = require('node:http')",
        "  if (http && Number.isInteger(http.maxHeaderSize) && http.maxHeaderSize > 0) return http.maxHeaderSize",
        "  throw new InvalidArgumentError('http module not available or http.maxHeaderSize invalid')",
        "}",
      ].join("\n"),
    ],
  ],
};

/** `source` (the file at `path`, relative to the project) with its edits; throws when one does not fit. */
export function withLazyNodeHttp(path, source) {
  let edited = source;
  for (const [found, replacement] of NODE_HTTP_EDITS[path] ?? []) {
    const at = edited.indexOf(found);
    if (at < 0 || edited.indexOf(found, at + 1) >= 0)
      throw new Error(`lazy-node-http: undici's ${path} no longer reads node:http as expected: review scripts/lazy-node-http.mjs`);
    edited = edited.slice(0, at) + replacement + edited.slice(at + found.length);
  }
  return edited;
}

/** The esbuild plugin: the two undici files load with their edits. */
export function lazyNodeHttpPlugin(root) {
  return {
    name: "lazy-node-http",
    setup(plugin) {
      plugin.onLoad({ filter: /[\\/]undici[\\/]lib[\\/](core[\\/]util|dispatcher[\\/]client)\.js$/ }, (args) => {
        const path = relative(root, args.path);
        if (!(path in NODE_HTTP_EDITS)) return undefined;
        return { contents: withLazyNodeHttp(path, readFileSync(args.path, "utf8")), loader: "js" };
      });
    },
  };
}

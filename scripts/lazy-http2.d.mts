import type { Plugin } from "esbuild";

/** The esbuild plugin that gives undici's HTTP/2 client a stand-in for node:http2 (scripts/lazy-http2.mjs). */
export function lazyHttp2Plugin(root: string): Plugin;

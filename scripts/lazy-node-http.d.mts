import type { Plugin } from "esbuild";

/** Each edited undici file (relative to the project) and its edits: text found exactly once, and its replacement. */
export const NODE_HTTP_EDITS: Readonly<Record<string, readonly (readonly [string, string])[]>>;
/** `source` (the file at `path`, relative to the project) with its edits; throws when one does not fit (scripts/lazy-node-http.mjs). */
export function withLazyNodeHttp(path: string, source: string): string;
/** The esbuild plugin that has undici read node:http only when it uses it (scripts/lazy-node-http.mjs). */
export function lazyNodeHttpPlugin(root: string): Plugin;

import type { Plugin } from "esbuild";

/** Throws when undici's file `path` uses node:assert otherwise than by calling it (scripts/lazy-node-stand-ins.mjs). */
export function checkAssertCallsOnly(path: string, source: string): void;
/** The esbuild plugin that gives undici stand-ins for node:http2 and node:assert (scripts/lazy-node-stand-ins.mjs). */
export function lazyNodeStandInsPlugin(root: string): Plugin;
/** The source of the stand-in for node:assert (CommonJS). */
export const LAZY_ASSERT_CODE: string;

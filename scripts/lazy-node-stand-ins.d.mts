import type { Plugin } from "esbuild";

/** Throws when undici's file `path` uses node:assert otherwise than by calling it (scripts/lazy-node-stand-ins.mjs). */
export function checkAssertCallsOnly(path: string, source: string): void;
/** Throws when src/plan/change-id.ts takes anything but createHash from node:crypto (scripts/lazy-node-stand-ins.mjs). */
export function checkCreateHashOnly(source: string): void;
/** The source of the stand-in for node:crypto (CommonJS). */
export const LAZY_CRYPTO_CODE: string;
/** The esbuild plugin with the stand-ins for node:http2, node:assert and node:crypto (scripts/lazy-node-stand-ins.mjs). */
export function lazyNodeStandInsPlugin(root: string): Plugin;
/** The source of the stand-in for node:assert (CommonJS). */
export const LAZY_ASSERT_CODE: string;

import type { Plugin } from "esbuild";

/** The esbuild plugins of every bundle of the project's code (scripts/bundle-plugins.mjs). */
export function bundlePlugins(root: string): Plugin[];

// The CLI's entry point (dist/cli.js). It runs the CLI's code (dist/cli-main.cjs)
// with a V8 code cache written after the run, so later starts skip compiling it
// (src/cli/code-cache.ts, docs/cli.md#start-up): the cache lives in the system's
// temporary directory (NODE_COMPILE_CACHE moves it, NODE_DISABLE_COMPILE_CACHE=1
// turns it off), never in the user's project.
import { fileURLToPath } from "node:url";
import { codeCacheFile, runWithCodeCache } from "./code-cache.js";

/** Content hash of dist/cli-main.cjs, set by scripts/build.mjs. */
declare const CLI_MAIN_HASH: string;

runWithCodeCache(
  fileURLToPath(new URL("./cli-main.cjs", import.meta.url)),
  codeCacheFile(process.env, { codeHash: CLI_MAIN_HASH, command: process.argv[2] }),
);

// The CLI's entry point (dist/cli.js). It turns on Node's compile cache before
// loading the rest, so later starts reuse the compiled code (docs/cli.md#start-up):
// the cache lives in the system's temporary directory (NODE_COMPILE_CACHE moves
// it, NODE_DISABLE_COMPILE_CACHE=1 turns it off), never in the user's project.
import nodeModule from "node:module";
import { keepYoungGenerationSmall } from "../commands/young-generation.js";

// Optional: Node 22.0 has no compile cache.
nodeModule.enableCompileCache?.();
// Before any allocation worth the name: it bounds apply's and plan's peak memory.
keepYoungGenerationSmall();
await import("./index.js");

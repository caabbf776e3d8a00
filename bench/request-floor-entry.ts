// Entry of the request-floor child (bench/request-floor.ts): runs its bundle with a V8 code
// cache, as dist/cli.js runs the CLI (src/cli/code-cache.ts), so both start alike.
// Arguments: the bundle, the cache file, then the child's JSON configuration.
import { runWithCodeCache } from "../src/cli/code-cache.js";

runWithCodeCache(process.argv[2]!, process.argv[3]);

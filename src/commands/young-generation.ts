// How much memory V8 keeps for new objects: the CLI and the Action stop it
// from growing once their code is loaded (docs/benchmarks.md).
//
// V8 doubles its young generation (the "new space" where every object starts)
// each time many objects survive a minor GC, up to a limit that grows with the
// machine's memory. Reading an org keeps every member it parses, so at 10,000
// members the young generation grew to 64 MB committed during the first
// reading and to 128 MB during apply's second one, and the response buffers
// it held on to kept their memory outside the heap as long: that was most of
// apply's peak RSS, while the objects alive took 30 to 75 MB.
//
// The size it keeps is the one start-up gave it (one or two MB per
// semi-space), which is why this runs after the command's code is loaded and
// not at the very start: measured at 10,000 x 200, a semi-space of 2 to 4 MB
// gave the lowest peak (apply 166 -> 114 MB, plan 142 -> 109 MB); 1 MB sent
// short-lived objects to the old generation (apply 157 MB, more CPU time),
// and starting that small cost validate's cold start 8 % more CPU.
//
// V8 records its flags in a code cache and rejects a cache made under others.
// The CLI writes its cache at exit (src/cli/code-cache.ts) for the next start
// to read before this has run, so the factor is put back to V8's own first
// thing at exit, ahead of the listener that writes the cache.
//
// Node's own flag for this (--max-semi-space-size) is read only when the heap
// is made, which is before any code of ours runs and out of our hands for the
// Action (the runner starts node), so the growth factor is set at run time
// instead: V8 reads it each time it would grow, and Node builds V8 without
// freezing flags after start (--no-freeze-flags-after-init).
import { setFlagsFromString } from "node:v8";

/** V8's own growth factor (`node --v8-options`), the one in force when a code cache is read. */
export const V8_SEMI_SPACE_GROWTH_FACTOR = 2;

/** Stops V8 from growing the young generation until the process exits. */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString("--semi-space-growth-factor=1");
  process.prependOnceListener("exit", () => setFlagsFromString(`--semi-space-growth-factor=${V8_SEMI_SPACE_GROWTH_FACTOR}`));
}

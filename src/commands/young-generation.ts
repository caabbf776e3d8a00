// How much memory V8 keeps for new objects, set by the CLI's and the Action's
// entries before they load anything else (docs/benchmarks.md).
//
// V8 doubles its young generation (the "new space" where every object starts)
// each time many objects survive a minor GC, up to a limit that grows with the
// machine's memory. Reading an org keeps every member it parses, so at 10,000
// members the young generation grew to 64 MB committed during the first
// reading and to 128 MB during apply's second one, while all the objects alive
// took 30 to 75 MB: it was most of apply's peak RSS. Kept at its starting size
// (2 MB), survivors go to the old generation sooner instead. Measured at
// 10,000 x 200 (docs/benchmarks.md): median peak RSS of apply 217 -> 149 MB and
// of plan 171 -> 141 MB, for 4 to 11 % more CPU time and the same wall time.
//
// Node's own flag for this (--max-semi-space-size) is read only when the heap
// is made, which is before any code of ours runs and out of our hands for the
// Action (the runner starts node), so the growth factor is set at run time
// instead: V8 reads it each time it would grow, and Node builds V8 without
// freezing flags after start (--no-freeze-flags-after-init).
import { setFlagsFromString } from "node:v8";

/** Stops V8 from growing the young generation for the rest of this process. */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString("--semi-space-growth-factor=1");
}

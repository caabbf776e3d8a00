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
// For plan and apply, start-up's 2 MB semi-spaces come from loading node:crypto
// for the change ids: loading it later left 1 MB, and a 10,000-member plan
// peaked at 133 MB instead of 110 MB (test/e2e/memory.test.ts pins the size).
//
// The factor is a V8 flag, set at run time and put back to V8's own value
// at exit so the CLI's code cache matches the next start (src/commands/v8-flags.ts).
// Node's own flag for this (--max-semi-space-size) is read only when the heap
// is made, before any code of ours runs.
import { setV8FlagUntilExit } from "./v8-flags.js";

/** Stops V8 from growing the young generation until the process exits. */
export function keepYoungGenerationSmall(): void {
  setV8FlagUntilExit("semi-space-growth-factor", 1);
}

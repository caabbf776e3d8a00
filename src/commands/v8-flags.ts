// The V8 flags the CLI and the Action change while they run, and V8's own
// values of them (docs/benchmarks.md).
//
// V8 records its flags in a code cache and rejects a cache made under others.
// The CLI writes its cache at exit (src/cli/code-cache.ts) for the next start
// to read before any of these is set, so each is put back to V8's own value
// first thing at exit, ahead of the listener that writes the cache; without
// that, every run of a command found its cache rejected and wrote it again.
//
// Node's command-line flags would be read only when V8 starts, which is before
// any code of ours runs and out of our hands for the Action (the runner starts
// node), so they are set at run time instead: V8 reads each of these when it
// next needs it, and Node builds V8 without freezing flags after start
// (--no-freeze-flags-after-init).
import { setFlagsFromString } from "node:v8";

/** V8's own values (`node --v8-options`) of the flags set here; src/commands/v8-flags.test.ts pins them. */
export const V8_DEFAULTS = {
  /** How much V8 grows the young generation each time (src/commands/young-generation.ts); 2 since long before Node 20. */
  "semi-space-growth-factor": 2,
  /** WebAssembly code run before a function is recompiled by the optimizing compiler (src/commands/undici-transport.ts). */
  "wasm-tiering-budget": 13_000_000,
} as const;

export type V8Flag = keyof typeof V8_DEFAULTS;

/**
 * The V8 (major.minor) whose defaults V8_DEFAULTS records: the project's Node 24, which
 * the Action also runs on. A test checks it is the V8 the suite runs on, so moving to
 * another Node means reading the defaults again.
 */
export const V8_DEFAULTS_READ_FROM = "13.6";

/**
 * Flags whose default has changed between the V8 versions Node ships (the tiering
 * budget was 1,800,000 in Node 20's V8): they are set only on the V8 the defaults were
 * read from, since putting back a value that is not V8's own would have V8 reject the
 * CLI's code cache at every start. Elsewhere the run goes on with V8's own value.
 */
const DEFAULT_VARIES_ACROSS_V8: ReadonlySet<V8Flag> = new Set(["wasm-tiering-budget"]);

const restoredAtExit = new Set<V8Flag>();

/**
 * Sets `--name=value` until the process exits; at exit V8's own value goes back before
 * anything else runs. False when the flag is left alone on this V8 (DEFAULT_VARIES_ACROSS_V8).
 */
export function setV8FlagUntilExit(name: V8Flag, value: number, v8Version = process.versions.v8): boolean {
  if (DEFAULT_VARIES_ACROSS_V8.has(name) && !v8Version.startsWith(`${V8_DEFAULTS_READ_FROM}.`)) return false;
  setFlagsFromString(`--${name}=${value}`);
  if (restoredAtExit.has(name)) return true;
  restoredAtExit.add(name);
  process.prependOnceListener("exit", () => setFlagsFromString(`--${name}=${V8_DEFAULTS[name]}`));
  return true;
}

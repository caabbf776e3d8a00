// Runs the CLI's code (dist/cli-main.cjs) with a V8 code cache written after the run
// (docs/cli.md#start-up).
//
// Node's own compile cache stores what V8 compiled before a module ran: the functions
// compiled lazily while it runs (the roster checks, the HTTP client, the plan) were
// compiled again on every start, most of what a small plan spent around its requests
// (docs/benchmarks.md). A `vm.Script`'s cache taken at exit holds those too. One cache
// file per command, as each command runs different code; written only when there was
// none or V8 rejected it (another Node, other V8 flags), so later runs only read it.
//
// The cache holds compiled code of the CLI only: V8's code cache keeps no values the
// code computed (no roster, no token). It lives in a private directory (mode 0700,
// owned by this user) under the system's temporary directory, or under
// NODE_COMPILE_CACHE, never in the user's project; NODE_DISABLE_COMPILE_CACHE=1 turns it
// off. Any failure to read or write it only means compiling as usual.
import type * as NodeFs from "node:fs";
import { createRequire } from "node:module";
import type * as NodeOs from "node:os";
import type * as NodePath from "node:path";
import type * as NodeVm from "node:vm";

// Node's modules through require, not import: an ES import of node:fs makes Node read every
// export of it, node:fs/promises included, whose load (with Node's readline and watchers)
// took about a millisecond of every start (docs/benchmarks.md).
const requireNode = createRequire(import.meta.url);
const { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = requireNode("node:fs") as typeof NodeFs;
const { tmpdir } = requireNode("node:os") as typeof NodeOs;
const { dirname, join } = requireNode("node:path") as typeof NodePath;
const { Script, constants } = requireNode("node:vm") as typeof NodeVm;

/** What the cache depends on besides V8 (which checks its own version and flags). */
export interface CodeCacheKey {
  /** Content hash of the code, fixed when the package is built. */
  readonly codeHash: string;
  /** The command about to run (`plan`…), or anything else for the rest. */
  readonly command: string | undefined;
}

/** The cache file for this code, Node and command; undefined when caching is off. */
export function codeCacheFile(env: NodeJS.ProcessEnv, key: CodeCacheKey): string | undefined {
  if (env["NODE_DISABLE_COMPILE_CACHE"] !== undefined && env["NODE_DISABLE_COMPILE_CACHE"] !== "") return undefined;
  const base = env["NODE_COMPILE_CACHE"] || tmpdir();
  const command = key.command !== undefined && /^[a-z]{1,12}$/.test(key.command) ? key.command : "other";
  const name = `${key.codeHash}-${process.version}-${process.arch}-${command}.bin`;
  return join(base, "sentry-roster", name);
}

/** The directory exists, is ours and nobody else can write into it (else its files are not trusted). */
function isPrivateDirectory(directory: string): boolean {
  const stat = statSync(directory, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) return false;
  const uid = process.getuid?.();
  // Windows has no uid nor these mode bits; its temporary directory is the user's own.
  if (uid === undefined) return true;
  return stat.uid === uid && (stat.mode & 0o022) === 0;
}

function readCache(file: string): Buffer | undefined {
  try {
    return isPrivateDirectory(dirname(file)) ? readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

/** Written aside then renamed in, so a concurrent run reads the old file or the new one, never half. */
function writeCache(file: string, data: Buffer): void {
  const directory = dirname(file);
  const aside = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    if (!isPrivateDirectory(directory)) return;
    writeFileSync(aside, data, { mode: 0o600 });
    renameSync(aside, file);
  } catch {
    try {
      rmSync(aside, { force: true });
    } catch {
      // Nothing more to do: the next run compiles as usual.
    }
  }
}

/**
 * Runs `file` (a CommonJS bundle) as Node would `require` it, with the code cache
 * `cacheFile` when there is one; at exit, writes the cache when it was missing or rejected.
 */
export function runWithCodeCache(file: string, cacheFile: string | undefined): void {
  const cached = cacheFile === undefined ? undefined : readCache(cacheFile);
  // The bundle is ASCII (scripts/build.mjs builds it with esbuild's ascii charset), so latin1 reads
  // the same text as UTF-8 would, straight into a one-byte string: decoding its 1 MB as UTF-8 took
  // about 2 ms of every start (docs/benchmarks.md).
  const source = readFileSync(file, "latin1");
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cached === undefined ? {} : { cachedData: cached }),
    // The bundle keeps no import() (scripts/bundle-plugins.mjs; a dist test checks): one would still
    // resolve as in any module, but Node would print an ExperimentalWarning for it.
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (cacheFile !== undefined && (cached === undefined || script.cachedDataRejected === true)) {
    // At exit, so the cache also holds every function this run compiled lazily.
    process.once("exit", () => writeCache(cacheFile, script.createCachedData()));
  }
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  const module = { exports: {} };
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
}

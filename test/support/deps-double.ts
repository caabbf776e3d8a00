/**
 * The one test double of `Deps` (src/commands/deps.ts): files in memory (or
 * read from disk), a fixed clock, sleeps that return at once, and a record of
 * what the command wrote and reported. Tests that need the real world use
 * createNodeDeps instead.
 */
import { readFile } from "node:fs/promises";
import type { Deps } from "../../src/commands/deps.js";

/** 2026-11-23T12:00:00Z: the clock every double starts at unless told otherwise. */
export const DOUBLE_NOW = Date.parse("2026-11-23T12:00:00.000Z");

export interface DepsDoubleOptions {
  /** The transport, usually a fake Sentry's (in-memory `fetch`, or globalThis.fetch for a loopback one). */
  readonly fetch?: typeof globalThis.fetch;
  /** Files the command may read, by path. Paths not listed fail with ENOENT, as on disk. */
  readonly files?: Readonly<Record<string, string>>;
  /** Read files not in `files` from disk (for rosters written to a temp directory). */
  readonly readDisk?: boolean;
  /** The clock; default DOUBLE_NOW. */
  readonly now?: () => number;
  /** Refuse every write, for commands that must write nothing (plan without --out). */
  readonly refuseWrites?: boolean;
  /** Called on every file write, before it is stored (to order writes against requests). */
  readonly onWriteFile?: (path: string) => void;
}

export interface DepsDouble {
  readonly deps: Deps;
  /** Every file written, by path; also readable back through `deps.readFile`. */
  readonly files: Map<string, string>;
  /** Progress lines, then warnings prefixed "warning: ", in the order reported. */
  readonly progress: string[];
  /** Sleeps asked for, in milliseconds. */
  readonly sleeps: number[];
}

/** A Deps double; see the file comment. */
export function depsDouble(options: DepsDoubleOptions = {}): DepsDouble {
  const files = new Map<string, string>(Object.entries(options.files ?? {}));
  const progress: string[] = [];
  const sleeps: number[] = [];
  const deps: Deps = {
    readFile: async (path) => {
      const text = files.get(path);
      if (text !== undefined) return text;
      if (options.readDisk) return readFile(path, "utf8");
      throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: "ENOENT" });
    },
    writeFile: async (path, text) => {
      if (options.refuseWrites) throw new Error(`this command must write nothing, but wrote ${path}`);
      options.onWriteFile?.(path);
      files.set(path, typeof text === "string" ? text : [...text].join(""));
    },
    logger: { progress: (message) => progress.push(message), warn: (message) => progress.push(`warning: ${message}`) },
    now: options.now ?? (() => DOUBLE_NOW),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    fetch: options.fetch ?? (async () => new Response("no transport in this test", { status: 599 })),
  };
  return { deps, files, progress, sleeps };
}

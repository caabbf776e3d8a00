/**
 * How the bench measures: the built CLI as a child process (wall time, exit
 * code, peak RSS), cold starts, and arrival times of the fake's requests.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { FakeSentry, LoggedRequest } from "../test/fakes/fake-sentry.js";
import { median } from "./lower-bound.js";

/** Spawns per cold-start figure; the median is reported. */
export const COLD_START_RUNS = 15;

/**
 * Preloaded into the measured CLI: on exit it writes the process's peak RSS
 * (kB, getrusage) to the file named by BENCH_RSS_FILE. Portable, unlike /usr/bin/time.
 */
const RSS_PROBE =
  "data:text/javascript," +
  encodeURIComponent(
    'import { writeFileSync } from "node:fs"; process.on("exit", () => { const file = process.env.BENCH_RSS_FILE; if (file) writeFileSync(file, String(process.resourceUsage().maxRSS)); });',
  );

/** One finished CLI run. */
export interface MeasuredRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallMs: number;
  /** Peak resident set size of the CLI process, in MB. */
  readonly peakRssMb: number;
}

/** Builds dist/cli.js and dist/index.js from the sources into `outDir` (the same script as `npm run build`). */
export function buildDist(root: string, outDir: string): { readonly cli: string; readonly bundles: readonly { file: string; bytes: number }[] } {
  execFileSync(process.execPath, [join(root, "scripts/build.mjs"), outDir], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  const bundles = ["cli.js", "index.js"].map((file) => ({ file: `dist/${file}`, bytes: statSync(join(outDir, file)).size }));
  return { cli: join(outDir, "cli.js"), bundles };
}

/**
 * Runs the CLI as a user would: this Node, a clean environment (PATH and the
 * given variables only), stdout and stderr collected; wall time from spawn to exit.
 */
export function runCliMeasured(cli: string, args: readonly string[], options: { env: Record<string, string>; cwd: string }): Promise<MeasuredRun> {
  const probeDir = mkdtempSync(join(tmpdir(), "bench-rss-"));
  const rssFile = join(probeDir, "rss");
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ["--import", RSS_PROBE, cli, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env["PATH"] ?? "", ...options.env, BENCH_RSS_FILE: rssFile },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const wallMs = performance.now() - start;
      let peakRssMb = Number.NaN;
      try {
        peakRssMb = Number(readFileSync(rssFile, "utf8")) / 1024;
      } catch {
        // the probe did not run (the process was killed): leave NaN
      }
      rmSync(probeDir, { recursive: true, force: true });
      resolve({ code: code ?? -1, stdout, stderr, wallMs, peakRssMb });
    });
  });
}

/** Median wall time (ms) of `runs` spawns of this Node with `args`, from spawn to exit. */
export function coldStartMs(args: readonly string[], options: { cwd: string; runs?: number }): number {
  const times: number[] = [];
  for (let run = 0; run < (options.runs ?? COLD_START_RUNS); run += 1) {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { cwd: options.cwd, env: { PATH: process.env["PATH"] ?? "" }, stdio: "ignore" });
    times.push(performance.now() - start);
    if (result.status !== 0) throw new Error(`${args.join(" ")} exited with ${result.status}`);
  }
  return median(times);
}

/** Arrival time (performance.now(), ms) of each logged request, by index into fake.requests. */
export interface RequestClock {
  readonly arrivals: number[];
  /** Empties the fake's log and the arrival times together. */
  reset(): void;
}

/**
 * Records when each request reaches the fake by wrapping its log's push
 * (the fake logs a request as it arrives, before its latency and answer).
 */
export function clockRequests(fake: FakeSentry): RequestClock {
  const arrivals: number[] = [];
  const log = fake.requests;
  const push = log.push.bind(log);
  log.push = (...items: LoggedRequest[]) => {
    for (let index = 0; index < items.length; index += 1) arrivals.push(performance.now());
    return push(...items);
  };
  return {
    arrivals,
    reset: () => {
      fake.clearLog();
      arrivals.length = 0;
    },
  };
}

/** Span (ms) from the first to the last arrival among `indices`, plus one latency for the last answer. */
export function spanMs(clock: RequestClock, indices: readonly number[], latencyMs: number): number {
  if (indices.length === 0) return 0;
  const times = indices.map((index) => clock.arrivals[index]!);
  return Math.max(...times) - Math.min(...times) + latencyMs;
}

/**
 * How the bench measures: the built CLI as a child process (wall time, exit
 * code, peak RSS), cold starts, and arrival times of the fake's requests.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { type BuildOptions, build } from "esbuild";
import { bundlePlugins } from "../scripts/bundle-plugins.mjs";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { FakeSentry, LoggedRequest } from "../test/fakes/fake-sentry.js";
import { median } from "./lower-bound.js";

/** Spawns per cold-start figure; the median is reported. */
export const COLD_START_RUNS = 15;

/**
 * Preloaded into the measured process: on exit it writes the process's peak
 * RSS (kB) and CPU time (µs, user + system) from getrusage to the file named
 * by BENCH_PROBE_FILE. Portable, unlike /usr/bin/time.
 */
const PROBE =
  "data:text/javascript," +
  encodeURIComponent(
    'import { writeFileSync } from "node:fs"; process.on("exit", () => { const file = process.env.BENCH_PROBE_FILE; const u = process.resourceUsage(); if (file) writeFileSync(file, `${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}`); });',
  );

/** What the probe saw; NaN when it did not run (the process was killed). */
interface ProbeReading {
  readonly peakRssMb: number;
  readonly cpuMs: number;
}

function readProbe(file: string): ProbeReading {
  try {
    const [rssKb, cpuUs] = readFileSync(file, "utf8").split(" ").map(Number);
    return { peakRssMb: (rssKb ?? Number.NaN) / 1024, cpuMs: (cpuUs ?? Number.NaN) / 1000 };
  } catch {
    return { peakRssMb: Number.NaN, cpuMs: Number.NaN };
  }
}

/** One finished CLI run. */
export interface MeasuredRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallMs: number;
  /** Peak resident set size of the CLI process, in MB. */
  readonly peakRssMb: number;
  /** CPU time of the CLI process (user + system). */
  readonly cpuMs: number;
}

/** Builds dist/cli.js and dist/index.js from the sources into `outDir` (the same script as `npm run build`). */
export function buildDist(
  root: string,
  outDir: string,
): { readonly cli: string; readonly bundles: readonly { file: string; bytes: number }[] } {
  execFileSync(process.execPath, [join(root, "scripts/build.mjs"), outDir], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  // The Action is one file; the CLI is its entry and its code.
  const size = (file: string) => statSync(join(outDir, file)).size;
  const bundles = [
    { file: "dist/cli.js + dist/cli-main.cjs", bytes: size("cli.js") + size("cli-main.cjs") },
    { file: "dist/index.js", bytes: size("index.js") },
  ];
  return { cli: join(outDir, "cli.js"), bundles };
}

/**
 * Runs this Node with `args` as a user runs the CLI: a clean environment (PATH
 * and the given variables only), stdout and stderr collected through pipes;
 * wall time from spawn to exit. `node -e 0` goes through here too when it is
 * the reference of a CLI run, so both are measured the same way.
 */
export function runNodeMeasured(
  args: readonly string[],
  options: { env: Record<string, string>; cwd: string },
): Promise<MeasuredRun> {
  const probeDir = mkdtempSync(join(tmpdir(), "bench-probe-"));
  const probeFile = join(probeDir, "usage");
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ["--import", PROBE, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env["PATH"] ?? "", ...options.env, BENCH_PROBE_FILE: probeFile },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const wallMs = performance.now() - start;
      const usage = readProbe(probeFile);
      rmSync(probeDir, { recursive: true, force: true });
      resolve({ code: code ?? -1, stdout, stderr, wallMs, ...usage });
    });
  });
}

/** The built CLI `cli` with `args`, as a user runs it (runNodeMeasured). */
export function runCliMeasured(
  cli: string,
  args: readonly string[],
  options: { env: Record<string, string>; cwd: string },
): Promise<MeasuredRun> {
  return runNodeMeasured([cli, ...args], options);
}

/** Medians over several spawns: wall time from spawn to exit, and the process's own CPU time. */
export interface ColdStart {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** Spawns this Node with `args` `runs` times (clean environment, probe preloaded) and takes the medians. */
export function coldStart(
  args: readonly string[],
  options: { cwd: string; runs?: number; env?: Record<string, string> },
): ColdStart {
  const probeDir = mkdtempSync(join(tmpdir(), "bench-probe-"));
  const probeFile = join(probeDir, "usage");
  const walls: number[] = [];
  const cpus: number[] = [];
  try {
    for (let run = 0; run < (options.runs ?? COLD_START_RUNS); run += 1) {
      const start = performance.now();
      const result = spawnSync(process.execPath, ["--import", PROBE, ...args], {
        cwd: options.cwd,
        env: { PATH: process.env["PATH"] ?? "", ...options.env, BENCH_PROBE_FILE: probeFile },
        stdio: "ignore",
      });
      walls.push(performance.now() - start);
      if (result.status !== 0) throw new Error(`${args.join(" ")} exited with ${result.status}`);
      cpus.push(readProbe(probeFile).cpuMs);
    }
  } finally {
    rmSync(probeDir, { recursive: true, force: true });
  }
  return { wallMs: median(walls), cpuMs: median(cpus) };
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

/** One phase of a plan run in the phases child (bench/phases.ts). */
export interface PhaseReading {
  readonly phase: string;
  readonly cpuMs: number;
  readonly wallMs: number;
  /** Peak RSS of the process up to the end of this phase. */
  readonly peakRssMb: number;
}

/**
 * Bundles bench/phases.ts the way scripts/build.mjs bundles the CLI (ESM, code
 * splitting, the same plugins: scripts/bundle-plugins.mjs) into `outDir`; returns its entry.
 */
export async function buildPhases(root: string, outDir: string): Promise<string> {
  await build({
    absWorkingDir: root,
    entryPoints: { phases: join(root, "bench/phases.ts") },
    outdir: outDir,
    bundle: true,
    splitting: true,
    platform: "node",
    target: "node22",
    format: "esm",
    logLevel: "warning",
    banner: {
      js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
    },
    plugins: bundlePlugins(root),
  });
  return join(outDir, "phases.js");
}

/**
 * Bundles the request-floor child (bench/request-floor.ts) the way scripts/build.mjs
 * bundles the CLI: its code as one CommonJS file, and an entry that runs it with a code
 * cache. Returns, for a transport, the command line to hand to runNodeMeasured before its
 * configuration (one code cache per transport, as the CLI keeps one per command).
 */
export async function buildRequestFloor(root: string, outDir: string): Promise<(transport: string) => readonly string[]> {
  const common: BuildOptions = {
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    target: "node22",
    charset: "ascii",
    logLevel: "warning",
    plugins: bundlePlugins(root),
  };
  const code = join(outDir, "request-floor.cjs");
  const entry = join(outDir, "request-floor-entry.mjs");
  await build({ ...common, entryPoints: [join(root, "bench/request-floor.ts")], outfile: code, format: "cjs" });
  await build({ ...common, entryPoints: [join(root, "bench/request-floor-entry.ts")], outfile: entry, format: "esm" });
  return (transport) => [entry, code, join(outDir, `request-floor-${transport}.code-cache`)];
}

/** Runs the phases child once against `baseUrl` and returns its readings. */
export function runPhases(
  entry: string,
  config: { roster: string; baseUrl: string; token: string; desiredFromLive: boolean },
): Promise<{ readings: PhaseReading[]; changes: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, JSON.stringify(config)], {
      env: { PATH: process.env["PATH"] ?? "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0)
        reject(new Error(`phases child exited with ${code}: ${stderr.trim().split("\n").slice(-3).join(" / ")}`));
      else resolve(JSON.parse(stdout) as { readings: PhaseReading[]; changes: number });
    });
  });
}

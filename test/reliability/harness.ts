/**
 * Runs plan and apply in this process against the fake Sentry on loopback,
 * through the same commands the CLI bundles (planCommand, applyCommand),
 * with a shared virtual clock: every wait the client makes (rate limits,
 * back-off) advances the clock instead of sleeping, so the chaos matrix
 * runs in milliseconds and never sleeps for real.
 */
import { applyCommand } from "../../src/commands/apply.js";
import { applyCommandSucceeded, type ApplyCommandResult } from "../../src/commands/apply-result.js";
import { SILENT_LOGGER, type Deps } from "../../src/commands/deps.js";
import { describeError } from "../../src/commands/describe-error.js";
import { planCommand } from "../../src/commands/plan.js";
import type { Plan } from "../../src/plan/plan.js";
import { startFakeSentry, type FakeSentry, type FakeSentryOptions } from "../fakes/fake-sentry.js";
import { SCENARIO_NOW, SCENARIO_TOKEN, type Scenario } from "./random-org.js";

/** The roster's path inside the harness (read from memory). */
export const ROSTER_PATH = "roster.yaml";

/** A virtual clock: `sleep` moves it forward at once. */
export interface VirtualClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Total virtual time slept, in ms. */
  slept(): number;
}

/** A clock starting at `start`. */
export function virtualClock(start = SCENARIO_NOW): VirtualClock {
  let time = start;
  let slept = 0;
  return {
    now: () => time,
    sleep: async (ms) => {
      time += Math.max(0, ms);
      slept += Math.max(0, ms);
    },
    slept: () => slept,
  };
}

/** A running scenario: the fake, its clock, and the deps the commands use. */
export interface Harness {
  readonly fake: FakeSentry;
  readonly clock: VirtualClock;
  readonly deps: Deps;
  close(): Promise<void>;
}

/** Wraps fetch, e.g. to make chosen requests time out after the server handled them. */
export type FetchWrapper = (fetch: typeof globalThis.fetch) => typeof globalThis.fetch;

/** Starts the fake with the scenario's org and builds in-memory deps around it. */
export async function startHarness(scenario: Scenario, options: { fake?: FakeSentryOptions; wrapFetch?: FetchWrapper } = {}): Promise<Harness> {
  const clock = virtualClock();
  const fake = await startFakeSentry(scenario.org, { ...options.fake, now: clock.now });
  const baseFetch = globalThis.fetch.bind(globalThis);
  const deps: Deps = {
    readFile: async (path) => {
      if (path === ROSTER_PATH) return scenario.roster;
      throw Object.assign(new Error(`no such file ${path}`), { code: "ENOENT" });
    },
    writeFile: async () => {},
    logger: SILENT_LOGGER,
    now: clock.now,
    sleep: clock.sleep,
    fetch: options.wrapFetch ? options.wrapFetch(baseFetch) : baseFetch,
  };
  return { fake, clock, deps, close: () => fake.close() };
}

/** The connection every harness command uses. */
export function connectionFor(harness: Harness): { baseUrl: string; token: string } {
  return { baseUrl: harness.fake.url, token: SCENARIO_TOKEN };
}

/** plan, in process: the plan, or the one-line reason it failed. */
export async function planIn(harness: Harness): Promise<{ plan?: Plan; error?: string }> {
  try {
    const result = await planCommand({ rosterPath: ROSTER_PATH, connection: connectionFor(harness) }, harness.deps);
    if (result.kind !== "planned") return { error: `roster invalid: ${result.issues.map((i) => i.message).join("; ")}` };
    return { plan: result.plan };
  } catch (error) {
    return { error: describeError(error, SCENARIO_TOKEN) };
  }
}

/** One apply run's outcome. */
export interface ApplyRun {
  readonly result?: ApplyCommandResult;
  /** The one-line error apply threw (a read failed before any write, …). */
  readonly error?: string;
  readonly succeeded: boolean;
}

/** apply --yes, in process. */
export async function applyIn(harness: Harness): Promise<ApplyRun> {
  try {
    const result = await applyCommand({ rosterPath: ROSTER_PATH, connection: connectionFor(harness) }, harness.deps);
    return { result, succeeded: applyCommandSucceeded(result) };
  } catch (error) {
    return { error: describeError(error, SCENARIO_TOKEN), succeeded: false };
  }
}

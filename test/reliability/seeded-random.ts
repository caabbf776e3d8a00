import { seededRandom as numbers } from "../../src/sentry/seeded-random.js";

/**
 * The seeded generator (src/sentry/seeded-random.ts) with helpers, for the reliability runs: every
 * fuzz case, random org and chaos schedule is reproducible from one number,
 * which each failure message prints.
 */
export interface Random {
  /** The seed this generator started from. */
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
}

/** A generator for `seed`; the same seed gives the same sequence on every machine. */
export function seededRandom(seed: number): Random {
  const next = numbers(seed);
  return {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

/** The seed for a run: REL_SEED from the environment when set (to replay a failure), else the given default. */
export function runSeed(fallback: number): number {
  const text = process.env["REL_SEED"];
  const parsed = text === undefined ? Number.NaN : Number.parseInt(text, 10);
  return Number.isFinite(parsed) ? parsed : fallback;
}

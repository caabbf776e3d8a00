/**
 * Reads under trouble: `export` and `plan` of a 1,000-member org while 20 %
 * of requests answer 5xx and 5 % have their connection dropped, each attempt
 * rolled afresh (no cap per request, so the fake does not flatter the
 * client). Every read is safe to repeat, so both must succeed: the client
 * retries within a time budget (src/sentry/retry-policy.ts
 * READ_RETRY_BUDGET_MS). In process, on the in-memory fake, with a virtual
 * clock: back-off advances the clock instead of sleeping.
 */
import { SILENT_LOGGER, type Deps } from "../../src/commands/deps.js";
import { describeError } from "../../src/commands/describe-error.js";
import { exportCommand } from "../../src/commands/export.js";
import { planCommand } from "../../src/commands/plan.js";
import { createInMemorySentry } from "../fakes/fake-sentry.js";
import { GENERATED_OWNER_TOKEN, generateOrg } from "../fakes/generate-org.js";
import { virtualClock } from "./harness.js";

/** The faults: 4 of 5 kinds are 5xx, 1 of 5 a reset, at 25 % in all. */
export const READ_FAULTS = { rate: 0.25, kinds: ["500", "502", "503", "500", "reset"] as const };
/** The org read: as large as the report. */
export const READ_ORG = { members: 1_000, teams: 20 } as const;

const ROSTER = "roster.yaml";

/** One seed's outcome: both commands' errors (undefined = succeeded) and the faults hit. */
export interface ReadRunFigures {
  readonly seed: number;
  readonly exportError: string | undefined;
  readonly planError: string | undefined;
  readonly requests: number;
  readonly faulted: number;
  /** Virtual time the client spent backing off, in ms. */
  readonly waitedMs: number;
}

/** Runs export, then plan, of the generated org under READ_FAULTS seeded by `seed`. */
export async function runReadsUnderFaults(seed: number): Promise<ReadRunFigures> {
  const org = generateOrg({ ...READ_ORG, seed: 7 });
  const clock = virtualClock();
  const fake = createInMemorySentry(org, { now: clock.now });
  const roster = `version: 1\norganization: ${org.organization.slug}\nteams:\n  team-01: {}\nmembers: []\n`;
  const deps: Deps = {
    readFile: async (path) => {
      if (path === ROSTER) return roster;
      throw Object.assign(new Error(`no such file ${path}`), { code: "ENOENT" });
    },
    writeFile: async () => {},
    logger: SILENT_LOGGER,
    now: clock.now,
    sleep: clock.sleep,
    fetch: fake.fetch,
  };
  const connection = { baseUrl: fake.url, token: GENERATED_OWNER_TOKEN };
  fake.faults.setRandom({ ...READ_FAULTS, kinds: [...READ_FAULTS.kinds], seed, maxPerRequest: Number.POSITIVE_INFINITY });
  const attempt = async (run: () => Promise<unknown>) => {
    try {
      await run();
      return undefined;
    } catch (error) {
      return describeError(error, GENERATED_OWNER_TOKEN);
    }
  };
  const exportError = await attempt(() => exportCommand({ org: org.organization.slug, connection }, deps));
  const planError = await attempt(() => planCommand({ rosterPath: ROSTER, connection }, deps));
  const faulted = fake.requests.filter((request) => request.status === "reset" || (typeof request.status === "number" && request.status >= 500)).length;
  return { seed, exportError, planError, requests: fake.requests.length, faulted, waitedMs: clock.slept() };
}

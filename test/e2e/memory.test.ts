/**
 * The CLI keeps V8's young generation at the size start-up gave it
 * (src/commands/young-generation.ts): reading thousands of members made V8
 * grow it to 64-128 MB, most of apply's peak memory (docs/benchmarks.md).
 * Through the built dist/cli.js: a preloaded module reports the size of the
 * young generation ("new_space") when the process exits.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { aLiveMember, liveState } from "../support/builders.js";
import { describe, expect, OWNER_TOKEN, test } from "../support/fixtures.js";
import { rosterPath } from "../support/rosters.js";
import { DIST_CLI, finished } from "../support/run-dist.js";
import { writeRoster } from "../../src/roster/write-roster.js";

const MEMBERS = 3_000;
/** Start-up leaves the young generation at two semi-spaces of 1 or 2 MiB; without the setting, this roster grows it to 8 MiB. */
const MAX_YOUNG_GENERATION_BYTES = 4 * 1024 * 1024;
/** plan's start-up grows it to two semi-spaces of 2 MiB (loading node:crypto for the change ids). */
const PLAN_YOUNG_GENERATION_BYTES = 4 * 1024 * 1024;

const REPORT_YOUNG_GENERATION =
  "data:text/javascript," +
  encodeURIComponent(
    'import v8 from "node:v8"; process.on("exit", () => { const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space"); process.stderr.write(`young generation: ${space ? space.space_size : -1}\\n`); });',
  );

describe("memory", { timeout: 60_000 }, () => {
  test(`validate of a ${MEMBERS.toLocaleString("en")}-member roster leaves the young generation at the size start-up gave it`, () => {
    const teams = ["backend", "data", "frontend", "ops"];
    const members = Array.from({ length: MEMBERS }, (_, index) =>
      aLiveMember(`person${index}@example.com`, { name: `Person ${index}`, teams: { [teams[index % teams.length]!]: null } }),
    );
    const dir = mkdtempSync(join(tmpdir(), "sentry-roster-memory-"));
    const roster = join(dir, "roster.yaml");
    writeFileSync(roster, writeRoster(liveState({ members })));
    const run = spawnSync(process.execPath, ["--import", REPORT_YOUNG_GENERATION, DIST_CLI, "validate", roster], {
      env: { PATH: process.env["PATH"] ?? "" },
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    const size = Number(/young generation: (-?\d+)/.exec(run.stderr)?.[1]);
    expect(size).toBeGreaterThan(0);
    expect(size).toBeLessThanOrEqual(MAX_YOUNG_GENERATION_BYTES);
  });

  test("plan keeps a young generation of two semi-spaces of 2 MiB: what start-up gives it, loading node:crypto for the change ids", async ({ startSentry }) => {
    // A start-up that allocated less (node:crypto loaded later) left it at 1 MiB, and a
    // 10,000-member plan then peaked at 133 MB instead of 110 MB (docs/benchmarks.md).
    const fake = await startSentry();
    // Not spawnSync: the fake answers from this process.
    const child = spawn(process.execPath, ["--import", REPORT_YOUNG_GENERATION, DIST_CLI, "plan", rosterPath("plan-converged"), "--url", fake.url], {
      env: { PATH: process.env["PATH"] ?? "", SENTRY_AUTH_TOKEN: OWNER_TOKEN },
    });
    const run = await finished(child);
    expect(run.code, run.stderr).toBe(0);
    expect(Number(/young generation: (-?\d+)/.exec(run.stderr)?.[1])).toBe(PLAN_YOUNG_GENERATION_BYTES);
  });
});

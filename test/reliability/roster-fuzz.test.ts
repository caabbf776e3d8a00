import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseRosterText } from "../../src/roster/validate-roster.js";
import { runCli } from "../support/run-dist.js";
import { exampleRoster, runRosterCase, runRosterFuzz } from "./roster-fuzz.js";
import { fixedHostileCases, mutateRoster } from "./roster-mutations.js";
import { runSeed, seededRandom } from "./seeded-random.js";

/** Quick mode inside npm test; `node scripts/run-ts.mjs test/reliability/run-full.ts` runs 10,000+. */
const QUICK_CASES = 200;
const CLI_SAMPLE = 6;
const SEED = runSeed(20_261_123);

describe("roster loader fuzz", () => {
  it(`answers ${QUICK_CASES} mutated rosters with an issue list or a roster, never an exception (seed ${SEED})`, () => {
    const figures = runRosterFuzz({ seed: SEED, count: QUICK_CASES, includeFixed: false });
    expect(figures.failures, `replay with REL_SEED=${SEED}`).toEqual([]);
    expect(figures.cases).toBe(QUICK_CASES);
    // Both outcomes occur: the mutations are not all fatal, nor all harmless.
    expect(figures.valid).toBeGreaterThan(0);
    expect(figures.invalid).toBeGreaterThan(QUICK_CASES / 2);
  }, 120_000);

  it("refuses each classic attack on YAML readers with one clear issue, fast", () => {
    const base = exampleRoster();
    const cases = new Map(fixedHostileCases(base).map((c) => [c.name, c.text]));
    const firstMessage = (name: string): string => {
      const outcome = runRosterCase({ name, text: cases.get(name)! });
      expect(outcome.failure, name).toBeUndefined();
      const result = parseRosterText("roster.yaml", cases.get(name)!);
      expect(result.desired, name).toBeUndefined();
      return result.issues[0]!.message;
    };
    expect(firstMessage("ten-megabyte file")).toMatch(/roster\.yaml is 10\.5 MB; the limit is 1 MB/);
    expect(firstMessage("billion laughs alias bomb")).toMatch(/anchors are not allowed/);
    expect(firstMessage("deep flow nesting")).toMatch(/nested more than 32 levels/);
    expect(firstMessage("deep map nesting")).toMatch(/nested more than 32 levels/);
    expect(firstMessage("binary data").length).toBeLessThanOrEqual(400);
    expect(firstMessage("one huge line")).toMatch(/…" \(900000 characters\)/);
    expect(firstMessage("empty file")).toMatch(/is empty/);
    expect(firstMessage("collection as a key")).toMatch(/a key must be a plain name/);
  }, 60_000);

  it("accepts the example roster with a BOM and CRLF line ends as it accepts the original", () => {
    const base = exampleRoster();
    const plain = parseRosterText("roster.yaml", base);
    const windows = parseRosterText("roster.yaml", `\uFEFF${base.replace(/\n/g, "\r\n")}`);
    expect(plain.desired).toBeDefined();
    expect(windows.desired).toEqual(plain.desired);
  });

  it("refuses YAML tags, which would turn values into buffers or sets", () => {
    const result = parseRosterText("roster.yaml", "version: 1\norganization: acme\nmembers:\n  - email: a@acme.example\n    teams: !!binary aGk=\n");
    expect(result.desired).toBeUndefined();
    expect(result.issues.map((i) => `${i.line}:${i.col}: ${i.message}`)).toEqual(['5:12: YAML tags are not allowed in a roster ("!!binary")']);
  });
});

describe("validate through the built CLI", () => {
  it(`answers ${CLI_SAMPLE} mutated rosters with exit 0 or 1 and FILE:LINE:COL lines, never a stack trace`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "roster-fuzz-"));
    const random = seededRandom(SEED + 1);
    const base = exampleRoster();
    const fixed = fixedHostileCases(base);
    const cases = [fixed[0]!, fixed[2]!, fixed.find((c) => c.name === "collection as a key")!, ...Array.from({ length: CLI_SAMPLE - 3 }, () => mutateRoster(base, random, random.int(1, 4)))];
    const runs = await Promise.all(
      cases.map(async (fuzzCase, i) => {
        const file = join(dir, `case-${i}.yaml`);
        writeFileSync(file, fuzzCase.text, "latin1");
        return { fuzzCase, file, run: await runCli(["validate", file]) };
      }),
    );
    for (const { fuzzCase, file, run } of runs) {
      const label = `${fuzzCase.name} (seed ${SEED + 1})`;
      expect([0, 1], label).toContain(run.code);
      expect(run.stderr, label).not.toMatch(/\n\s+at |Error:|node:internal|Warning:/);
      if (run.code === 0) {
        expect(run.stdout, label).toMatch(/ is valid: \d+ members?, \d+ teams?/);
        continue;
      }
      const lines = run.stderr.trimEnd().split("\n");
      expect(lines.at(-1), label).toMatch(/^\d+ errors? (and \d+ warnings? )?in /);
      for (const line of lines.slice(0, -1)) {
        expect(line.startsWith(`${file}:`) || line.startsWith("  hint: "), `${label}: ${line.slice(0, 200)}`).toBe(true);
        expect(line.length, label).toBeLessThan(file.length + 450);
      }
    }
  }, 120_000);
});

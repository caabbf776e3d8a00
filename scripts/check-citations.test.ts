import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const SCRIPT = fileURLToPath(new URL("./check-citations.mjs", import.meta.url));
const REPO = fileURLToPath(new URL("..", import.meta.url));

const BEHAVIOUR = ["# Sentry", "", "### E8 Create a team", "", "### T28 Creating a team adds the creator", "", "- **F56** Team-role PUT.", ""].join("\n");
const ROSTER = ["# The roster file", "", "## Policy", "", "### Refused plans (violations)", ""].join("\n");

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

/** A small repository with the two documents above plus `files`; runs the check on it. */
function check(files: Record<string, string>): { status: number | null; output: string } {
  const root = mkdtempSync(join(tmpdir(), "check-citations-"));
  dirs.push(root);
  const all = { "docs/sentry-behaviour.md": BEHAVIOUR, "docs/roster.md": ROSTER, "docs/architecture.md": "# Architecture\n", ...files };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const run = spawnSync(process.execPath, [SCRIPT, root], { encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

// Built from parts, so that even this file does not name the outside notes.
const NOTES = { api: ["sentry", "api.md"].join("-"), design: ["design", "md"].join("."), actions: ["github", "actions.md"].join("-"), shared: ["..", "shared"].join("/") };

describe("check-citations", () => {
  it("passes ids, documents and anchors that exist", () => {
    const result = check({
      "src/a.ts": "// Sentry adds the creator (docs/sentry-behaviour.md T28).\n// See docs/sentry-behaviour.md E8, T28 and F56, and docs/roster.md#policy.\n",
      "docs/cli.md": "See [the policy](roster.md#policy) and [refusals](roster.md#refused-plans-violations); [roster.md](roster.md).\n",
    });
    expect(result.output).toContain("every citation can be followed");
    expect(result.status).toBe(0);
  });

  it("fails on an id docs/sentry-behaviour.md does not define, naming file, line and id", () => {
    const result = check({ "src/a.ts": "const x = 1;\n// Sentry is odd here (docs/sentry-behaviour.md T28, T99).\n" });
    expect(result.status).toBe(1);
    expect(result.output).toContain("src/a.ts:2: cites docs/sentry-behaviour.md T99, which that document does not define");
    expect(result.output).not.toContain("T28,");
  });

  it("fails on a document that is not in the repository, with a hint when docs/ has it", () => {
    const result = check({ "src/a.ts": "// See docs/missing.md.\n// Layers: architecture.md.\n" });
    expect(result.status).toBe(1);
    expect(result.output).toContain("src/a.ts:1: cites docs/missing.md, which is not in the repository");
    expect(result.output).toContain("src/a.ts:2: cites architecture.md, which is not in the repository; did you mean docs/architecture.md?");
  });

  it("fails on an anchor that is no heading of the cited document, in comments and in Markdown links", () => {
    const result = check({ "src/a.ts": "// docs/roster.md#no-such-heading\n", "docs/cli.md": "[x](roster.md#policies)\n" });
    expect(result.status).toBe(1);
    expect(result.output).toContain("src/a.ts:1: cites docs/roster.md#no-such-heading, but docs/roster.md has no heading with that anchor");
    expect(result.output).toContain("docs/cli.md:1: cites roster.md#policies, but docs/roster.md has no heading with that anchor");
  });

  it("fails on every way of naming the outside notes", () => {
    const result = check({
      "src/a.ts": [`// ${NOTES.api} §3`, `// ${NOTES.design} "The CLI"`, `// ${NOTES.actions} §4`, `// ${NOTES.shared}/notes`, "// Sentry trap 28"].join("\n"),
    });
    expect(result.status).toBe(1);
    for (const [line, found] of [[1, NOTES.api], [2, NOTES.design], [3, NOTES.actions], [4, NOTES.shared], [5, "trap 28"]] as const) {
      expect(result.output).toContain(`src/a.ts:${line}: "${found}" names a document outside the repository`);
    }
  });

  it("ignores URLs and generated or fixture folders", () => {
    const result = check({
      "src/a.ts": "// https://github.com/octokit/plugin-retry.js/blob/main/README.md\n",
      "dist/cli.js": `// ${NOTES.api}\n`,
      "test/fixtures/x.md": `${NOTES.design}\n`,
    });
    expect(result.status).toBe(0);
  });

  it("finds nothing to fix in this repository", () => {
    const run = spawnSync(process.execPath, [SCRIPT, REPO], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});

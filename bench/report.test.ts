import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FINDINGS, METHOD } from "./report.js";

// docs/benchmarks.md is written by `npm run bench -- --full`; its prose comes from
// report.ts. A hand edit to either side must reach the other, or the next run loses it.
const DOC = readFileSync(join(fileURLToPath(new URL("..", import.meta.url)), "docs/benchmarks.md"), "utf8");

describe("docs/benchmarks.md", () => {
  it("carries report.ts's findings and method word for word", () => {
    expect(DOC).toContain(FINDINGS);
    expect(DOC).toContain(METHOD);
  });
});

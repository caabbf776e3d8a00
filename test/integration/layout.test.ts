import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** What starting a loopback server looks like in a test: directly, or through the fixtures of test/support/fixtures.ts. */
const STARTS_SERVER = /\b(startFakeSentry|startFakeGitHub|createServer|startSentry|startGitHub|startServer)\(|\.listen\(/;

function testsUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? testsUnder(join(dir, entry.name)) : entry.name.endsWith(".test.ts") ? [join(dir, entry.name)] : [],
  );
}

describe("test layout", () => {
  it("keeps tests that start loopback servers out of src/: unit tests beside the code do no I/O (CONTRIBUTING.md#tests)", () => {
    const offenders = testsUnder(join(ROOT, "src"))
      .filter((file) => STARTS_SERVER.test(readFileSync(file, "utf8")))
      .map((file) => relative(ROOT, file));
    expect(offenders).toEqual([]);
  });
});

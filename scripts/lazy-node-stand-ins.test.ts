import { AssertionError } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkAssertCallsOnly, LAZY_ASSERT_CODE } from "./lazy-node-stand-ins.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const UNDICI_LIB = join(ROOT, "node_modules/undici/lib");

/** undici's files that require node:assert. */
function undiciFilesRequiringAssert(): string[] {
  const files = readdirSync(UNDICI_LIB, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".js"));
  return files
    .map((file) => join(UNDICI_LIB, file))
    .filter((file) => readFileSync(file, "utf8").includes("require('node:assert')"));
}

/** The stand-in as a module: its exports, and the real node:assert when it has loaded it. */
function loadStandIn(): (value: unknown, message?: string) => void {
  const module = { exports: {} as unknown };
  new Function("module", "require", LAZY_ASSERT_CODE)(module, createRequire(import.meta.url));
  return module.exports as (value: unknown, message?: string) => void;
}

describe("lazy-node-stand-ins: undici's node:assert", () => {
  it("every undici file that requires node:assert only calls it", () => {
    const files = undiciFilesRequiringAssert();
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(() => checkAssertCallsOnly(relative(ROOT, file), readFileSync(file, "utf8"))).not.toThrow();
  });

  it("fails the build, naming the script, for a method of assert or another way of requiring it", () => {
    const path = "node_modules/undici/lib/core/request.js";
    expect(() => checkAssertCallsOnly(path, "const assert = require('node:assert')\nassert.strictEqual(a, b)\n")).toThrow(
      /uses assert\.strictEqual, which the stand-in for node:assert does not have: review scripts\/lazy-node-stand-ins\.mjs/,
    );
    expect(() => checkAssertCallsOnly(path, "const { ok } = require('node:assert')\nok(a)\n")).toThrow(/otherwise than as/);
    expect(() => checkAssertCallsOnly(path, "const assert = require('node:assert').strict\n")).toThrow(/otherwise than as/);
  });

  it("passes a true value and throws node:assert's own error for a false one", () => {
    const assert = loadStandIn();
    expect(() => assert(1)).not.toThrow();
    expect(() => assert(0, "kept its promise")).toThrow(AssertionError);
    expect(() => assert(null, "kept its promise")).toThrow("kept its promise");
    expect(() => assert(false)).toThrow(AssertionError);
  });
});

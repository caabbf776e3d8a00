import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { V8_SEMI_SPACE_GROWTH_FACTOR } from "./young-generation.js";

describe("the young generation's growth factor", () => {
  it("is put back to V8's own default, so a code cache written at exit matches the next start's flags", () => {
    const options = spawnSync(process.execPath, ["--v8-options"], { encoding: "utf8" }).stdout;
    const growth = /--semi-space-growth-factor \(.*\)\n\s*type: int\s+default: --semi-space-growth-factor=(\d+)/.exec(options);
    expect(growth, "node --v8-options no longer lists --semi-space-growth-factor").not.toBeNull();
    expect(Number(growth![1])).toBe(V8_SEMI_SPACE_GROWTH_FACTOR);
  });
});

import { describe, expect, it } from "vitest";
import { writeOutputs } from "./outputs.js";

describe("writeOutputs", () => {
  it("writes each output under its action.yml name and skips absent ones", () => {
    const written: [string, string][] = [];
    writeOutputs((name, value) => written.push([name, value]), { hasChanges: true, changes: 3, digest: "abc", planFile: "/tmp/p.json" });
    expect(written).toEqual([
      ["has-changes", "true"],
      ["changes", "3"],
      ["digest", "abc"],
      ["plan-file", "/tmp/p.json"],
    ]);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { INPUTS } from "./inputs.js";
import { OUTPUTS } from "./outputs.js";

interface ActionYml {
  inputs: Record<string, { description?: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description?: string }>;
  runs: { using: string; main: string };
}

const actionYml = parse(readFileSync(new URL("../../action.yml", import.meta.url), "utf8")) as ActionYml;

describe("action.yml", () => {
  it("declares exactly the inputs the code reads, with the same defaults, required flags and descriptions", () => {
    expect(actionYml.inputs).toEqual(INPUTS);
  });

  it("declares exactly the outputs the code writes", () => {
    const declared = Object.fromEntries(Object.entries(OUTPUTS).map(([name, { description }]) => [name, { description }]));
    expect(actionYml.outputs).toEqual(declared);
  });

  it("keeps the documented defaults of docs/action.md", () => {
    expect(actionYml.inputs["sentry-url"]?.default).toBe("https://sentry.io");
    expect(actionYml.inputs["roster"]?.default).toBe("roster.yaml");
    expect(actionYml.inputs["mode"]?.default).toBe("auto");
    expect(actionYml.inputs["github-token"]?.default).toBe("${{ github.token }}");
    expect(actionYml.inputs["require-reviewed-plan"]?.default).toBe("true");
    expect(actionYml.inputs["mask-emails"]?.default).toBeUndefined();
  });

  it("runs the committed bundle on node24", () => {
    expect(actionYml.runs).toEqual({ using: "node24", main: "dist/index.js" });
  });
});

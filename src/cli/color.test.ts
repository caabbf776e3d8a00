import { describe, expect, it } from "vitest";
import { colorWanted } from "./color.js";

describe("colorWanted (Node's rules)", () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ TERM: "dumb" }, true, false],
    [{ NO_COLOR: "1" }, true, false],
    [{ NO_COLOR: "" }, true, true],
    [{ NODE_DISABLE_COLORS: "1" }, true, false],
    [{ FORCE_COLOR: "" }, false, true],
    [{ FORCE_COLOR: "1" }, false, true],
    [{ FORCE_COLOR: "3", NO_COLOR: "1" }, false, true],
    [{ FORCE_COLOR: "0" }, true, false],
    [{ FORCE_COLOR: "false" }, true, false],
  ] as const)("env %j on a terminal=%s → %s", (env, isTTY, wanted) => {
    expect(colorWanted(env, isTTY)).toBe(wanted);
  });
});

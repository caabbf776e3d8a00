import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { setV8FlagUntilExit, V8_DEFAULTS, V8_DEFAULTS_READ_FROM } from "./v8-flags.js";

describe("the V8 flags the CLI and the Action change", () => {
  // Put back at exit, so a code cache written then matches the next start's flags (src/commands/v8-flags.ts).
  const options = spawnSync(process.execPath, ["--v8-options"], { encoding: "utf8" }).stdout;

  it.each(Object.entries(V8_DEFAULTS))("--%s goes back to V8's own default, %s", (name, value) => {
    const listed = new RegExp(`--${name} \\(.*\\)\\n\\s*type: \\w+\\s+default: --${name}=(\\d+)`).exec(options);
    expect(listed, `node --v8-options no longer lists --${name}`).not.toBeNull();
    expect(Number(listed![1])).toBe(value);
  });

  it("were read from the V8 the suite runs on (another Node: read them again)", () => {
    expect(process.versions.v8.split(".").slice(0, 2).join(".")).toBe(V8_DEFAULTS_READ_FROM);
  });

  it("leaves a flag whose default varies across V8 versions alone on another V8", () => {
    // Node 20's V8 11.3 lists --wasm-tiering-budget=1800000: putting back 13,000,000 there would
    // make V8 reject the CLI's code cache at every start.
    expect(setV8FlagUntilExit("wasm-tiering-budget", 2_000_000_000, "11.3.244.8-node.38")).toBe(false);
  });
});

import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { V8_DEFAULTS } from "./v8-flags.js";

describe("the V8 flags the CLI and the Action change", () => {
  // Put back at exit, so a code cache written then matches the next start's flags (src/commands/v8-flags.ts).
  const options = spawnSync(process.execPath, ["--v8-options"], { encoding: "utf8" }).stdout;

  it.each(Object.entries(V8_DEFAULTS))("--%s goes back to V8's own default, %s", (name, value) => {
    const listed = new RegExp(`--${name} \\(.*\\)\\n\\s*type: \\w+\\s+default: --${name}=(\\d+)`).exec(options);
    expect(listed, `node --v8-options no longer lists --${name}`).not.toBeNull();
    expect(Number(listed![1])).toBe(value);
  });
});

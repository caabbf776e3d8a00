import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { codeCacheFile } from "./code-cache.js";

const KEY = { codeHash: "0123456789abcdef", command: "plan" };

describe("codeCacheFile", () => {
  it("names the code, the Node, the platform and the command, under the temporary directory", () => {
    expect(codeCacheFile({}, KEY)).toBe(join(tmpdir(), "sentry-roster", `0123456789abcdef-${process.version}-${process.arch}-plan.bin`));
  });

  it("moves under NODE_COMPILE_CACHE, as Node's own compile cache does", () => {
    expect(codeCacheFile({ NODE_COMPILE_CACHE: "/var/cache/ci" }, KEY)).toMatch(/^\/var\/cache\/ci\/sentry-roster\/0123456789abcdef-.*-plan\.bin$/);
  });

  it("is off with NODE_DISABLE_COMPILE_CACHE set to anything but empty", () => {
    expect(codeCacheFile({ NODE_DISABLE_COMPILE_CACHE: "1" }, KEY)).toBeUndefined();
    expect(codeCacheFile({ NODE_DISABLE_COMPILE_CACHE: "" }, KEY)).toBeDefined();
  });

  it("puts anything but a plain command word in one shared file", () => {
    for (const command of [undefined, "--help", "../plan", "PLAN", "averyveryverylongword"]) {
      expect(codeCacheFile({}, { ...KEY, command })).toMatch(/-other\.bin$/);
    }
  });
});

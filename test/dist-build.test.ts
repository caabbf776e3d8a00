import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { VERSION } from "../src/commands/version.js";

const root = new URL("..", import.meta.url);

describe("build and packaging", () => {
  it("runs the suite on Node 24, pinned through the node devDependency", () => {
    expect(process.versions.node.split(".")[0]).toBe("24");
  });

  it("keeps the CLI's version equal to package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });

  it("builds byte-identical dist/ twice (deterministic bundle)", () => {
    const out1 = new URL("node_modules/.cache/dist-a/", root);
    const out2 = new URL("node_modules/.cache/dist-b/", root);
    rmSync(out1, { recursive: true, force: true });
    rmSync(out2, { recursive: true, force: true });
    execFileSync(process.execPath, ["scripts/build.mjs", out1.pathname], { cwd: root });
    execFileSync(process.execPath, ["scripts/build.mjs", out2.pathname], { cwd: root });
    const names = (dir: URL) =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => relative(dir.pathname, join(entry.parentPath, entry.name)))
        .sort();
    // Every file: the Action, the CLI's entry and its code (whose content hash the entry carries).
    expect(names(out1)).toEqual(names(out2));
    expect(names(out1)).toEqual(["cli-main.cjs", "cli.js", "index.js"]);
    for (const name of names(out1)) {
      expect(readFileSync(new URL(name, out1)).equals(readFileSync(new URL(name, out2))), name).toBe(true);
    }
  }, 120_000); // two full bundles; slow when the 2 cores are shared with the e2e suite

  it("builds the CLI's code as plain ASCII, which its entry reads as latin1 (src/cli/code-cache.ts)", () => {
    const code = readFileSync(new URL("dist/cli-main.cjs", root));
    const outside = code.findIndex((byte) => byte > 0x7f);
    expect(outside, `non-ASCII byte in dist/cli-main.cjs: ${code.subarray(Math.max(0, outside - 60), outside + 20).toString("utf8")}`).toBe(-1);
  });

  it("leaves no dynamic import() in the CLI's code, which runs in a vm.Script (scripts/bundle-plugins.mjs)", () => {
    const code = readFileSync(new URL("dist/cli-main.cjs", root), "latin1");
    // Comments may name import('…') types; code would call import( with a string or a name.
    const calls = [...code.matchAll(/^(?!\s*(\*|\/\/)).*\bimport\(\s*[^'\s)]/gm)].map((match) => match[0].trim());
    expect(calls).toEqual([]);
  });

  it("ships a CLI with a shebang and an Action entry", () => {
    expect(readFileSync(new URL("dist/cli.js", root), "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(readFileSync(new URL("dist/index.js", root), "utf8").length).toBeGreaterThan(0);
  });
});

// What a command loads of Node before it is done (docs/benchmarks.md): each Node module a command
// never uses costs every run its load time. Read from process.moduleLoadList through a preload.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test, OWNER_TOKEN } from "../support/fixtures.js";
import { runCli } from "../support/run-dist.js";
import { rosterPath } from "../support/rosters.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Runs the CLI with a preload that writes, at exit, the Node modules the process loaded. */
async function nodeModulesLoaded(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; stderr: string; modules: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), "sentry-roster-start-up-"));
  const out = join(dir, "modules.json");
  const preload = join(dir, "preload.cjs");
  writeFileSync(
    preload,
    `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(out)}, JSON.stringify(process.moduleLoadList)));\n`,
  );
  const run = await runCli(args, { cwd: ROOT, env: { ...env, NODE_OPTIONS: `--require ${preload}` } });
  const list = JSON.parse(readFileSync(out, "utf8")) as string[];
  const modules = list.filter((entry) => entry.startsWith("NativeModule ")).map((entry) => entry.slice("NativeModule ".length));
  return { code: run.code, stderr: run.stderr, modules };
}

describe.concurrent("start-up: the Node modules a command loads", () => {
  test("plan over http reads Sentry without Node's HTTP, HTTP/2, TLS or assert modules", async ({ startSentry }) => {
    const fake = await startSentry();
    const { code, modules } = await nodeModulesLoaded(["plan", rosterPath("plan-converged"), "--url", fake.url], { SENTRY_AUTH_TOKEN: OWNER_TOKEN });
    expect(code).toBe(0);
    // The test can fail: the transport connects with node:net.
    expect(modules).toContain("net");
    expect(modules.filter((name) => ["http", "_http_common", "http2", "tls", "assert", "fs/promises"].includes(name))).toEqual([]);
  });

  test("validate reads the roster without node:fs/promises (and Node's readline and watchers with it)", async () => {
    const { code, modules } = await nodeModulesLoaded(["validate", "roster.example.yaml"]);
    expect(code).toBe(0);
    expect(modules).toContain("fs");
    expect(modules.filter((name) => name === "fs/promises" || name.startsWith("internal/readline/"))).toEqual([]);
  });

  test("plan --out loads node:fs/promises to write the file, and writes it owner-only", async ({ startSentry }) => {
    const fake = await startSentry();
    const out = join(mkdtempSync(join(tmpdir(), "sentry-roster-start-up-out-")), "plan.json");
    const { code, modules } = await nodeModulesLoaded(["plan", rosterPath("plan-converged"), "--url", fake.url, "--out", out], {
      SENTRY_AUTH_TOKEN: OWNER_TOKEN,
    });
    expect(code).toBe(0);
    expect(modules).toContain("fs/promises");
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(out, "utf8"))).toMatchObject({ formatVersion: 1 });
  });

  test("plan reads compressed answers and prints nothing else: Node's zlib loads on the first one", async ({ startSentry }) => {
    // The bundle runs in a vm.Script (src/cli/code-cache.ts): a dynamic import() of a Node module
    // there printed an ExperimentalWarning to stderr; the bundle requires them instead (scripts/bundle-plugins.mjs).
    const fake = await startSentry(undefined, { contentEncoding: "gzip" });
    const run = await nodeModulesLoaded(["plan", rosterPath("plan-converged"), "--url", fake.url], { SENTRY_AUTH_TOKEN: OWNER_TOKEN });
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.modules).toContain("zlib");
  });
});

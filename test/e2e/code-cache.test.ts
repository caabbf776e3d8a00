// The code cache of dist/cli.js (src/cli/code-cache.ts, docs/cli.md#start-up): written once per
// command in a private directory, code only, off with NODE_DISABLE_COMPILE_CACHE, and never in the way.
import { chmodSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test, OWNER_TOKEN } from "../support/fixtures.js";
import { runCli } from "../support/run-dist.js";
import { rosterPath } from "../support/rosters.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const VALID = "roster.example.yaml is valid: 7 members, 4 teams\n";

/** A fresh NODE_COMPILE_CACHE directory; the CLI's cache goes in its sentry-roster/ folder. */
function cacheBase(): { base: string; dir: string } {
  const base = mkdtempSync(join(tmpdir(), "sentry-roster-code-cache-"));
  return { base, dir: join(base, "sentry-roster") };
}

function validate(env: Record<string, string>) {
  return runCli(["validate", "roster.example.yaml"], { cwd: ROOT, env });
}

describe.concurrent("the CLI's code cache (dist/cli.js)", () => {
  test("writes one private file per command on the first run and only reads it after", async () => {
    const { base, dir } = cacheBase();
    expect(await validate({ NODE_COMPILE_CACHE: base })).toEqual({ code: 0, stdout: VALID, stderr: "" });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const [file, ...others] = readdirSync(dir);
    expect(others).toEqual([]);
    expect(file).toMatch(/^[0-9a-f]{16}-v[\d.]+-\w+-validate\.bin$/);
    const path = join(dir, file!);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const written = statSync(path);

    expect(await validate({ NODE_COMPILE_CACHE: base })).toEqual({ code: 0, stdout: VALID, stderr: "" });
    expect(statSync(path).mtimeMs).toBe(written.mtimeMs);
    expect(statSync(path).ino).toBe(written.ino);
    expect((await runCli(["--help"], { env: { NODE_COMPILE_CACHE: base } })).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([file, file!.replace("-validate.bin", "-other.bin")].sort());
  });

  test("a command that reaches Sentry also writes its cache once: the V8 flags it changes are put back at exit", async ({ startSentry }) => {
    // plan changes V8 flags while it runs (src/commands/v8-flags.ts); V8 rejects a cache made
    // under other flags, so without putting them back every run rewrote its cache.
    const { base, dir } = cacheBase();
    const fake = await startSentry();
    const plan = () =>
      runCli(["plan", rosterPath("plan-converged"), "--url", fake.url], { env: { NODE_COMPILE_CACHE: base, SENTRY_AUTH_TOKEN: OWNER_TOKEN } });
    expect((await plan()).code).toBe(0);
    const [file] = readdirSync(dir);
    expect(file).toMatch(/-plan\.bin$/);
    const written = statSync(join(dir, file!));
    expect((await plan()).code).toBe(0);
    expect(statSync(join(dir, file!)).ino).toBe(written.ino);
    expect(statSync(join(dir, file!)).mtimeMs).toBe(written.mtimeMs);
  });

  test("holds compiled code only: no member, no token", async ({ startSentry }) => {
    const { base, dir } = cacheBase();
    const fake = await startSentry();
    const out = join(base, "roster.yaml");
    const run = await runCli(["export", "--org", "acme", "--url", fake.url, "--out", out], {
      env: { NODE_COMPILE_CACHE: base, SENTRY_AUTH_TOKEN: OWNER_TOKEN },
    });
    expect(run.code).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("alice@example.com");
    const [file] = readdirSync(dir);
    expect(file).toMatch(/-export\.bin$/);
    const cache = readFileSync(join(dir, file!)).toString("latin1");
    expect(cache).not.toContain("alice@example.com");
    expect(cache).not.toContain(OWNER_TOKEN);
  });

  test("NODE_DISABLE_COMPILE_CACHE=1 neither reads nor writes it", async () => {
    const { base } = cacheBase();
    expect(await validate({ NODE_COMPILE_CACHE: base, NODE_DISABLE_COMPILE_CACHE: "1" })).toEqual({ code: 0, stdout: VALID, stderr: "" });
    expect(readdirSync(base)).toEqual([]);
  });

  test("runs as usual when the cache cannot be written", async () => {
    const { base } = cacheBase();
    const notADirectory = join(base, "file");
    writeFileSync(notADirectory, "");
    expect(await validate({ NODE_COMPILE_CACHE: notADirectory })).toEqual({ code: 0, stdout: VALID, stderr: "" });
    expect(readdirSync(base)).toEqual(["file"]);
  });

  test("replaces a cache V8 rejects", async () => {
    const { base, dir } = cacheBase();
    await validate({ NODE_COMPILE_CACHE: base });
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file!), "not a code cache");
    expect(await validate({ NODE_COMPILE_CACHE: base })).toEqual({ code: 0, stdout: VALID, stderr: "" });
    expect(readFileSync(join(dir, file!), "utf8")).not.toBe("not a code cache");
  });

  test("ignores a cache directory others can write to", async () => {
    const { base, dir } = cacheBase();
    await validate({ NODE_COMPILE_CACHE: base });
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file!), "planted");
    chmodSync(dir, 0o777);
    expect(await validate({ NODE_COMPILE_CACHE: base })).toEqual({ code: 0, stdout: VALID, stderr: "" });
    expect(readFileSync(join(dir, file!), "utf8")).toBe("planted");
  });
});

#!/usr/bin/env node

// src/cli/bin.ts
import { fileURLToPath } from "node:url";

// src/cli/code-cache.ts
import { createRequire } from "node:module";
var requireNode = createRequire(import.meta.url);
var { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = requireNode("node:fs");
var { tmpdir } = requireNode("node:os");
var { dirname, join } = requireNode("node:path");
var { Script, constants } = requireNode("node:vm");
function codeCacheFile(env, key) {
  if (env["NODE_DISABLE_COMPILE_CACHE"] !== void 0 && env["NODE_DISABLE_COMPILE_CACHE"] !== "") return void 0;
  const base = env["NODE_COMPILE_CACHE"] || tmpdir();
  const command = key.command !== void 0 && /^[a-z]{1,12}$/.test(key.command) ? key.command : "other";
  const name = `${key.codeHash}-${process.version}-${process.arch}-${command}.bin`;
  return join(base, "sentry-roster", name);
}
function isPrivateDirectory(directory) {
  const stat = statSync(directory, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) return false;
  const uid = process.getuid?.();
  if (uid === void 0) return true;
  return stat.uid === uid && (stat.mode & 18) === 0;
}
function readCache(file) {
  try {
    return isPrivateDirectory(dirname(file)) ? readFileSync(file) : void 0;
  } catch {
    return void 0;
  }
}
function writeCache(file, data) {
  const directory = dirname(file);
  const aside = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(directory, { recursive: true, mode: 448 });
    if (!isPrivateDirectory(directory)) return;
    writeFileSync(aside, data, { mode: 384 });
    renameSync(aside, file);
  } catch {
    try {
      rmSync(aside, { force: true });
    } catch {
    }
  }
}
function runWithCodeCache(file, cacheFile) {
  const cached = cacheFile === void 0 ? void 0 : readCache(cacheFile);
  const source = readFileSync(file, "latin1");
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}
})`, {
    filename: file,
    ...cached === void 0 ? {} : { cachedData: cached },
    // The bundle keeps no import() (scripts/bundle-plugins.mjs; a dist test checks): one would still
    // resolve as in any module, but Node would print an ExperimentalWarning for it.
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER
  });
  if (cacheFile !== void 0 && (cached === void 0 || script.cachedDataRejected === true)) {
    process.once("exit", () => writeCache(cacheFile, script.createCachedData()));
  }
  const wrapper = script.runInThisContext();
  const module = { exports: {} };
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
}

// src/cli/bin.ts
runWithCodeCache(
  fileURLToPath(new URL("./cli-main.cjs", import.meta.url)),
  codeCacheFile(process.env, { codeHash: "cb24f4e478072a92", command: process.argv[2] })
);

import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);

// src/cli/args.ts
import { parseArgs } from "node:util";
var UsageError = class extends Error {
  name = "UsageError";
};
var SENTRY_OPTIONS = {
  org: { type: "string" },
  url: { type: "string" }
};
function parseCommandArgs(argv, options, maxPositionals = 1) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, "") : String(error);
    throw new UsageError(detail, { cause: error });
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(`unexpected argument "${parsed.positionals[maxPositionals]}"`);
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

export {
  UsageError,
  SENTRY_OPTIONS,
  parseCommandArgs
};

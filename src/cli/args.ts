import { parseArgs } from "node:util";
import { closestMatch } from "../commands/validate.js";

/** A mistake on the command line: printed with a short usage, exit 1. */
export class UsageError extends Error {
  override name = "UsageError";
}

export type OptionSpec = Record<string, { type: "string" | "boolean"; short?: string }>;

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

/** The options every command that talks to Sentry accepts (docs/cli.md). */
export const SENTRY_OPTIONS = {
  org: { type: "string" },
  url: { type: "string" },
} as const satisfies OptionSpec;

/** `; did you mean "--json"?` for an unknown option close to a known one, else "". */
function flagSuggestion(error: unknown, options: OptionSpec): string {
  if ((error as { code?: unknown } | null)?.code !== "ERR_PARSE_ARGS_UNKNOWN_OPTION") return "";
  const typed = /Unknown option '(-{1,2}[^']+)'/.exec(error instanceof Error ? error.message : "")?.[1];
  if (typed === undefined) return "";
  const known = [...Object.keys(options), "help"].map((name) => `--${name}`);
  const match = closestMatch(typed.replace(/=.*$/, ""), known);
  return match === undefined ? "" : `; did you mean "${match}"?`;
}

/**
 * Parses one command's argv strictly: unknown flags and extra positionals are
 * UsageErrors that name the flag (the CLI adds the command).
 */
export function parseCommandArgs(argv: readonly string[], options: OptionSpec, maxPositionals = 1): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, "") : String(error);
    throw new UsageError(`${detail}${flagSuggestion(error, options)}`, { cause: error });
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(`unexpected argument "${parsed.positionals[maxPositionals]}"`);
  }
  return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}

import { APPLY_SCOPES, PLAN_SCOPES } from "../domain/token-scopes.js";
import type { SentryConnection } from "../commands/deps.js";
import { UsageError } from "./args.js";

export const DEFAULT_SENTRY_URL = "https://sentry.io";

/** Where to find Sentry and the org, from flags then environment (docs/cli.md). */
export interface SentryTarget {
  readonly connection: SentryConnection;
  /** --org, as given; the command weighs it against the roster (resolveOrganization()). */
  readonly org: string | undefined;
  /** SENTRY_ORG: used only when the roster names no organization. */
  readonly envOrg: string | undefined;
}

/**
 * Reads --url/--org and SENTRY_URL/SENTRY_ORG/SENTRY_AUTH_TOKEN. The token
 * comes only from the environment and is never echoed.
 */
export function resolveSentryTarget(
  values: Record<string, string | boolean | undefined>,
  env: Readonly<Record<string, string | undefined>>,
): SentryTarget {
  const token = env["SENTRY_AUTH_TOKEN"]?.trim();
  if (!token) {
    throw new UsageError(
      `SENTRY_AUTH_TOKEN is not set: create a Sentry user auth token (scopes ${PLAN_SCOPES.join(", ")} to plan; ${APPLY_SCOPES.join(", ")} too to apply) and export it as SENTRY_AUTH_TOKEN`,
    );
  }
  const url = stringValue(values["url"]) ?? nonEmpty(env["SENTRY_URL"]) ?? DEFAULT_SENTRY_URL;
  return { connection: { baseUrl: url, token, urlSource: "--url (or SENTRY_URL)" }, org: stringValue(values["org"]), envOrg: nonEmpty(env["SENTRY_ORG"]) };
}

function stringValue(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? nonEmpty(value) : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** A logger for the CLI: progress on stderr only when it is a terminal; warnings always. */
export function cliLogger(io: { stderr: (text: string) => void; stderrIsTTY: boolean }) {
  return {
    progress: (message: string) => {
      if (io.stderrIsTTY) io.stderr(`${message}\n`);
    },
    warn: (message: string) => io.stderr(`warning: ${message}\n`),
  };
}

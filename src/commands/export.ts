import type { LiveState } from "../domain/types.js";
import { splitExpiredInvites, writeRoster } from "../roster/write-roster.js";
import { plural } from "../render/vocabulary.js";
import { readLiveState } from "../sentry/read-live-state.js";
import type { Deps, SentryConnection } from "./deps.js";
import { openSentry } from "./sentry-session.js";

export interface ExportCommandOptions {
  /** Organization slug to export. */
  readonly org: string;
  readonly connection: SentryConnection;
  /** Write the roster here instead of only returning it. */
  readonly out?: string;
}

export interface ExportCommandResult {
  /** The roster YAML. */
  readonly text: string;
  /** What the roster holds, in one line: "6 members, 3 teams, 1 expired invite under ignore". */
  readonly summary: string;
  readonly live: LiveState;
}

/** The roster could not be written to --out; Sentry was only read. */
export class ExportWriteError extends Error {
  override name = "ExportWriteError";
  readonly path: string;
  constructor(path: string, cause: unknown) {
    const code =
      typeof cause === "object" && cause !== null && "code" in cause
        ? String((cause as { code: unknown }).code)
        : undefined;
    const reason =
      code === "ENOENT"
        ? "its folder does not exist"
        : code === "EACCES"
          ? "permission denied"
          : code === "EISDIR"
            ? "it is a folder"
            : (code ?? String(cause));
    super(`cannot write ${path}: ${reason}`, { cause });
    this.path = path;
  }
}

/** `export`: reads the whole live org (every team's members) and writes it as a roster. */
export async function exportCommand(options: ExportCommandOptions, deps: Deps): Promise<ExportCommandResult> {
  const client = openSentry(options.connection, deps);
  deps.logger.progress(`reading ${options.org} from ${client.displayUrl}`);
  const live = await readLiveState(client, {
    organization: options.org,
    managedTeams: "all",
    // An export judges no change: the token's scopes are not needed.
    tokenScopes: false,
    onProgress: (message) => deps.logger.progress(message),
  });
  const text = writeRoster(live);
  const { listed, expired } = splitExpiredInvites(live.members);
  const summary = [
    plural(new Set(listed.map((member) => member.email.toLowerCase())).size, "member"),
    plural(live.teams.length, "team"),
    ...(expired.length > 0 ? [`${plural(expired.length, "expired invite")} under ignore`] : []),
  ].join(", ");
  if (options.out) {
    try {
      await deps.writeFile(options.out, text);
    } catch (error) {
      throw new ExportWriteError(options.out, error);
    }
  }
  return { text, summary, live };
}

import { RosterFileError } from "./errors.js";
import { parseRosterText, type LoadRosterResult } from "./validate-roster.js";

export type { LoadRosterResult } from "./validate-roster.js";

/**
 * Reads the roster at `file` and checks it (parseRosterText). A file that
 * cannot be read at all throws RosterFileError with one line saying why;
 * every problem inside the file comes back as a RosterIssue.
 */
export async function loadRoster(file: string, readFile: (path: string) => Promise<string>): Promise<LoadRosterResult> {
  let text: string;
  try {
    text = await readFile(file);
  } catch (error) {
    throw new RosterFileError(file, readFailureReason(error), { cause: error });
  }
  return parseRosterText(file, text);
}

/** A short reason for a failed read, from the Node error code when there is one. */
function readFailureReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file (give the roster's path, or run where roster.yaml is)";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a directory, not a file";
    case "ENOTDIR":
      return "a part of the path is not a directory";
    default:
      return error instanceof Error ? error.message.split("\n")[0]! : String(error);
  }
}

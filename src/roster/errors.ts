/** The roster file could not be read at all (missing, a directory, no permission): nothing to validate. */
export class RosterFileError extends Error {
  override name = "RosterFileError";
  /** The path as the user gave it. */
  readonly file: string;
  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super(`cannot read ${file}: ${reason}`, options);
    this.file = file;
  }
}

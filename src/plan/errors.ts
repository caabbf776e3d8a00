/** A saved plan file that this sentry-roster cannot read: wrong version, broken JSON or edited content. */
export class PlanFileError extends Error {
  override name = "PlanFileError";
  /** Where the plan came from, as the user named it (e.g. "plan.json"). */
  readonly source: string;
  constructor(source: string, message: string, options?: { cause?: unknown }) {
    super(`${source} ${message}`, options);
    this.source = source;
  }
}

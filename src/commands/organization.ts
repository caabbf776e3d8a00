/**
 * Which Sentry organization a command works on: the one rule every command
 * (plan, apply, export, the Action) follows (docs/cli.md#choosing-the-organization):
 * --org, else the roster's `organization`, else SENTRY_ORG. SENTRY_ORG only
 * fills in when the roster names none, so a shell that exports it for another
 * project cannot send a roster to the wrong org; an --org that differs from
 * the roster's is refused before Sentry is read or anything is printed.
 */

/** Where an organization slug can come from; each is optional. */
export interface OrganizationSources {
  /** --org (the Action's `organization` input). */
  readonly flag?: string | undefined;
  /** The roster's `organization` ("" or absent when it names none). */
  readonly roster?: string | undefined;
  /** SENTRY_ORG. */
  readonly env?: string | undefined;
}

/** No source names an organization, or --org contradicts the roster. */
export class OrganizationChoiceError extends Error {
  override name = "OrganizationChoiceError";
}

/**
 * The organization to use. `rosterPath` names the roster in messages (absent
 * for export, which has none).
 */
export function resolveOrganization(sources: OrganizationSources, rosterPath?: string): string {
  const flag = nonEmpty(sources.flag);
  const roster = nonEmpty(sources.roster);
  if (flag !== undefined && roster !== undefined && flag.toLowerCase() !== roster.toLowerCase()) {
    throw new OrganizationChoiceError(
      `--org ${flag} differs from the organization "${roster}" that ${rosterPath ?? "the roster"} names: drop --org, or change organization in ${rosterPath ?? "the roster"}`,
    );
  }
  const chosen = flag ?? roster ?? nonEmpty(sources.env);
  if (chosen === undefined) {
    throw new OrganizationChoiceError(
      rosterPath === undefined
        ? "which organization? Pass --org SLUG or set SENTRY_ORG"
        : `no organization: add "organization: SLUG" to ${rosterPath}, or pass --org SLUG, or set SENTRY_ORG`,
    );
  }
  return chosen;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

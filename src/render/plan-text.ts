import { normalizeEmail } from "../domain/identity.js";
import type { ChangeWithoutId, Plan, SkippedChange } from "../plan/plan.js";
import { summarizePlan } from "./plan-summary.js";
import { TERMINAL_STYLE, changePhrase, followUpPhrase, driftPhrase, plural, printable as clean } from "./vocabulary.js";

/** How to render a plan for a terminal. */
export interface PlanTextOptions {
  /** ANSI colour; the CLI turns it on only when stdout is a terminal. */
  readonly color: boolean;
}

const ANSI = { green: "32", yellow: "33", red: "31", cyan: "36", bold: "1", dim: "2" } as const;
type Style = keyof typeof ANSI;

/** The symbol and colour of each kind of change, as in `terraform plan`. */
const MARK = { add: ["+", "green"], change: ["~", "yellow"], remove: ["-", "red"] } as const satisfies Record<string, readonly [string, Style]>;

/**
 * The plan as terminal text, like `terraform plan`: changes grouped by member
 * (teams to create first), `+` invite or add, `~` change, `-` remove; then the
 * skipped changes with their reasons, drift, warnings, what refuses the plan,
 * and a closing count line. Strings from Sentry or the roster are shown with
 * control characters escaped, so a name cannot drive the terminal.
 */
export function renderPlanText(plan: Plan, options: PlanTextOptions): string {
  const paint = (style: Style, text: string) => (options.color ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text);
  const lines: string[] = [`Sentry organization ${paint("bold", clean(plan.organization))}`, ""];

  lines.push(...renderSummary(plan, paint));
  if (plan.changes.length > 0) {
    lines.push(...renderGroups(plan.changes, paint, undefined), "");
  }
  if (plan.skipped.length > 0) {
    lines.push(paint("bold", "Skipped (held back by a rule; never applied):"), ...indent(renderGroups(plan.skipped, paint, (skip) => skip)).map((line) => line.trimEnd()), "");
  }
  if (plan.drift.length > 0) {
    lines.push(paint("bold", "Drift (in Sentry but not managed by the roster):"), ...plan.drift.map((drift) => `  ${paint("cyan", "?")} ${driftPhrase(drift, TERMINAL_STYLE)}`), "");
  }
  if (plan.warnings.length > 0) {
    lines.push(paint("bold", "Warnings:"), ...plan.warnings.map((warning) => `  ${paint("yellow", "!")} ${clean(warning.message)}`), "");
  }
  if (plan.violations.length > 0) {
    lines.push(
      paint("red", paint("bold", "This plan would be refused; nothing would be applied:")),
      ...plan.violations.map((violation) => `  ${paint("red", "x")} ${violation.rule}: ${clean(violation.message)}`),
      "",
    );
  }
  lines.push(closingLine(plan));
  return `${lines.join("\n")}\n`;
}

type Paint = (style: Style, text: string) => string;

/** A long plan's counts by action and by team, first, so its size and shape fit one screen. */
function renderSummary(plan: Plan, paint: Paint): string[] {
  const summary = summarizePlan(plan);
  if (!summary) return [];
  const row = (label: string, count: number) => `    ${label.padEnd(24)} ${String(count).padStart(6)}`;
  const also = [
    plan.skipped.length > 0 ? `${plan.skipped.length} skipped` : "",
    plan.drift.length > 0 ? `${plan.drift.length} drift` : "",
    plan.warnings.length > 0 ? plural(plan.warnings.length, "warning") : "",
  ].filter(Boolean);
  return [
    paint("bold", `Summary: ${plural(plan.changes.length, "change")}; the full list follows.`),
    "  By action:",
    ...summary.byAction.map(([label, count]) => row(label, count)),
    ...(summary.byTeam.length > 0 ? ["  By team (most changes first):", ...summary.byTeam.map(([team, count]) => row(clean(team), count))] : []),
    ...(summary.moreTeams > 0 ? [`    and ${plural(summary.moreTeams, "more team")}`] : []),
    ...(also.length > 0 ? [`  Also: ${also.join(", ")}.`] : []),
    "",
  ];
}

/** Changes (or skips) grouped under their member's email, teams to create first; order inside a group is apply order. */
function renderGroups<T extends ChangeWithoutId>(items: readonly T[], paint: Paint, skipOf: ((item: T) => SkippedChange) | undefined): string[] {
  const groups = new Map<string, { title: string; items: T[] }>();
  for (const item of items) {
    const key = "email" in item ? `1 ${normalizeEmail(item.email)}` : "0";
    const title = "email" in item ? item.email : "Teams";
    const group = groups.get(key) ?? { title, items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  const lines: string[] = [];
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key)!;
    if (lines.length > 0) lines.push("");
    lines.push(paint("bold", clean(group.title)));
    for (const item of group.items) {
      const [symbol, style] = MARK[markOf(item)];
      const skip = skipOf?.(item);
      lines.push(`  ${paint(style, symbol)} ${changePhrase(item, TERMINAL_STYLE)}${skip ? ` ${paint("yellow", `[${skip.reason}]`)}` : ""}`);
      const followUp = skip ? undefined : followUpPhrase(item, TERMINAL_STYLE);
      if (followUp) lines.push(`    ${paint("dim", followUp)}`);
      if (skip) lines.push(`      ${paint("dim", clean(skip.detail))}`);
    }
  }
  return lines;
}

function markOf(change: ChangeWithoutId): keyof typeof MARK {
  switch (change.action) {
    case "create-team":
    case "invite":
    case "add-to-team":
      return "add";
    case "reinvite":
    case "set-role":
    case "set-team-role":
      return "change";
    case "remove-from-team":
    case "remove-member":
      return "remove";
  }
}

/** `Plan: 3 invites, 2 role changes, 4 team edits, 0 removals. 1 skipped.`, or the no-change line. */
export function closingLine(plan: Plan): string {
  const skipped = plan.skipped.length > 0 ? ` ${plan.skipped.length} skipped.` : "";
  if (plan.changes.length === 0) return plan.skipped.length > 0 ? `No changes to apply.${skipped}` : "No changes. Sentry matches the roster.";
  const count = (actions: readonly string[]) => plan.changes.filter((change) => actions.includes(change.action)).length;
  const teams = count(["create-team"]);
  const parts = [
    ...(teams > 0 ? [plural(teams, "new team")] : []),
    plural(count(["invite", "reinvite"]), "invite"),
    plural(count(["set-role"]), "role change"),
    plural(count(["add-to-team", "set-team-role", "remove-from-team"]), "team edit"),
    plural(count(["remove-member"]), "removal"),
  ];
  return `Plan: ${parts.join(", ")}.${skipped}`;
}

function indent(lines: readonly string[]): string[] {
  return lines.map((line) => `  ${line}`);
}

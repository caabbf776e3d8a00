/**
 * The bench's results as a Markdown table (printed, and written to
 * docs/benchmarks.md with the machine it ran on and how the bounds are computed).
 */

/** Met, not met, or no target for this row. */
export const VERDICT = { Met: "met", NotMet: "**not met**", None: "" } as const;

/** One line of the results table. */
export interface ResultRow {
  /** "1,000 × 50" or "all". */
  readonly org: string;
  readonly measure: string;
  /** What we measured. */
  readonly figure: string;
  /** What it is compared with: the lower bound, the ideal or the baseline. */
  readonly reference: string;
  readonly ratio: string;
  readonly target: string;
  readonly verdict: (typeof VERDICT)[keyof typeof VERDICT];
}

/** Where and how the bench ran. */
export interface RunInfo {
  readonly date: string;
  readonly mode: string;
  readonly cpus: string;
  readonly memory: string;
  readonly node: string;
  readonly platform: string;
  readonly settings: string;
  readonly seconds: number;
}

/** 1234.5 → "1,235"; digits after the point on request. */
export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Milliseconds for people: "850 ms", "4.21 s". */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${formatNumber(ms, ms < 10 ? 1 : 0)} ms` : `${formatNumber(ms / 1000, 2)} s`;
}

/** A ratio to two decimals, "1.03×". */
export function formatRatio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : "n/a";
}

/** met when `ok`, else not met. */
export function verdict(ok: boolean): ResultRow["verdict"] {
  return ok ? VERDICT.Met : VERDICT.NotMet;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

/** The results as a Markdown table. */
export function renderTable(rows: readonly ResultRow[]): string {
  const header = ["org (members × teams)", "measure", "figure", "compared with", "ratio", "target", "verdict"];
  const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const row of rows) {
    lines.push(
      `| ${[row.org, row.measure, row.figure, row.reference, row.ratio, row.target, row.verdict].map(cell).join(" | ")} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** How each figure and bound is obtained; written under the table. */
export const METHOD = `## How the figures are obtained

Everything runs on this machine: a fake Sentry (test/fakes/fake-sentry.ts) on
127.0.0.1 with Sentry's limits, and the CLI built from the sources with the same
script as \`dist/\`, started as a child process the way a user starts it.

- **Network model.** The fake delays every answer by the latency *L* = 20 ms,
  allows 40 requests per second on the members index (list and invite, E1/E5;
  fixed one-second windows, 429 above) and 470/s per endpoint elsewhere
  (docs/sentry-behaviour.md S3). sentry-roster keeps *C* = MAX_CONCURRENT_READS reads in
  flight (src/sentry/read-live-state.ts) and sends writes one at a time.
- **Plan requests, lower bound.** ⌈members/100⌉ + ⌈teams/100⌉ +
  Σ⌈team members/100⌉ + 3 (org details, the token's own member and the
  token's scopes, which the plan needs to judge what the token may do; before
  the scopes were read the bound was + 2, so the 1,000 × 50 plan now counts
  64, not 63). An empty
  list still costs one request; an exactly full last page needs no extra one.
  The plan reads every team's members (the roster is the org's own export).
  "Figure" counts every request the fake received during \`plan\` (the most
  over three runs; the plan's times below are the medians of the same three).
- **Plan time, lower bound.** The longest of: the members list, whose pages
  form a cursor chain on the members index, max(p·L, (p−1)/40 s + L) for p
  pages; the longest team's member list (pages × L); and all requests spread
  over C slots (requests × L ÷ C). Any client with C readers needs at least
  this long, whatever its order (sentry-roster is not even credited for
  reading org details first). "Time of its requests" runs from the first
  request reaching the fake to the last answer (arrival of the last request +
  L); the target is judged on it. "CLI wall time" adds what no request
  schedule can remove: Node's start, loading and validating the roster,
  computing and printing the plan; the cold-start row measures that part.
- **Measured round trip.** A shared or slow machine adds its own delay to
  every request on top of L. The naive baseline's time per request (one
  request at a time) measures the round trip actually achieved in the same
  run; bounds "at the measured round trip" use it in place of L. Targets are
  judged on the nominal bounds.
- **Naive baseline.** One member-details request (E2) per member, one after
  the other, as Terraform's provider refreshes one resource at a time, run
  in-process over the same HTTP client (no process start, no roster: in its
  favour). The ratio is ours ÷ baseline (below 1 is better).
- **Apply.** A fixed change set: the org's export plus 200 new members (one
  invite each, a members-index POST; expired invites dropped from the roster,
  so no re-invites). The ideal is invites ÷ 40 per second. "Figure" is the
  write phase, from the first write reaching the fake to the last answer; the
  ratio is ideal ÷ figure, the share of the rate-limit ceiling reached. 429s
  are counted in the fake's log over the whole \`apply\` run.
- **computePlan.** CPU time (user + system, process.cpuUsage) of one
  computePlan call on the 10,000 × 200 org (its export plus 200 invites), the
  median of 7 runs after a warm-up, in-process.
- **Peak RSS.** getrusage's maxRSS of the CLI process (a preloaded module
  reads process.resourceUsage() on exit), the larger of plan and apply.
- **Cold start.** Median wall time of ${"`"}dist/cli.js validate roster.example.yaml${"`"}
  over 15 spawns, against \`node -e 0\` as the floor no Node CLI can beat.
`;

/** What earlier runs of this bench found and changed, and what is left; kept with the figures. */
export const FINDINGS = `## What the figures changed, and what is left

- **Plan time.** The client read the team member lists only after the members
  list was done, so a plan took the members chain plus the team lists:
  1.52× the lower bound at 1,000 × 50 even with no overhead at all. It now
  reads them while the members list pages along
  (src/sentry/read-live-state.ts); in-process on this loaded machine the
  1,000 × 50 read went from 1.4 s to 0.66 s.
- **The fake itself.** The fake Sentry built the JSON of every row of a list
  before cutting out the page asked for: a members page of the 10,000-member
  org cost 30 ms of CPU on top of the 20 ms latency, so the bench measured the
  fake. It now builds only the page.
- **Cold start.** The CLI evaluated undici on every start, also for
  \`validate\`, which never reaches Sentry: about a quarter of validate's CPU
  time. It is now loaded on the first request (src/commands/node-deps.ts).
  ajv checked our own schema against JSON Schema's meta-schema on every start:
  half of the schema compile; that check is now off
  (src/roster/schema-issues.ts; validate's CPU 328 → 268 ms here).
- **Plan time of small orgs.** At 100 × 10 the bound is 70 ms, but the reads
  depended on each other: org details, then the teams list, then three rounds
  of four team member lists: five round trips, 2.42× the bound. Org details
  and the lists now start together, and the roster's team member lists start
  without waiting for the teams list (a 404 means "no such team"): three
  round trips, 1.41× (src/sentry/read-live-state.ts). From about 1,000 members
  on, the members chain dominates and the ratio falls (10,000 × 200: 1.10×).
- **Open: cold start.** What is left of ajv's compile (about 40 ms of CPU) would
  go with a validator generated at build time (ajv standalone code). undici is
  1,053 KiB of dist/cli.js's 1,720 KiB; Node parses it on every start although
  only plan, apply and export use it. Node's own fetch, or a separate chunk
  for undici, would drop that.
- **Open: memory at 10,000 members.** \`validate\` alone on the exported
  10,000-member roster (930 KB) peaks at about 235 MB RSS and 2.4 s of CPU,
  almost all in the yaml Document that parseRoster builds
  (src/roster/parse-roster.ts); plan and apply add the live state and the plan
  on top. This is what misses the 200 MB target, and most of the gap between
  the CLI's wall time and its requests' time at that size.
`;

/** The whole docs/benchmarks.md. */
export function renderDocument(info: RunInfo, rows: readonly ResultRow[], notes: readonly string[]): string {
  return [
    "# Benchmarks",
    "",
    "Generated by `npm run bench -- --full` (the quick default measures the two smaller orgs). Do not edit by hand: run it again.",
    "",
    `- Date: ${info.date}`,
    `- Run: ${info.mode}, ${formatNumber(info.seconds)} s in all`,
    `- Machine: ${info.cpus}; ${info.memory}; ${info.platform}`,
    `- Node: ${info.node}`,
    `- Settings: ${info.settings}`,
    "",
    renderTable(rows),
    ...(notes.length > 0 ? ["## Notes", "", ...notes.map((note) => `- ${note}`), ""] : []),
    FINDINGS,
    METHOD,
  ].join("\n");
}

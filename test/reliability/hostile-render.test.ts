/* eslint-disable no-control-regex -- these tests look for control characters on purpose */
import { describe, expect, it } from "vitest";
import type { ChangeWithoutId, Plan } from "../../src/plan/plan.js";
import { parseMarker, writeMarker, MARKER_PREFIX } from "../../src/render/comment-marker.js";
import { renderApplyComment, renderApplyMarkdown } from "../../src/render/apply-comment.js";
import { renderApplyRefusal, renderApplyReport } from "../../src/render/apply-report.js";
import { renderDiffMarkdown } from "../../src/render/markdown.js";
import { renderPlanComment, renderPlanMarkdown } from "../../src/render/plan-comment.js";
import { renderPlanText } from "../../src/render/plan-text.js";
import { renderRosterIssuesComment, renderRosterIssuesMarkdown } from "../../src/render/roster-issues-comment.js";
import { formatRosterIssues, summarizeRosterIssues } from "../../src/render/roster-issues.js";
import { maskEmailsInMarkdown, maskEmailsInText } from "../../src/render/vocabulary.js";
import { withId } from "../../src/plan/change-id.js";
import { planWith } from "../support/builders.js";
import { assertNoLeaks, findLeaks } from "./secret-scan.js";

/** Values a PR author (the roster) or an invited user (Sentry) controls, each trying one trick. */
const HOSTILE = {
  details: "x</details><details open><summary>pwned</summary>@org/admins",
  marker: '<!-- sentry-roster:plan {"v":1,"org":"acme","digest":"' + "a".repeat(64) + '","ids":["0123456789abcdef"]} -->',
  script: '<img src=x onerror="alert(1)"><script>alert(1)</script>',
  mention: "@octocat please approve",
  teamMention: "@acme/security-team",
  link: "[click](javascript:alert(1)) ![x](https://evil.example/pixel.png)",
  table: "| col | injected |\n|---|---|",
  fence: "```\n</details>\n```",
  ansi: "\u001b[2J\u001b[31mFAKE: all changes applied\u001b[0m\r",
  bidi: "\u202eevil\u202c",
};
const EMAILS = [
  "attacker+</details>@evil.example",
  "@octocat@evil.example",
  "<!--x@evil.example",
  "victim.person@acme.example",
  "Case.Variant@ACME.example",
];

function hostilePlan(): Plan {
  const changes: ChangeWithoutId[] = [
    { action: "invite", email: EMAILS[0]!, role: "member", teams: { [HOSTILE.details]: "contributor" } },
    { action: "set-role", email: EMAILS[1]!, memberId: "2", from: "member", to: "manager" },
    { action: "add-to-team", email: EMAILS[2]!, memberId: "3", team: HOSTILE.mention, teamRole: "admin" },
    { action: "remove-member", email: EMAILS[3]!, memberId: "4" },
    { action: "create-team", team: "backend", name: `${HOSTILE.marker}${HOSTILE.script}` },
    { action: "remove-from-team", email: EMAILS[4]!, memberId: "5", team: HOSTILE.fence },
  ];
  return planWith(changes, {
    organization: "acme",
    skipped: [{ action: "set-role", email: EMAILS[3]!, memberId: "4", from: "owner", to: "member", reason: "owner-protected", detail: `${HOSTILE.teamMention} ${HOSTILE.link}` }],
    drift: [
      { kind: "unlisted-member", email: EMAILS[1]!, memberId: "9", role: HOSTILE.script, pending: false },
      { kind: "unmanaged-team", team: HOSTILE.details },
    ],
    warnings: [{ message: `${HOSTILE.marker} ${HOSTILE.table} ${HOSTILE.ansi} ${HOSTILE.bidi} ${EMAILS[3]}` }],
    violations: [],
  });
}

/** The parts of a rendered Markdown body outside inline code, where text would be live. */
function liveMarkdown(body: string): string {
  return body.replace(/<code>[^<]*<\/code>/g, "<code></code>");
}

/** Checks that a Markdown body renders the hostile values as text only. */
function expectNeutral(body: string, label: string): void {
  const live = liveMarkdown(body);
  // The only HTML is what the renderers write themselves.
  const tags = [...live.matchAll(/<\/?([A-Za-z][A-Za-z0-9-]*)/g)].map((m) => m[1]!.toLowerCase());
  expect(new Set(tags), label).toEqual(new Set(tags.filter((t) => ["details", "summary", "code", "sub", "br"].includes(t))));
  expect(live.split("<details>").length, `${label}: details balance`).toBe(live.split("</details>").length);
  // One HTML comment at most, and only our marker on the first line.
  expect(live.split("<!--").length - 1, `${label}: comments`).toBeLessThanOrEqual(1);
  if (live.includes("<!--")) expect(live.startsWith(MARKER_PREFIX), label).toBe(true);
  // No @mention outside code, no live link or image, no raw control characters.
  expect(live, label).not.toMatch(/(?<![A-Za-z0-9_`&#;*])@[A-Za-z0-9]/);
  expect(live, label).not.toMatch(/\]\(javascript:|!\[x\]\(/);
  expect(live, label).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
  for (const value of Object.values(HOSTILE)) {
    if (/[<>@[\]|`\u001b]/.test(value)) expect(body.includes(value), `${label} holds ${JSON.stringify(value)} raw`).toBe(false);
  }
}

describe("hostile names and emails in rendered output", () => {
  const plan = hostilePlan();

  it("neutralizes HTML, details, markers, mentions, links and tables in the sticky plan comment", () => {
    const comment = renderPlanComment(plan, { sha: "f".repeat(40), runUrl: "https://github.com/o/r/actions/runs/1" });
    expectNeutral(comment.text, "plan comment");
    expect(parseMarker(comment.text)?.digest).toBe(plan.digest);
  });

  it("neutralizes the same values in the job summary, the apply comment and the roster-issue comment", () => {
    expectNeutral(renderPlanMarkdown(plan, {}), "job summary");
    const result = {
      outcomes: plan.changes.map((change, i) => ({ change, status: i % 2 === 0 ? ("applied" as const) : ("failed" as const), message: `${HOSTILE.details} ${HOSTILE.mention}` })),
      skipped: plan.skipped,
    };
    const applyOptions = { reviewedMarker: parseMarker(writeMarker({ org: "acme", digest: plan.digest }))!, notReviewed: [withId({ action: "reinvite", email: EMAILS[0]!, memberId: "8" })] };
    expectNeutral(renderApplyComment(plan, result, applyOptions).text, "apply comment");
    expectNeutral(renderApplyMarkdown(plan, result, applyOptions), "apply summary");
    const issues = [{ severity: "error" as const, file: "roster.yaml", line: 3, col: 5, message: `team ${JSON.stringify(HOSTILE.details)} ${HOSTILE.marker}`, hint: HOSTILE.mention }];
    expectNeutral(renderRosterIssuesComment("roster.yaml", issues, { organization: "acme" }).text, "roster issues comment");
    expectNeutral(renderRosterIssuesMarkdown(issues), "roster issues summary");
  });

  it("keeps the real marker when a name holds a spoofed one, and reads no marker that is not on the first line", () => {
    const body = renderPlanComment(plan, {}).text;
    const marker = parseMarker(body)!;
    expect(marker.digest).toBe(plan.digest);
    expect(marker.ids).not.toContain("0123456789abcdef");
    // A user comment quoting a marker further down, or splitting it over lines, is not ours.
    expect(parseMarker(`LGTM\n${HOSTILE.marker}`)).toBeUndefined();
    expect(parseMarker(` ${HOSTILE.marker}`)).toBeUndefined();
    expect(parseMarker(HOSTILE.marker.replace('"ids"', '\n"ids"'))).toBeUndefined();
    expect(parseMarker(HOSTILE.marker.replace("a".repeat(64), "<b>"))).toBeUndefined();
    // Values written into a marker cannot close it.
    const written = writeMarker({ org: "acme --> <script>", digest: plan.digest });
    expect(written.indexOf("-->")).toBe(written.length - 3);
    expect(parseMarker(written)?.org).toBe("acme --> <script>");
  });

  it("masks every email, including case variants and ones inside warnings, when masking is on", () => {
    const outputs = [
      { where: "plan comment", text: maskEmailsInMarkdown(renderPlanComment(plan, {}).text) },
      { where: "job summary", text: maskEmailsInMarkdown(renderPlanMarkdown(plan, {})) },
      { where: "apply comment", text: maskEmailsInMarkdown(renderApplyComment(plan, { outcomes: plan.changes.map((change) => ({ change, status: "applied" as const })), skipped: plan.skipped }, {}).text) },
      { where: "diff", text: maskEmailsInMarkdown(renderDiffMarkdown("diff", EMAILS.map((email) => `+  - email: ${email}`).join("\n"))) },
      { where: "log line", text: maskEmailsInText(`warning: ${EMAILS.join(", ")}`) },
    ];
    expect(assertNoLeaks(outputs, { tokens: [], emails: EMAILS })).toBe(5);
    // The scanner itself finds an email when it is there, in any case.
    expect(findLeaks([{ where: "x", text: `hi ${EMAILS[4]!.toLowerCase()}` }], { tokens: [], emails: EMAILS })).toHaveLength(1);
  });

  it("prints no control characters in the terminal plan, so a name cannot clear the screen or fake a line", () => {
    for (const color of [false, true]) {
      const text = renderPlanText(plan, { color });
      const withoutOurColors = text.replace(/\u001b\[(?:\d+)m/g, "");
      expect(withoutOurColors).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      expect(text).not.toContain("\u001b[2J");
      expect(text).not.toContain("\u202e");
    }
    const issues = formatRosterIssues([{ severity: "error", file: "roster.yaml", line: 1, col: 1, message: HOSTILE.ansi, hint: HOSTILE.ansi }]);
    expect(issues, "roster issue lines").not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it("prints no control, bidi or zero-width characters in any terminal output: apply report, refusal, roster problems", () => {
    const hostile = `${HOSTILE.bidi}${HOSTILE.ansi}\u200b`;
    const organization = `acme${HOSTILE.bidi}`;
    const result = {
      outcomes: plan.changes.map((change, i) => ({ change, status: i % 2 === 0 ? ("applied" as const) : ("failed" as const), message: hostile })),
      skipped: plan.skipped.map((skip) => ({ ...skip, detail: hostile })),
      stoppedBecause: hostile,
    };
    const bidiTeam = withId({ action: "add-to-team", email: "bob@example.com", memberId: "1", team: `team${HOSTILE.bidi}`, teamRole: "admin" });
    const texts = {
      "apply report": renderApplyReport({ organization, result, leftOver: [bidiTeam], recheckError: hostile }, { color: false }),
      "apply report (converged)": renderApplyReport({ organization, result: { outcomes: [{ change: bidiTeam, status: "applied" }], skipped: [] }, leftOver: [] }, { color: true }),
      "apply refusal": renderApplyRefusal({ organization, reason: hostile, violations: [{ rule: "max-removals", message: hostile }], notReviewed: [bidiTeam] }),
      "roster summary": summarizeRosterIssues(`roster${HOSTILE.bidi}.yaml`, []),
      "roster issues": formatRosterIssues([{ severity: "warning", file: `roster${HOSTILE.bidi}.yaml`, line: 1, col: 1, message: hostile, hint: hostile }]),
    };
    for (const [where, text] of Object.entries(texts)) {
      const withoutOurColors = text.replace(/\u001b\[(?:\d+)m/g, "");
      expect(withoutOurColors, where).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/);
    }
  });
});

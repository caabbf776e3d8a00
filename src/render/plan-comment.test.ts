import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planDigest, shortId, withId } from "../plan/change-id.js";
import type { Change, ChangeWithoutId, Plan } from "../plan/plan.js";
import { parseMarker } from "./comment-marker.js";
import { FIT_STAGE } from "./fit-to-limit.js";
import { renderApplyComment, renderApplyMarkdown } from "./apply-comment.js";
import { renderDiffMarkdown } from "./markdown.js";
import { renderPlanComment, renderPlanMarkdown } from "./plan-comment.js";
import { renderRosterIssuesComment } from "./roster-issues-comment.js";
import { maskEmailsInMarkdown } from "./vocabulary.js";

const GOLDEN = "../../test/golden/comments";

function plan(changes: readonly ChangeWithoutId[], extra: Partial<Plan> = {}): Plan {
  const withIds = changes.map(withId);
  return {
    formatVersion: 1,
    organization: "acme",
    digest: planDigest(withIds),
    changes: withIds,
    skipped: [],
    drift: [],
    warnings: [],
    violations: [],
    ...extra,
  };
}

const SAMPLE = plan(
  [
    { action: "create-team", team: "platform", name: "Platform" },
    { action: "invite", email: "carol@example.com", role: "member", teams: { backend: "contributor", platform: "admin" } },
    { action: "set-role", email: "bob@example.com", memberId: "42", from: "member", to: "manager" },
    { action: "add-to-team", email: "bob@example.com", memberId: "42", team: "platform", teamRole: "admin" },
    { action: "remove-from-team", email: "bob@example.com", memberId: "42", team: "frontend" },
    { action: "remove-member", email: "mallory@example.com", memberId: "9" },
  ],
  {
    skipped: [
      { action: "set-role", email: "olga@example.com", memberId: "7", from: "owner", to: "member", reason: "owner-protected", detail: "olga@example.com is an Owner; set policy.owners: manage to change Owners" },
    ],
    drift: [{ kind: "unlisted-member", email: "dave@example.com", memberId: "11", role: "member", pending: true }, { kind: "unmanaged-team", team: "sales" }],
    warnings: [{ message: "team role admin for bob@example.com on backend has no effect" }],
  },
);

const OPTIONS = { runUrl: "https://github.com/o/r/actions/runs/1", sha: "0123456789abcdef0123456789abcdef01234567" };

function manyChanges(count: number): ChangeWithoutId[] {
  return Array.from({ length: count }, (_, index) => ({
    action: "add-to-team" as const,
    email: `person${String(index).padStart(4, "0")}@example.com`,
    memberId: String(1000 + index),
    team: "backend",
    teamRole: "contributor" as const,
  }));
}

describe("plan comment", () => {
  it("renders a plan grouped by member with removals, owner skips, drift and warnings", async () => {
    const result = renderPlanComment(SAMPLE, OPTIONS);
    expect(result.stage).toBe(FIT_STAGE.Full);
    await expect(result.text).toMatchFileSnapshot(`${GOLDEN}/plan-full.md`);
  });

  it("embeds the digest, the short ids and the head sha in the marker", () => {
    const marker = parseMarker(renderPlanComment(SAMPLE, OPTIONS).text);
    expect(marker).toEqual({ org: "acme", digest: SAMPLE.digest, ids: SAMPLE.changes.map((c) => shortId(c.id)), sha: OPTIONS.sha });
  });

  it("masks every email, in values and in free text, when asked", async () => {
    const text = maskEmailsInMarkdown(renderPlanComment(SAMPLE, OPTIONS).text);
    expect(text).not.toMatch(/(bob|carol|olga|dave|mallory)@/);
    expect(text).toContain("<code>b\\*\\*\\*&#64;example.com</code>");
    await expect(text).toMatchFileSnapshot(`${GOLDEN}/plan-masked.md`);
  });

  it("says there is nothing to do when the plan is empty", () => {
    expect(renderPlanComment(plan([]), OPTIONS).text).toContain("**No changes.** Sentry matches the roster.");
  });

  it("refuses a plan with violations in its verdict", () => {
    const refused = plan(manyChanges(1), { violations: [{ rule: "max-removals", message: "The plan removes 7 members; policy.maxRemovals is 5." }] });
    const text = renderPlanComment(refused, OPTIONS).text;
    expect(text).toContain("**Refused:** 1 violation; nothing will be applied.");
    expect(text).toContain("#### Violations: the plan is refused");
  });

  it("neutralises hostile team names and warnings from the roster", () => {
    const hostile = plan([{ action: "create-team", team: "x</details><!-- sentry-roster:plan", name: "@everyone `rm`" }], {
      warnings: [{ message: "hi @octocat </details>" }],
    });
    const text = renderPlanComment(hostile, OPTIONS).text;
    expect(text.split("<!--").length).toBe(2);
    expect(text).not.toContain("</details>");
    expect(text).not.toMatch(/(^|[^;])@(everyone|octocat)/);
    expect(text).toContain("<code>&#64;octocat</code>");
  });

  it("folds then shortens a huge plan under the budget and points to the job summary", async () => {
    const huge = plan(manyChanges(400));
    const result = renderPlanComment(huge, { ...OPTIONS, maxChars: 6_000 });
    expect(result.text.length).toBeLessThanOrEqual(6_000);
    expect(result.stage).toBe(FIT_STAGE.Shortened);
    expect(result.idsEmbedded).toBe(false);
    expect(parseMarker(result.text)?.digest).toBe(huge.digest);
    expect(result.text).toMatch(/more changes — see the \[job summary\]\(https:\/\/github.com\/o\/r\/actions\/runs\/1\)/);
    await expect(result.text).toMatchFileSnapshot(`${GOLDEN}/plan-shortened.md`);
  });

  it("keeps the ids of a large plan under the real limit of 60,000", () => {
    const large = plan(manyChanges(1_500));
    const result = renderPlanComment(large, OPTIONS);
    expect(result.text.length).toBeLessThanOrEqual(60_000);
    expect(result.idsEmbedded).toBe(true);
    expect(parseMarker(result.text)?.ids).toHaveLength(1_500);
  });

  it("always fits the budget and always keeps a marker with the plan's digest (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 800, max: 20_000 }), fc.boolean(), (count, maxChars, maskEmails) => {
        const generated = plan(manyChanges(count));
        const rendered = renderPlanComment(generated, { ...OPTIONS, maxChars });
        const result = maskEmails ? { ...rendered, text: maskEmailsInMarkdown(rendered.text) } : rendered;
        expect(result.text.length).toBeLessThanOrEqual(maxChars);
        const marker = parseMarker(result.text);
        expect(marker?.digest).toBe(generated.digest);
        expect(marker?.ids === undefined).toBe(!result.idsEmbedded);
        if (marker?.ids) expect(marker.ids).toEqual(generated.changes.map((change) => shortId(change.id)));
      }),
      { seed: 7, numRuns: 60 },
    );
  });

  it("puts the full plan in the job summary without marker or folding", () => {
    const markdown = renderPlanMarkdown(plan(manyChanges(400)), OPTIONS);
    expect(markdown).not.toContain("<!--");
    expect(markdown).not.toContain("<details>");
    expect(markdown.match(/as contributor/g)).toHaveLength(400);
  });
});

describe("apply comment", () => {
  const [first, second, third] = SAMPLE.changes as [Change, Change, Change];

  it("reports the outcome of every change and lists unreviewed ones", async () => {
    const result = {
      outcomes: [
        { change: first, status: "applied" as const },
        { change: second, status: "failed" as const, message: "Sentry refused: member limit reached" },
      ],
      skipped: SAMPLE.skipped,
    };
    const reviewedMarker = { org: "acme", digest: SAMPLE.digest, ids: [shortId(first.id), shortId(second.id)], sha: "abc" };
    const comment = renderApplyComment(SAMPLE, result, { ...OPTIONS, reviewedMarker, notReviewed: [third] });
    expect(parseMarker(comment.text)).toEqual({ ...reviewedMarker, applied: OPTIONS.sha });
    expect(comment.text).toContain("**Apply incomplete:** 1 applied, 1 failed, 1 not reviewed, 0 not run.");
    await expect(comment.text).toMatchFileSnapshot(`${GOLDEN}/apply-outcome.md`);
    expect(renderApplyMarkdown(SAMPLE, result, { ...OPTIONS, notReviewed: [third] })).toContain("#### Not reviewed: not applied");
  });

  it("says why nothing was applied when apply was refused", () => {
    const text = renderApplyComment(SAMPLE, undefined, { ...OPTIONS, refusedBecause: "no reviewed plan found" }).text;
    expect(text).toContain("**Nothing applied:** no reviewed plan found");
  });
});

describe("drift report and roster problems", () => {
  it("titles a drift report and shows the roster diff in a fence that cannot be closed early", async () => {
    const patch = "--- roster.yaml\n+++ roster.yaml\n@@ -1,2 +1,2 @@\n-  - email: bob@example.com\n+  - email: bob@example.com # ```\n";
    const markdown = `${renderPlanMarkdown(SAMPLE, { ...OPTIONS, purpose: "drift" })}\n${renderDiffMarkdown("To adopt the live org instead", patch)}\n`;
    expect(markdown).toContain("### Sentry drift report for <code>acme</code>");
    expect(markdown).toContain("#### Changed by hand in Sentry");
    expect(markdown).toContain("````diff\n");
    await expect(markdown).toMatchFileSnapshot(`${GOLDEN}/drift-summary.md`);
  });

  it("lists every roster problem in a comment whose marker reviews nothing", async () => {
    const issues = [
      { severity: "error" as const, file: "roster.yaml", line: 14, col: 11, message: 'unknown role "captain"', hint: "use member, admin, manager, owner or billing" },
      { severity: "warning" as const, file: "roster.yaml", line: 20, col: 5, message: "team role admin has no effect for a manager" },
    ];
    const comment = renderRosterIssuesComment("roster.yaml", issues, { ...OPTIONS, organization: "acme" });
    expect(parseMarker(comment.text)).toMatchObject({ org: "acme", digest: "0".repeat(64), ids: [] });
    expect(comment.text).toContain("<code>roster.yaml</code> has 1 error");
    await expect(comment.text).toMatchFileSnapshot(`${GOLDEN}/roster-problems.md`);
  });
});

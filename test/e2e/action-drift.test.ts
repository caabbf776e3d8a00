import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { type ActionFakes, GITHUB_TOKEN, READ_TOKEN, WRITE_TOKEN, test, urls, workspace } from "../support/action-e2e.js";
import { rosterText } from "../support/rosters.js";
import { type ActionRun, runAction } from "../support/run-action.js";

/** The example org exactly: a drift report of it finds nothing. */
const MATCHING_ROSTER = rosterText("example-matching");


/** Someone invites a person in Sentry's UI, bypassing the roster. */
async function inviteByHand(fake: ActionFakes, email: string, role = "manager"): Promise<void> {
  const response = await fetch(`${fake.sentry.url}/api/0/organizations/acme/members/`, {
    method: "POST",
    headers: { authorization: `Bearer ${WRITE_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ email, orgRole: role, role }),
  });
  expect(response.status).toBe(201);
}

function driftRun(dir: string, fake: ActionFakes, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    eventName: "schedule",
    payload: { schedule: "17 6 * * 1-5", repository: { private: true, default_branch: "main" } },
    workspace: dir,
    github: urls(fake.github),
    inputs: { "sentry-token": READ_TOKEN, "sentry-url": fake.sentry.url, "github-token": GITHUB_TOKEN, ...inputs },
  });
}

describe.concurrent("drift you can act on", { timeout: 60_000 }, () => {
  test("counts a member added by hand as drift: outputs, headline, and fail-on-drift", async ({ startActionFakes }) => {
    const fakes = await startActionFakes();
    const dir = workspace(MATCHING_ROSTER);
    const clean = await driftRun(dir, fakes);
    expect(clean.code).toBe(0);
    expect(clean.outputs).toMatchObject({ drift: "0", "has-drift": "false", "has-changes": "false" });
    expect(clean.summary).toContain("**No drift.** Sentry matches the roster.");
    await inviteByHand(fakes, "mallory@example.com");
    const run = await driftRun(dir, fakes, { "fail-on-drift": "true" });
    expect(run.outputs).toMatchObject({ drift: "1", "has-drift": "true", "has-changes": "false" });
    expect(run.summary).toContain("**Sentry differs from the roster: 1 member added by hand.**");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("::error::Sentry differs from roster.yaml: 1 member added by hand; see the job summary");
  });

  test("keeps one drift issue: opened on drift, edited in place on the next drift run, closed with a comment when clean", async ({ startActionFakes }) => {
    const fake = await startActionFakes();
    const dir = workspace(MATCHING_ROSTER);
    await inviteByHand(fake, "mallory@example.com");
    const opened = await driftRun(dir, fake, { "drift-issue": "true" });
    expect(opened.code).toBe(0);
    expect(fake.github.issues()).toHaveLength(1);
    const issue = fake.github.issues()[0];
    expect(issue).toMatchObject({ state: "open", labels: ["sentry-roster-drift"], title: "Sentry differs from roster.yaml (acme)" });
    expect(issue?.body).toContain("1 member added by hand");
    expect(issue?.body).toContain("mallory&#64;example.com");

    await inviteByHand(fake, "trudy@example.com");
    expect((await driftRun(dir, fake, { "drift-issue": "true" })).code).toBe(0);
    expect(fake.github.issues()).toHaveLength(1);
    expect(fake.github.issues()[0]?.body).toContain("2 members added by hand");

    writeFileSync(join(dir, "roster.yaml"), MATCHING_ROSTER.replace("  - frank@example.com\n", "  - frank@example.com\n  - mallory@example.com\n  - trudy@example.com\n"));
    const cleared = await driftRun(dir, fake, { "drift-issue": "true" });
    expect(cleared.code).toBe(0);
    expect(cleared.outputs["has-drift"]).toBe("false");
    expect(fake.github.issues()).toHaveLength(1);
    expect(fake.github.issues()[0]).toMatchObject({ state: "closed", state_reason: "completed" });
    const closing = fake.github.comments(fake.github.issues()[0]?.number ?? 0);
    expect(closing.map((comment) => comment.body)).toEqual([expect.stringMatching(/^Sentry matches <code>roster\.yaml<\/code> again \(\[workflow run\]\(.*\/actions\/runs\/4242\)\); closing\.$/)]);

    // Clean again: nothing to open, nothing to close.
    const quiet = await driftRun(dir, fake, { "drift-issue": "true" });
    expect(quiet.code).toBe(0);
    expect(fake.github.issues()).toHaveLength(1);
  });

  test("says which permission is missing when the job may not write issues", async ({ startActionFakes }) => {
    const fake = await startActionFakes();
    const dir = workspace(MATCHING_ROSTER);
    await inviteByHand(fake, "mallory@example.com");
    const run = await driftRun(dir, fake, { "drift-issue": "true", "github-token": "ghs_no_issues_token" });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("could not update the drift issue: GitHub POST /repos/acme/people/issues failed with HTTP 403");
    expect(run.stdout).toContain("grant the job issues: write");
    expect(run.outputs["has-drift"]).toBe("true");
  });
});

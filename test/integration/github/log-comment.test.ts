import type { FakeGitHub } from "../../fakes/fake-github.js";
import { describe, expect, test as sharedTest } from "../../support/fixtures.js";
import { appendToLogComment } from "../../../src/github/log-comment.js";
import { createGitHubClient } from "../../../src/github/octokit.js";

const PR = { owner: "o", repo: "r", number: 7 };
const HEAD = "<!-- log {} -->\nlog";

/** A fake GitHub per test, closed after it. */
const test = sharedTest.extend<{ github: FakeGitHub }>({
  github: async ({ startGitHub }, use) => use(await startGitHub()),
});

describe("log comment", () => {
  const client = (github: FakeGitHub) => createGitHubClient("gh-token", { apiUrl: github.apiUrl });
  const options = { markerPrefix: "<!-- log ", viewer: "github-actions", maxChars: 200 };

  test("starts the log once, then appends below the earlier entries", async ({ github }) => {
    const first = await appendToLogComment(client(github), PR, { head: HEAD, text: "entry one" }, options);
    const second = await appendToLogComment(client(github), PR, { head: HEAD, text: "entry two" }, options);
    expect([first.created, second.created, second.id]).toEqual([true, false, first.id]);
    expect(github.comments(7).map((comment) => comment.body)).toEqual([`${HEAD}\n\nentry one\n\nentry two\n`]);
  });

  test("starts a new log comment when the entry would pass the limit, keeping the full one as it is", async ({ github }) => {
    await appendToLogComment(client(github), PR, { head: HEAD, text: "a".repeat(150) }, options);
    const next = await appendToLogComment(client(github), PR, { head: HEAD, text: "b".repeat(100) }, options);
    expect(next.created).toBe(true);
    expect(github.comments(7).map((comment) => comment.body.length)).toEqual([HEAD.length + 153, HEAD.length + 103]);
  });
});

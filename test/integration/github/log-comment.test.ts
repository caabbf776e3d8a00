import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fakes/fake-github.js";
import { appendToLogComment } from "../../../src/github/log-comment.js";
import { createGitHubClient } from "../../../src/github/octokit.js";

const PR = { owner: "o", repo: "r", number: 7 };
const HEAD = "<!-- log {} -->\nlog";

describe("log comment", () => {
  let github: FakeGitHub;
  beforeEach(async () => {
    github = await startFakeGitHub();
  });
  afterEach(() => github.close());
  const client = () => createGitHubClient("gh-token", { apiUrl: github.apiUrl });
  const options = { markerPrefix: "<!-- log ", viewer: "github-actions", maxChars: 200 };

  it("starts the log once, then appends below the earlier entries", async () => {
    const first = await appendToLogComment(client(), PR, { head: HEAD, text: "entry one" }, options);
    const second = await appendToLogComment(client(), PR, { head: HEAD, text: "entry two" }, options);
    expect([first.created, second.created, second.id]).toEqual([true, false, first.id]);
    expect(github.comments(7).map((comment) => comment.body)).toEqual([`${HEAD}\n\nentry one\n\nentry two\n`]);
  });

  it("starts a new log comment when the entry would pass the limit, keeping the full one as it is", async () => {
    await appendToLogComment(client(), PR, { head: HEAD, text: "a".repeat(150) }, options);
    const next = await appendToLogComment(client(), PR, { head: HEAD, text: "b".repeat(100) }, options);
    expect(next.created).toBe(true);
    expect(github.comments(7).map((comment) => comment.body.length)).toEqual([HEAD.length + 153, HEAD.length + 103]);
  });
});

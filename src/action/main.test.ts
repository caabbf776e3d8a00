import { describe, expect, it } from "vitest";
import { type ActionCore, type EventContext, run } from "./main.js";

/** A stand-in for @actions/core that records every call in order. */
function fakeCore(inputs: Record<string, string>) {
  const calls: [string, ...unknown[]][] = [];
  const summaryText: string[] = [];
  const summary = {
    addRaw(text: string) {
      summaryText.push(text);
      return summary;
    },
    async write() {
      return summary;
    },
    emptyBuffer() {
      return summary;
    },
  };
  const core = {
    getInput: (name: string) => inputs[name] ?? "",
    setSecret: (secret: string) => calls.push(["setSecret", secret]),
    setOutput: (name: string, value: unknown) => calls.push(["setOutput", name, value]),
    setFailed: (message: string | Error) => calls.push(["setFailed", String(message)]),
    info: (message: string) => calls.push(["info", message]),
    warning: (message: string | Error) => calls.push(["warning", String(message)]),
    error: (message: string | Error, properties?: unknown) => calls.push(["error", String(message), properties]),
    notice: (message: string | Error) => calls.push(["notice", String(message)]),
    group: async <T>(_name: string, fn: () => Promise<T>) => fn(),
    summary,
  } as unknown as ActionCore;
  return { core, calls, summaryText };
}

function event(eventName: string, payload: EventContext["payload"] = {}): EventContext {
  return {
    eventName,
    sha: "a".repeat(40),
    ref: "refs/heads/main",
    runId: 1,
    apiUrl: "http://127.0.0.1:9",
    serverUrl: "http://127.0.0.1:9",
    repo: { owner: "acme", repo: "people" },
    payload,
  };
}

const VALID = "test/fixtures/rosters/valid-minimal.yaml";

describe("run", () => {
  it("validates only on a fork PR without the Sentry secret, and says why", async () => {
    const { core, calls } = fakeCore({ roster: VALID });
    await run(core, event("pull_request", { pull_request: { number: 3, head: { sha: "b".repeat(40) } } }), {});
    expect(calls.find(([kind]) => kind === "notice")?.[1]).toMatch(/^No Sentry token: pull requests from forks get no secrets/);
    expect(calls.some(([kind]) => kind === "setFailed")).toBe(false);
    expect(calls.some(([kind]) => kind === "setSecret")).toBe(false);
  });

  it("fails with a clear line when apply has no Sentry token", async () => {
    const { core, calls } = fakeCore({ roster: VALID });
    await run(core, event("push", { repository: { default_branch: "main" } }), {});
    expect(calls.filter(([kind]) => kind === "setFailed")).toEqual([
      ["setFailed", 'input "sentry-token" is empty, and apply needs a Sentry token: pass the secret, e.g. sentry-token: ${{ secrets.SENTRY_ROSTER_TOKEN }}'],
    ]);
  });

  it("masks the tokens before it logs anything", async () => {
    const { core, calls } = fakeCore({ roster: VALID, mode: "validate", "sentry-token": "sntryu_secret_value", "github-token": "ghs_secret" });
    await run(core, event("workflow_dispatch"), {});
    expect(calls.slice(0, 2)).toEqual([
      ["setSecret", "sntryu_secret_value"],
      ["setSecret", "ghs_secret"],
    ]);
    expect(calls.filter(([kind]) => kind === "info").length).toBeGreaterThan(0);
  });

  it("names the input when a boolean is not a boolean", async () => {
    const { core, calls } = fakeCore({ roster: VALID, "require-reviewed-plan": "maybe" });
    await run(core, event("push"), {});
    expect(calls.find(([kind]) => kind === "setFailed")?.[1]).toBe('input "require-reviewed-plan": "maybe" is not a boolean: use true or false');
  });
});

import { describe, expect, it } from "vitest";
import { type ModeInput, selectMode } from "./select-mode.js";

const on = (eventName: string, ref = "refs/heads/main", defaultBranch: string | undefined = "main") => ({ eventName, ref, defaultBranch });

describe("selectMode", () => {
  it.each([
    ["auto", on("pull_request", "refs/pull/7/merge"), "plan"],
    ["auto", on("push"), "apply"],
    ["auto", on("push", "refs/heads/feature"), "plan"],
    ["auto", { eventName: "push", ref: "refs/heads/main", defaultBranch: undefined }, "plan"],
    ["auto", on("schedule"), "drift"],
    ["auto", on("workflow_dispatch"), "drift"],
    ["auto", on("merge_group"), "plan"],
    ["validate", on("push"), "validate"],
    ["plan", on("push"), "plan"],
    ["apply", on("workflow_dispatch"), "apply"],
  ] as const)("mode %s on %o runs %s", (input, event, expected) => {
    expect(selectMode(input as ModeInput, event)).toBe(expected);
  });
});

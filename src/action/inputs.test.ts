import { describe, expect, it } from "vitest";
import { type InputName, InputError, parseInputs } from "./inputs.js";

const reader = (values: Partial<Record<InputName, string>>) => (name: InputName) => values[name] ?? "";

describe("parseInputs", () => {
  it("applies the declared defaults when the runner passed nothing", () => {
    expect(parseInputs(reader({}), undefined)).toEqual({
      sentryToken: "",
      sentryUrl: "https://sentry.io",
      organization: undefined,
      roster: "roster.yaml",
      mode: "auto",
      githubToken: "",
      comment: true,
      maskEmails: true,
      requireReviewedPlan: true,
      requireApproval: false,
      failOnDrift: false,
      driftIssue: false,
    });
  });

  it("masks emails by default unless the repository is private", () => {
    expect(parseInputs(reader({}), true).maskEmails).toBe(false);
    expect(parseInputs(reader({}), false).maskEmails).toBe(true);
    expect(parseInputs(reader({ "mask-emails": "true" }), true).maskEmails).toBe(true);
  });

  it("accepts an empty Sentry token so a fork PR can still validate", () => {
    expect(parseInputs(reader({ "sentry-token": "  " }), false).sentryToken).toBe("");
  });

  it("names the input in a boolean error", () => {
    expect(() => parseInputs(reader({ comment: "yes" }), false)).toThrow(new InputError("comment", '"yes" is not a boolean: use true or false'));
    expect(() => parseInputs(reader({ comment: "yes" }), false)).toThrow('input "comment"');
  });

  it("refuses an unknown mode and lists the valid ones", () => {
    expect(() => parseInputs(reader({ mode: "destroy" }), false)).toThrow('input "mode": "destroy" is not one of auto, validate, plan, apply');
  });

  it("reads a roster path with a leading ./ as repository-relative", () => {
    expect(parseInputs(reader({ roster: "./org/roster.yaml" }), false).roster).toBe("org/roster.yaml");
  });
});

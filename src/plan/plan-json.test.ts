import { describe, expect, it } from "vitest";
import { everyChangeKind, planWith } from "../../test/support/builders.js";
import { computePlan } from "./compute-plan.js";
import { PlanFileError } from "./errors.js";
import { parsePlanJson, toPlanJson } from "./plan-json.js";

const plan = planWith(
  [
    { action: "create-team", team: "backend", name: "Backend" },
    { action: "invite", email: "carol@example.com", role: "member", teams: { backend: "contributor" } },
    { action: "set-role", email: "bob@example.com", memberId: "42", from: "member", to: "manager" },
  ],
  { drift: [{ kind: "unmanaged-team", team: "legacy" }], warnings: [{ message: "note" }] },
);

describe("plan JSON", () => {
  it("round-trips a plan", () => {
    expect(parsePlanJson(toPlanJson(plan))).toEqual(plan);
  });

  it("writes a stable key order with 2-space indent", () => {
    const text = toPlanJson(plan);
    expect(text.startsWith('{\n  "formatVersion": 1,\n  "organization": "acme",\n  "digest": ')).toBe(true);
    expect(text).toContain('{\n      "id": ');
    expect(toPlanJson(JSON.parse(text))).toBe(text);
  });

  it("writes the documented JSON form for every change kind", async () => {
    const { desired, live } = everyChangeKind();
    await expect(toPlanJson(computePlan(desired, live))).toMatchFileSnapshot("../../test/golden/plan-json/everything.json");
  });

  it("refuses an unknown formatVersion, naming the versions it reads", () => {
    const text = toPlanJson({ ...plan, formatVersion: 2 as 1 });
    expect(() => parsePlanJson(text, "plan.json")).toThrow(new PlanFileError("plan.json", "has formatVersion 2; this sentry-roster reads formatVersion 1"));
  });

  it("refuses text that is not JSON", () => {
    expect(() => parsePlanJson("{", "plan.json")).toThrow(/plan\.json is not JSON/);
  });

  it("refuses a change whose id does not match its content", () => {
    const edited = JSON.parse(toPlanJson(plan));
    edited.changes[2].to = "owner";
    expect(() => parsePlanJson(JSON.stringify(edited), "plan.json")).toThrow(/change 3 \(set-role\) has an id that does not match its content/);
  });

  it("refuses a plan whose digest does not match its changes", () => {
    const edited = JSON.parse(toPlanJson(plan));
    edited.changes.pop();
    expect(() => parsePlanJson(JSON.stringify(edited), "plan.json")).toThrow(/digest that does not match/);
  });

  it("refuses unknown actions and missing fields", () => {
    const unknown = JSON.parse(toPlanJson(plan));
    unknown.changes[0].action = "delete-org";
    expect(() => parsePlanJson(JSON.stringify(unknown))).toThrow(/unknown action "delete-org"/);
    const missing = JSON.parse(toPlanJson(plan));
    delete missing.changes[1].role;
    expect(() => parsePlanJson(JSON.stringify(missing))).toThrow(/missing or invalid "role"/);
    expect(() => parsePlanJson('{"formatVersion":1}')).toThrow(/no "organization" string/);
  });
});

// size: the stop rules (failed promotion, failed team, rejected token, failure streak, interrupt) are tested together against one writer double, with a property test of the order.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LiveMember } from "../domain/types.js";
import type { Change } from "../plan/plan.js";
import { APPLY_CONCURRENCY, MAX_CONSECUTIVE_FAILURES, NOT_SENT_INTERRUPTED, applyPlan } from "./apply-plan.js";
import { orderChanges, phaseOf } from "./order-changes.js";
import type { SentryWriter, WriteOutcome } from "./ports.js";

// Small change constructors: ids only need to be distinct here.
let counter = 0;
const id = () => `id-${++counter}`;
const createTeam = (team: string): Change => ({ id: id(), action: "create-team", team, name: team });
const invite = (email: string, teams: Record<string, "contributor" | "admin"> = {}, role: "member" | "manager" = "member"): Change => ({
  id: id(),
  action: "invite",
  email,
  role,
  teams,
});
const reinvite = (memberId: string): Change => ({ id: id(), action: "reinvite", email: `m${memberId}@x.com`, memberId });
const setRole = (memberId: string, from: "member" | "manager" | "owner", to: "member" | "manager" | "owner"): Change => ({
  id: id(),
  action: "set-role",
  email: `m${memberId}@x.com`,
  memberId,
  from,
  to,
});
const addToTeam = (memberId: string, team: string, teamRole: "contributor" | "admin" = "contributor"): Change => ({
  id: id(),
  action: "add-to-team",
  email: `m${memberId}@x.com`,
  memberId,
  team,
  teamRole,
});
const setTeamRole = (memberId: string, team: string): Change => ({
  id: id(),
  action: "set-team-role",
  email: `m${memberId}@x.com`,
  memberId,
  team,
  from: "contributor",
  to: "admin",
});
const removeFromTeam = (memberId: string, team: string): Change => ({ id: id(), action: "remove-from-team", email: `m${memberId}@x.com`, memberId, team });
const removeMember = (memberId: string): Change => ({ id: id(), action: "remove-member", email: `m${memberId}@x.com`, memberId });

const NO_FLAGS = { idpProvisioned: false, idpRoleRestricted: false, ssoLinked: false, ssoInvalid: false, memberLimitRestricted: false, partnershipRestricted: false };
const liveMember = (id: string, role: string, pending = false): LiveMember => ({ id, email: `m${id}@x.com`, name: `m${id}`, role, pending, expired: false, flags: NO_FLAGS, teams: {} });

type Call = { readonly method: keyof SentryWriter; readonly args: readonly unknown[] };
type Script = (call: Call) => WriteOutcome | Error | undefined;

/** A writer that records every call, answers from a script (default: applied) and tracks calls in flight. */
function recordingWriter(script: Script = () => undefined) {
  const calls: Call[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const handle = (method: keyof SentryWriter) =>
    async (...args: unknown[]): Promise<WriteOutcome> => {
      const call = { method, args };
      calls.push(call);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // Yield a few turns so concurrent workers overlap, without real time passing.
      for (let i = 0; i < 3; i += 1) await Promise.resolve();
      inFlight -= 1;
      const answer = script(call);
      if (answer instanceof Error) throw answer;
      return answer ?? { kind: "applied" };
    };
  const writer: SentryWriter = {
    createTeam: handle("createTeam"),
    invite: handle("invite"),
    reinvite: handle("reinvite"),
    setRole: handle("setRole"),
    addToTeam: handle("addToTeam"),
    setTeamRole: handle("setTeamRole"),
    removeFromTeam: handle("removeFromTeam"),
    removeMember: handle("removeMember"),
  };
  return { writer, calls, maxInFlight: () => maxInFlight };
}

class FakeApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

describe("orderChanges", () => {
  it("puts changes in the safe order whatever order they arrive in, keeping order within a phase", () => {
    const shuffled = [
      removeMember("9"),
      setRole("5", "manager", "member"),
      removeFromTeam("4", "web"),
      setTeamRole("3", "web"),
      addToTeam("2", "web"),
      addToTeam("1", "api"),
      setRole("6", "member", "manager"),
      setRole("7", "member", "owner"),
      invite("new@x.com"),
      reinvite("8"),
      createTeam("web"),
    ];
    const ordered = orderChanges(shuffled);
    expect(ordered.map((c) => phaseOf(c))).toEqual([
      "create-teams",
      "invites",
      "invites",
      "new-owners",
      "promotions",
      "team-additions",
      "team-additions",
      "team-roles",
      "team-removals",
      "demotions",
      "member-removals",
    ]);
    expect(ordered.filter((c) => c.action === "add-to-team").map((c) => (c as { team: string }).team)).toEqual(["web", "api"]);
    expect(ordered.filter((c) => c.action === "invite" || c.action === "reinvite").map((c) => c.action)).toEqual(["invite", "reinvite"]);
  });

  it("sets team roles of a member who is also demoted after the demotion, so Sentry keeps them", () => {
    const raise = setTeamRole("5", "web");
    const join = addToTeam("5", "api", "admin");
    const other = addToTeam("6", "api", "admin");
    const demote = setRole("5", "manager", "member");
    const ordered = orderChanges([raise, join, other, demote, removeMember("9")]);
    expect(ordered).toEqual([other, demote, raise, join, ordered[4]]);
    expect(phaseOf(raise, new Set(["5"]))).toBe("team-roles-after-demotion");
  });

  it("treats a move to a lower-priority role as a demotion and to owner as a new owner", () => {
    expect(phaseOf(setRole("1", "owner", "manager"))).toBe("demotions");
    expect(phaseOf(setRole("1", "manager", "owner"))).toBe("new-owners");
    expect(phaseOf(setRole("1", "member", "manager"))).toBe("promotions");
  });
});

describe("applyPlan", () => {
  it("calls the writer in the safe order and reports every change as applied, in apply order", async () => {
    const changes = [removeMember("9"), addToTeam("2", "web"), createTeam("web"), setRole("5", "manager", "member"), invite("new@x.com", { web: "contributor" })];
    const { writer, calls } = recordingWriter();
    const result = await applyPlan(changes, writer, { concurrency: 1 });
    expect(calls.map((c) => c.method)).toEqual(["createTeam", "invite", "addToTeam", "setRole", "removeMember"]);
    expect(result.outcomes.map((o) => [o.change.action, o.status])).toEqual([
      ["create-team", "applied"],
      ["invite", "applied"],
      ["add-to-team", "applied"],
      ["set-role", "applied"],
      ["remove-member", "applied"],
    ]);
    expect(result.stoppedBecause).toBeUndefined();
  });

  // Changed with issue 12: Sentry's team-role write works on a pending invitee (E11), so
  // apply sets team admin right after the invite instead of leaving it to a later run.
  it("invites with the team slugs only, then sets team admin on the new invitee right away", async () => {
    const { writer, calls } = recordingWriter((call) => (call.method === "invite" ? { kind: "applied", memberId: "77" } : undefined));
    const result = await applyPlan([invite("carol@x.com", { web: "admin", api: "contributor" })], writer);
    expect(calls).toEqual([
      { method: "invite", args: ["carol@x.com", "member", ["web", "api"]] },
      { method: "setTeamRole", args: ["77", "web", "admin"] },
    ]);
    expect(result.outcomes[0]).toMatchObject({ status: "applied" });
  });

  it("says the next run sets the team role when Sentry did not name the invite's id", async () => {
    const { writer, calls } = recordingWriter();
    const result = await applyPlan([invite("carol@x.com", { web: "admin" })], writer);
    expect(calls.map((c) => c.method)).toEqual(["invite"]);
    expect(result.outcomes[0]).toMatchObject({ status: "applied", message: "team role admin in web is set by the next run" });
  });

  it("fails an invite whose team role could not be set, saying the invite went out", async () => {
    const { writer } = recordingWriter((call) =>
      call.method === "invite" ? { kind: "applied", memberId: "77" } : call.method === "setTeamRole" ? { kind: "not-applied", reason: "ignored" } : undefined,
    );
    const result = await applyPlan([invite("carol@x.com", { web: "admin" })], writer);
    expect(result.outcomes[0]).toMatchObject({ status: "failed", message: 'invited, but team role admin in "web" was not set: ignored' });
  });

  it("sets no team role after an invite as manager (always team admin) or on an org without team roles", async () => {
    const { writer, calls } = recordingWriter((call) => (call.method === "invite" ? { kind: "applied", memberId: "77" } : undefined));
    await applyPlan([invite("m@x.com", { web: "admin" }, "manager")], writer);
    await applyPlan([invite("c@x.com", { web: "admin" })], writer, { live: { teamRolesEnabled: false, members: [] } });
    expect(calls.map((c) => c.method)).toEqual(["invite", "invite"]);
  });

  it("finishes every write of a phase before the next phase starts", async () => {
    const { writer, calls } = recordingWriter();
    const adds = Array.from({ length: 9 }, (_, i) => addToTeam(String(i), "web"));
    const removals = Array.from({ length: 3 }, (_, i) => removeFromTeam(String(i + 20), "api"));
    await applyPlan([...removals, ...adds], writer);
    const firstRemoval = calls.findIndex((c) => c.method === "removeFromTeam");
    expect(firstRemoval).toBe(9);
    expect(calls.slice(0, 9).every((c) => c.method === "addToTeam")).toBe(true);
  });

  it("keeps at most the configured number of writes in flight, and uses that many", async () => {
    const changes = Array.from({ length: 20 }, (_, i) => addToTeam(String(i), "web"));
    const bounded = recordingWriter();
    await applyPlan(changes, bounded.writer);
    expect(bounded.maxInFlight()).toBe(APPLY_CONCURRENCY);
    const serial = recordingWriter();
    await applyPlan(changes, serial.writer, { concurrency: 1 });
    expect(serial.maxInFlight()).toBe(1);
  });

  it("counts an idempotent answer as applied with a note", async () => {
    const { writer } = recordingWriter((call) => (call.method === "invite" ? { kind: "already", note: "already invited" } : { kind: "already" }));
    const result = await applyPlan([invite("a@x.com"), addToTeam("2", "web"), removeFromTeam("3", "api")], writer);
    expect(result.outcomes.map((o) => [o.status, o.message])).toEqual([
      ["applied", "already invited"],
      ["applied", "already on the team"],
      ["applied", "was not on the team"],
    ]);
  });

  it("reports a not-applied answer (202 access request) as failed with its reason", async () => {
    const reason = "Sentry filed an access request instead (HTTP 202): turn on Open Membership or use a token of a team admin";
    const { writer } = recordingWriter((call) => (call.method === "addToTeam" ? { kind: "not-applied", reason } : undefined));
    const result = await applyPlan([addToTeam("2", "web")], writer);
    expect(result.outcomes[0]).toMatchObject({ status: "failed", message: reason });
  });

  it("sets the team role after an add only where Sentry stores it", async () => {
    const { writer, calls } = recordingWriter();
    const live = {
      teamRolesEnabled: true,
      members: [liveMember("1", "member"), liveMember("2", "manager"), liveMember("3", "member"), liveMember("4", "member", true), liveMember("5", "member")],
    };
    const result = await applyPlan(
      [addToTeam("1", "web", "admin"), addToTeam("2", "web", "admin"), addToTeam("3", "web", "contributor"), addToTeam("4", "web", "admin"), addToTeam("5", "web", "admin"), setRole("5", "member", "manager")],
      writer,
      { live, concurrency: 1 },
    );
    expect(calls.map((c) => [c.method, ...c.args])).toEqual([
      ["setRole", "5", "manager"],
      ["addToTeam", "1", "web"],
      ["setTeamRole", "1", "web", "admin"],
      ["addToTeam", "2", "web"],
      ["addToTeam", "3", "web"],
      ["addToTeam", "4", "web"],
      // A pending invitee's team role is set too (E11 has no pending guard; changed with issue 12).
      ["setTeamRole", "4", "web", "admin"],
      ["addToTeam", "5", "web"],
    ]);
    expect(result.outcomes.find((o) => o.change.action === "add-to-team" && o.change.memberId === "4")?.status).toBe("applied");
  });

  it("does not set team roles on an org without the team-roles feature", async () => {
    const { writer, calls } = recordingWriter();
    const result = await applyPlan([addToTeam("1", "web", "admin")], writer, { live: { teamRolesEnabled: false, members: [liveMember("1", "member")] } });
    expect(calls.map((c) => c.method)).toEqual(["addToTeam"]);
    expect(result.outcomes[0]).toMatchObject({ status: "applied", message: "team role admin not set: the org has no team roles" });
  });

  it("fails an add whose team role Sentry ignored, saying the member is on the team", async () => {
    const { writer } = recordingWriter((call) =>
      call.method === "setTeamRole" ? { kind: "not-applied", reason: "Sentry kept team role null: the org has no team-roles feature" } : undefined,
    );
    const result = await applyPlan([addToTeam("1", "web", "admin")], writer);
    expect(result.outcomes[0]?.status).toBe("failed");
    expect(result.outcomes[0]?.message).toMatch(/^on team "web", but the team role was not set: Sentry kept team role null/);
  });

  it("reports Sentry's message for a change that failed and carries on with the rest", async () => {
    const { writer } = recordingWriter((call) =>
      call.method === "removeFromTeam" && call.args[0] === "3" ? new FakeApiError(400, "DELETE /api/0/… failed with HTTP 400: You do not have permission") : undefined,
    );
    const result = await applyPlan([removeFromTeam("3", "web"), removeFromTeam("4", "web"), removeMember("5")], writer);
    expect(result.outcomes.map((o) => o.status)).toEqual(["failed", "applied", "applied"]);
    expect(result.outcomes[0]?.message).toBe("DELETE /api/0/… failed with HTTP 400: You do not have permission");
  });

  it("holds back demotions and removals when a promotion failed, and still runs the safe phases", async () => {
    const { writer, calls } = recordingWriter((call) => (call.method === "setRole" && call.args[1] === "owner" ? new Error("HTTP 400: cannot promote") : undefined));
    const result = await applyPlan(
      [setRole("1", "manager", "owner"), addToTeam("2", "web"), setRole("3", "owner", "member"), removeMember("4")],
      writer,
    );
    expect(result.outcomes.map((o) => [o.change.action, o.status])).toEqual([
      ["set-role", "failed"],
      ["add-to-team", "applied"],
      ["set-role", "not-run"],
      ["remove-member", "not-run"],
    ]);
    expect(result.outcomes[2]?.message).toMatch(/promotion of m1@x.com failed/);
    expect(calls.some((c) => c.method === "removeMember")).toBe(false);
    expect(calls.filter((c) => c.method === "setRole")).toHaveLength(1);
  });

  it("does not run changes that need a team that could not be created", async () => {
    const { writer, calls } = recordingWriter((call) => (call.method === "createTeam" && call.args[0] === "web" ? new Error("HTTP 409: slug taken") : undefined));
    const result = await applyPlan([createTeam("web"), createTeam("api"), invite("a@x.com", { web: "contributor" }), addToTeam("2", "web"), addToTeam("3", "api")], writer);
    expect(result.outcomes.map((o) => o.status)).toEqual(["failed", "applied", "not-run", "not-run", "applied"]);
    expect(result.outcomes[2]?.message).toBe('not run: team "web" could not be created');
    expect(calls.map((c) => c.method)).toEqual(["createTeam", "createTeam", "addToTeam"]);
  });

  it("stops everything when Sentry rejects the token", async () => {
    const { writer, calls } = recordingWriter(() => new FakeApiError(401, "Sentry rejected the token (HTTP 401): Invalid token"));
    const changes = [invite("a@x.com"), ...Array.from({ length: 6 }, (_, i) => addToTeam(String(i), "web"))];
    const result = await applyPlan(changes, writer, { concurrency: 1 });
    expect(calls).toHaveLength(1);
    expect(result.stoppedBecause).toMatch(/rejected the token/);
    expect(result.outcomes.map((o) => o.status)).toEqual(["failed", ...Array<string>(6).fill("not-run")]);
  });

  it("stops after too many failures in a row and marks the rest not run", async () => {
    const { writer, calls } = recordingWriter(() => new Error("HTTP 500"));
    const changes = Array.from({ length: MAX_CONSECUTIVE_FAILURES + 5 }, (_, i) => removeFromTeam(String(i), "web"));
    const result = await applyPlan(changes, writer, { concurrency: 1 });
    expect(calls).toHaveLength(MAX_CONSECUTIVE_FAILURES);
    expect(result.outcomes.filter((o) => o.status === "not-run")).toHaveLength(5);
    expect(result.stoppedBecause).toMatch(/failures in a row that retries could not settle/);
    expect(result.stoppedBecause).toMatch(/\(5 changes not sent, listed as not run\)/);
  });

  it("says a change was applied after N attempts when its answer was lost and it was settled", async () => {
    const { writer } = recordingWriter((call) => (call.method === "invite" ? { kind: "applied", note: "confirmed by reading back after an unclear answer", attempts: 3 } : { kind: "already", attempts: 2 }));
    const result = await applyPlan([invite("a@x.com"), addToTeam("1", "web")], writer);
    expect(result.outcomes.map((o) => o.message)).toEqual([
      "applied after 3 attempts; confirmed by reading back after an unclear answer",
      "applied after 2 attempts; already on the team",
    ]);
  });

  it("starts no change once told to stop, finishes the ones in flight, and lists the rest as not sent", async () => {
    const stop = new AbortController();
    const { writer, calls } = recordingWriter(() => {
      if (calls.length === 3) stop.abort("interrupted by SIGINT: the write in flight was finished and nothing more was sent");
      return undefined;
    });
    const changes = Array.from({ length: 10 }, (_, i) => invite(`p${i}@x.com`));
    const result = await applyPlan(changes, writer, { concurrency: 1, stop: stop.signal });
    expect(calls).toHaveLength(3);
    expect(result.outcomes.map((o) => o.status)).toEqual([...Array<string>(3).fill("applied"), ...Array<string>(7).fill("not-run")]);
    expect(result.outcomes[3]?.message).toBe(NOT_SENT_INTERRUPTED);
    expect(result.stoppedBecause).toBe("interrupted by SIGINT: the write in flight was finished and nothing more was sent (7 changes not sent, listed as not run)");
  });

  it("stops when the writer says a write was held back (not sent), counting it as not run", async () => {
    const held = Object.assign(new Error("POST /api/0/organizations/acme/members/ was not sent: apply was interrupted"), { notSent: true });
    const { writer, calls } = recordingWriter(() => (calls.length === 2 ? held : undefined));
    const result = await applyPlan(Array.from({ length: 4 }, (_, i) => invite(`p${i}@x.com`)), writer, { concurrency: 1 });
    expect(calls).toHaveLength(2);
    expect(result.outcomes.map((o) => o.status)).toEqual(["applied", "not-run", "not-run", "not-run"]);
    expect(result.stoppedBecause).toMatch(/was not sent: apply was interrupted \(3 changes not sent/);
  });

  it("reports progress once per attempted change", async () => {
    const seen: string[] = [];
    const { writer } = recordingWriter();
    await applyPlan([createTeam("web"), addToTeam("1", "web"), removeMember("2")], writer, { onProgress: (done, total) => seen.push(`${done}/${total}`) });
    expect(seen).toEqual(["1/3", "2/3", "3/3"]);
  });

  it("does nothing for an empty plan", async () => {
    const { writer, calls } = recordingWriter();
    const result = await applyPlan([], writer);
    expect(calls).toHaveLength(0);
    expect(result).toEqual({ outcomes: [], skipped: [] });
  });
});

describe("applyPlan over random plans and failures", () => {
  const anyChange = fc.oneof(
    fc.constantFrom("web", "api").map(createTeam),
    fc.constantFrom("a@x.com", "b@x.com").map((email) => invite(email, { web: "admin" })),
    fc.constantFrom("1", "2", "3").map(reinvite),
    fc.tuple(fc.constantFrom("1", "2", "3"), fc.constantFrom("member", "manager", "owner") as fc.Arbitrary<"member" | "manager" | "owner">, fc.constantFrom("member", "manager", "owner") as fc.Arbitrary<"member" | "manager" | "owner">).map(([m, from, to]) => setRole(m, from, to)),
    fc.tuple(fc.constantFrom("1", "2", "3"), fc.constantFrom("web", "api")).map(([m, team]) => addToTeam(m, team, "admin")),
    fc.tuple(fc.constantFrom("1", "2", "3"), fc.constantFrom("web", "api")).map(([m, team]) => setTeamRole(m, team)),
    fc.tuple(fc.constantFrom("1", "2", "3"), fc.constantFrom("web", "api")).map(([m, team]) => removeFromTeam(m, team)),
    fc.constantFrom("1", "2", "3").map(removeMember),
  );

  it("reports every change exactly once, in the safe order, and calls the writer only for changes it ran", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyChange, { maxLength: 30 }), fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), fc.integer({ min: 1, max: 6 }), async (changes, failures, concurrency) => {
        let call = 0;
        const { writer, calls } = recordingWriter(() => (failures[call++ % failures.length] ? new Error("HTTP 500") : undefined));
        const result = await applyPlan(changes, writer, { concurrency });
        expect(result.outcomes.map((outcome) => outcome.change)).toEqual(orderChanges(changes));
        const ran = result.outcomes.filter((outcome) => outcome.status !== "not-run").length;
        const addsWithRole = result.outcomes.filter((o) => o.status !== "not-run" && o.change.action === "add-to-team").length;
        expect(calls.length).toBeGreaterThanOrEqual(ran);
        expect(calls.length).toBeLessThanOrEqual(ran + addsWithRole);
        for (const outcome of result.outcomes) {
          if (outcome.status !== "applied") expect(outcome.message).toBeTruthy();
        }
      }),
      { numRuns: 200, seed: 6 },
    );
  });
});

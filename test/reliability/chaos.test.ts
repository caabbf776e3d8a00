import { describe, expect, it } from "vitest";
import type { LoggedRequest, OrgSeed } from "../fakes/fake-sentry.js";
import { CHAOS_FAULTS, ONE_RUN_FAULT, chaosTotals, runChaos, type ChaosRunFigures } from "./chaos.js";
import { brokenInvariants, duplicateInvites } from "./invariants.js";
import { randomScenario } from "./random-org.js";
import { runSeed, seededRandom } from "./seeded-random.js";

/** Quick mode: every fault × 4 seeds; run-full.ts runs × 25. */
const QUICK_SEEDS = 4;
const FIRST_SEED = runSeed(1001);

describe("chaos matrix on apply (quick)", () => {
  it.each(CHAOS_FAULTS.map((fault) => [fault.name, fault] as const))("%s: no change lost, no duplicate invite, every invariant kept", async (_name, fault) => {
    const figures: ChaosRunFigures[] = [];
    for (let seed = FIRST_SEED; seed < FIRST_SEED + QUICK_SEEDS; seed += 1) figures.push(await runChaos(fault, seed));
    expect(figures.flatMap((f) => f.problems), "replay with REL_SEED").toEqual([]);
    const [totals] = chaosTotals(figures);
    expect(totals).toMatchObject({ fault: fault.name, runs: QUICK_SEEDS, lost: 0, duplicateInvites: 0, notConverged: 0 });
    expect(totals!.attempted).toBeGreaterThan(0);
    // The fault really happened.
    expect(totals!.faultsHit).toBeGreaterThan(0);
    // Ordinary trouble is settled within the run that meets it.
    if (fault.name === ONE_RUN_FAULT) expect(totals!.reRunSeeds, "seeds that needed more than one run (replay with REL_SEED)").toEqual([]);
  }, 60_000);
});

describe("the invariant checker itself", () => {
  const scenario = { ...randomScenario(seededRandom(7)), policy: { unlisted: "report", maxRemovals: 0, owners: "protect", minOwners: 1 } as const, ignore: ["bob@acme.example"], managedTeams: ["backend"] };
  const org = (members: OrgSeed["members"]): OrgSeed => ({ ...scenario.org, members });
  const before = org([
    { id: "100", email: "owner@acme.example", role: "owner", teams: {} },
    { id: "101", email: "alice@acme.example", role: "owner", teams: { legacy: null } },
    { id: "102", email: "bob@acme.example", role: "member", teams: {} },
  ]);

  it("flags a demoted owner, a removal under unlisted: report, a touched ignore entry and an unmanaged team edit", () => {
    const after = org([
      { id: "100", email: "owner@acme.example", role: "owner", teams: {} },
      { id: "102", email: "bob@acme.example", role: "manager", teams: {} },
    ]);
    const broken = brokenInvariants(scenario, before, after, []);
    expect(broken).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/owner alice@acme\.example lost the Owner role/),
        expect.stringMatching(/under unlisted: report/),
        expect.stringMatching(/maxRemovals 0/),
        expect.stringMatching(/ignored bob@acme\.example changed/),
      ]),
    );
    const teamEdit = org([...before.members.slice(0, 1), { ...before.members[1]!, teams: {} }, before.members[2]!]);
    expect(brokenInvariants(scenario, before, teamEdit, [])).toEqual([expect.stringMatching(/unmanaged teams of alice@acme\.example changed/)]);
  });

  it("counts an invite that took effect twice or that Sentry refused as a duplicate, but not a resend after a 429", () => {
    const post = (email: string, status: number): LoggedRequest => ({ method: "POST", path: "/api/0/organizations/acme/members/", query: {}, body: { email }, auth: "Bearer [redacted]", userAgent: null, status });
    const twice = org([...before.members, { id: "103", email: "new@acme.example", role: "member", pending: true }, { id: "104", email: "New@acme.example", role: "member", pending: true }]);
    expect(duplicateInvites(before, twice, [])).toEqual(["new@acme.example invited 2 times"]);
    expect(duplicateInvites(before, before, [post("Bob@acme.example", 400)])).toHaveLength(1);
    const once = org([...before.members, { id: "103", email: "new@acme.example", role: "member", pending: true }]);
    expect(duplicateInvites(before, once, [post("new@acme.example", 429), post("new@acme.example", 201)])).toEqual([]);
  });
});

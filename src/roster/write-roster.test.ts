import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aLiveMember, aTeam, liveState } from "../../test/support/builders.js";
import { effectiveTeamRole, ORG_ROLES } from "../domain/roles.js";
import type { LiveState, TeamRole } from "../domain/types.js";
import { parseRosterText } from "./validate-roster.js";
import { writeRoster } from "./write-roster.js";

/** Reproduce a failure with FC_SEED=<seed printed by fast-check>. */
const PROPERTY_OPTIONS = { numRuns: 150, ...(process.env["FC_SEED"] ? { seed: Number(process.env["FC_SEED"]) } : {}) };

const ORG = liveState({
  members: [
    aLiveMember("Alice@Example.com", {
      name: "Alice Smith",
      role: "owner",
      teams: { backend: null, frontend: "admin" },
    }),
    aLiveMember("bob@example.com", {
      name: "bob@example.com",
      role: "member",
      pending: true,
      teams: { backend: "admin", frontend: null },
    }),
    aLiveMember("carol@example.com", { name: "Carol", role: "billing", flags: { idpProvisioned: true } }),
    aLiveMember("dan@example.com", { name: "Dan", pending: true, expired: true, teams: { frontend: null } }),
    aLiveMember("erin@example.com", { name: "Erin", role: "manager", teams: { ops: "admin" } }),
  ],
  teams: [
    aTeam("backend"),
    aTeam("frontend", { name: "frontend", idpProvisioned: true }),
    aTeam("empty", { name: "Nobody here" }),
  ],
});

function reload(text: string) {
  const result = parseRosterText("roster.yaml", text);
  expect(result.issues).toEqual([]);
  return result.desired!;
}

describe("writeRoster", () => {
  it("writes a roster that validates with no issue", () => {
    expect(reload(writeRoster(ORG)).members).toHaveLength(4);
  });

  it("starts with the editor schema line", () => {
    expect(writeRoster(ORG).split("\n")[0]).toBe("# yaml-language-server: $schema=./schema/roster.schema.json");
  });

  it("keeps every member's role and effective team roles through a round trip", () => {
    expectSameMemberships(ORG, writeRoster(ORG));
  });

  it("lists every team of the org, with its name only when it differs from the slug", () => {
    const text = writeRoster(ORG);
    expect(text).toContain("  backend: {name: Backend}\n");
    expect(text).toContain("  empty: {name: Nobody here}\n");
    expect(text).toMatch(/\n {2}frontend: \{\} # SCIM-managed/);
    expect(reload(text).teams.map((team) => team.slug)).toEqual(["backend", "empty", "frontend", "ops"]);
  });

  it("adds a team a member is on even when the team list lacks it, so the roster stays valid", () => {
    expect(writeRoster(ORG)).toContain("  ops: {}\n");
  });

  it("uses the list form when every team role is implied, and the map form for an explicit team admin", () => {
    const text = writeRoster(ORG);
    expect(text).toContain(
      "  - email: Alice@Example.com # Alice Smith\n    role: owner\n    teams: [backend, frontend]\n",
    );
    expect(text).toContain(
      "  - email: bob@example.com # pending invite\n    role: member\n    teams:\n      backend: admin\n      frontend: contributor\n",
    );
  });

  it("writes billing members without teams", () => {
    expect(writeRoster(ORG)).toContain(
      "  - email: carol@example.com # Carol, SCIM-managed\n    role: billing\n  - email: erin",
    );
  });

  it("puts expired invites under ignore, saying how to re-send or drop one, so a plan neither re-sends nor reports them", () => {
    const text = writeRoster(ORG);
    expect(text).toContain(
      [
        "# Expired invites, left as they are (a plan neither re-sends nor reports them).",
        "# To re-send one, move it to members with a role; to drop one, delete the invite in Sentry.",
        "ignore:",
        "  - dan@example.com # Dan, expired invite as member (teams frontend)",
        "",
      ].join("\n"),
    );
    expect(reload(text).ignore).toEqual(["dan@example.com"]);
    expect(text).not.toContain("- email: dan@example.com");
  });

  it("keeps an expired invite listed when its email also belongs to a member, since ignoring it would hide them", () => {
    const live = liveState({
      members: [aLiveMember("Bob@example.com", { pending: true, expired: true }), aLiveMember("bob@example.com", { teams: { backend: null } })],
    });
    const text = writeRoster(live);
    expect(text).not.toContain("ignore:");
    expect(reload(text).members.map((member) => member.email)).toEqual(["bob@example.com"]);
  });

  it("sorts members by email and gives the same bytes whatever the input order", () => {
    const reversed: LiveState = { ...ORG, members: [...ORG.members].reverse(), teams: [...ORG.teams].reverse() };
    expect(writeRoster(reversed)).toBe(writeRoster(ORG));
    expect(reload(writeRoster(ORG)).members.map((member) => member.email)).toEqual([
      "alice@example.com",
      "bob@example.com",
      "carol@example.com",
      "erin@example.com",
    ]);
  });

  it("writes the organization given in the options", () => {
    expect(reload(writeRoster(ORG, { organization: "acme-eu" })).organization).toBe("acme-eu");
    expect(reload(writeRoster(ORG)).organization).toBe("acme");
  });

  it("writes the default policy explicitly", () => {
    expect(reload(writeRoster(ORG)).policy).toEqual({
      unlisted: "report",
      maxRemovals: 5,
      maxRoleChanges: 10,
      owners: "protect",
      minOwners: 1,
    });
  });

  it("keeps a display name with line breaks on one comment line", () => {
    const live = liveState({ members: [aLiveMember("x@example.com", { name: "Evil\nversion: 2" })] });
    const text = writeRoster(live);
    expect(text).toContain("  - email: x@example.com # Evil version: 2\n");
    expect(reload(text).members).toHaveLength(1);
  });

  it("flags a role sentry-roster does not know instead of inventing one", () => {
    const live = liveState({ members: [aLiveMember("x@example.com", { role: "superuser" })] });
    const text = writeRoster(live);
    expect(text).toContain("role: superuser # not a role sentry-roster knows");
    expect(parseRosterText("roster.yaml", text).desired).toBeUndefined();
  });

  it("lists a person once when Sentry holds invites for the same email in two cases, naming the other", () => {
    const live = liveState({
      members: [
        aLiveMember("Bob@example.com", { pending: true }),
        aLiveMember("bob@example.com", { teams: { backend: null } }),
      ],
    });
    const text = writeRoster(live);
    const desired = reload(text);
    expect(desired.members.map((member) => [member.email, Object.keys(member.teams)])).toEqual([
      ["bob@example.com", ["backend"]],
    ]);
    expect(text).toContain(
      `# also in Sentry as Bob@example.com (member ${live.members.find((m) => m.pending)!.id}, pending invite)`,
    );
  });

  it("exports a self-hosted member at localhost as a valid address", () => {
    expect(
      reload(writeRoster(liveState({ members: [aLiveMember("root@localhost", { role: "owner" })] }))).members,
    ).toHaveLength(1);
  });

  it("writes an org with no members as a valid, empty roster", () => {
    expect(reload(writeRoster(liveState({ members: [] }))).members).toEqual([]);
  });
});

/** Any live org of known roles: random teams, stored team roles (null, contributor, admin), invite states and names. */
const liveOrg = fc
  .record({
    teams: fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z][a-z0-9_-]{0,9}$/), fc.string({ maxLength: 15 })), {
      selector: ([slug]) => slug,
      maxLength: 5,
    }),
    members: fc.uniqueArray(
      fc.record({
        local: fc.stringMatching(/^[a-z0-9]([a-z0-9._+-]{0,6}[a-z0-9])?$/).filter((local) => !local.includes("..")),
        upper: fc.boolean(),
        name: fc.string({ maxLength: 20 }),
        role: fc.constantFrom(...ORG_ROLES),
        pending: fc.boolean(),
        expired: fc.boolean(),
        scim: fc.boolean(),
        teamRoles: fc.array(fc.constantFrom<TeamRole | null | "none">(null, "contributor", "admin", "none"), {
          maxLength: 5,
        }),
      }),
      { selector: (member) => member.local, maxLength: 25 },
    ),
  })
  .map(({ teams, members }) =>
    liveState({
      teams: teams.map(([slug, name]) => aTeam(slug, { name: name || slug })),
      members: members.map((member) => {
        const email = `${member.upper ? member.local.toUpperCase() : member.local}@example.com`;
        const memberTeams = Object.fromEntries(
          teams.flatMap(([slug], index) => {
            const role = member.teamRoles[index];
            return role === undefined || role === "none" || member.role === "billing" ? [] : [[slug, role]];
          }),
        );
        return aLiveMember(email, {
          name: member.name,
          role: member.role,
          pending: member.pending,
          expired: member.pending && member.expired,
          teams: memberTeams,
          flags: { idpProvisioned: member.scim },
        });
      }),
    }),
  );

describe("writeRoster (property)", () => {
  it("writes any live org as a valid roster with the same memberships, byte-stable", () => {
    fc.assert(
      fc.property(liveOrg, (live) => {
        const text = writeRoster(live);
        expectSameMemberships(live, text);
        expect(writeRoster({ ...live, members: [...live.members].reverse() })).toBe(text);
      }),
      PROPERTY_OPTIONS,
    );
  });
});

/** Each live member comes back with the same role, the same teams and the same effective team roles. */
function expectSameMemberships(live: LiveState, text: string): void {
  const desired = reload(text);
  // Expired invites whose email no other member has go under ignore instead (an ignored email covers every case of it).
  const kept = new Set(live.members.filter((member) => !member.expired).map((member) => member.email.toLowerCase()));
  const listed = live.members.filter((member) => !member.expired || kept.has(member.email.toLowerCase()));
  const ignored = new Set(live.members.filter((member) => !listed.includes(member)).map((member) => member.email.toLowerCase()));
  expect(desired.ignore.map((email) => email.toLowerCase()).sort()).toEqual([...ignored].sort());
  expect(desired.members).toHaveLength(new Set(listed.map((member) => member.email.toLowerCase())).size);
  for (const member of listed) {
    const back = desired.members.find((candidate) => candidate.email === member.email.toLowerCase());
    expect(back?.role).toBe(member.role);
    const wanted = member.role === "billing" ? {} : member.teams;
    expect(Object.keys(back?.teams ?? {}).sort()).toEqual(Object.keys(wanted).sort());
    for (const [slug, stored] of Object.entries(wanted)) {
      expect(effectiveTeamRole(member.role, back?.teams[slug] ?? null)).toBe(effectiveTeamRole(member.role, stored));
    }
  }
}

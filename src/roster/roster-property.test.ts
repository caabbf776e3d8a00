import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { ORG_ROLES, TEAM_ROLES } from "../domain/roles.js";
import type { DesiredState } from "../domain/types.js";
import { DEFAULT_POLICY } from "./to-desired-state.js";
import { parseRosterText } from "./validate-roster.js";

/** Reproduce a failure with FC_SEED=<seed printed by fast-check>. */
const PROPERTY_OPTIONS = { numRuns: 150, ...(process.env["FC_SEED"] ? { seed: Number(process.env["FC_SEED"]) } : {}) };

const slug = fc.stringMatching(/^[a-z][a-z0-9_-]{0,11}$/);
const localPart = fc.stringMatching(/^[a-z0-9]([a-z0-9_+-]{0,6}[a-z0-9])?$/);
const domain = fc
  .tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.constantFrom("com", "org", "io", "example"))
  .map(([name, tld]) => `${name}.${tld}`);
/** An email in random letter case: the loader must lower-case it. */
const email = fc
  .tuple(localPart, domain, fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }))
  .map(([local, host, upper]) =>
    [...`${local}@${host}`].map((char, index) => (upper[index % 24] ? char.toUpperCase() : char)).join(""),
  );

/** A valid roster as plain data, and the DesiredState it must load as (positions aside). */
const rosterCase = fc
  .record({
    organization: fc.option(slug, { nil: undefined }),
    policy: fc.option(
      fc.record(
        {
          unlisted: fc.constantFrom("report", "remove"),
          maxRemovals: fc.integer({ min: 0, max: 10_000 }),
          owners: fc.constantFrom("protect", "manage"),
          minOwners: fc.integer({ min: 1, max: 1000 }),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
    teams: fc.uniqueArray(fc.tuple(slug, fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined })), {
      selector: ([name]) => name,
      maxLength: 6,
    }),
    emails: fc.uniqueArray(email, { selector: (address) => address.toLowerCase(), maxLength: 40 }),
    shape: fc.array(
      fc.tuple(
        fc.constantFrom(...ORG_ROLES),
        fc.nat(),
        fc.boolean(),
        fc.array(fc.constantFrom(...TEAM_ROLES), { maxLength: 6 }),
        fc.nat(3),
      ),
      { maxLength: 40 },
    ),
  })
  .map(({ organization, policy, teams, emails, shape }) => {
    // Split the unique emails: members first, then their aliases, the rest ignored.
    const memberCount = Math.min(shape.length, emails.length);
    let next = memberCount;
    const members = shape.slice(0, memberCount).map(([role, pick, mapForm, teamRoles, aliasCount], index) => {
      const chosen =
        role === "billing" ? [] : teams.filter((_, teamIndex) => (pick >> teamIndex) & 1).map(([name]) => name);
      const aliases = emails.slice(next, Math.min(next + aliasCount, emails.length));
      next += aliases.length;
      const memberTeams = mapForm
        ? Object.fromEntries(chosen.map((name, at) => [name, teamRoles[at] ?? "contributor"]))
        : chosen;
      return {
        email: emails[index]!,
        ...(aliases.length ? { aliases } : {}),
        role,
        ...(chosen.length || mapForm ? { teams: memberTeams } : {}),
      };
    });
    const ignore = emails.slice(next);
    const roster = {
      version: 1,
      ...(organization ? { organization } : {}),
      ...(policy ? { policy } : {}),
      ...(teams.length
        ? {
            teams: Object.fromEntries(teams.map(([name, title]) => [name, title === undefined ? {} : { name: title }])),
          }
        : {}),
      ...(ignore.length ? { ignore } : {}),
      members,
    };
    const expected: DesiredState = {
      organization: organization ?? "",
      policy: { ...DEFAULT_POLICY, ...policy },
      teams: teams.map(([name, title]) => ({ slug: name, ...(title === undefined ? {} : { name: title }) })),
      ignore: ignore.map((address) => address.toLowerCase()),
      members: members.map((member) => ({
        email: member.email.toLowerCase(),
        aliases: (member.aliases ?? []).map((address) => address.toLowerCase()),
        role: member.role,
        teams: Array.isArray(member.teams)
          ? Object.fromEntries(member.teams.map((name) => [name, "contributor"]))
          : { ...member.teams },
        explicitTeamRoles: member.teams === undefined || Array.isArray(member.teams) ? [] : Object.keys(member.teams),
      })),
    };
    return { roster, expected };
  });

function withoutPositions(desired: DesiredState | undefined): unknown {
  if (!desired) return undefined;
  return {
    ...desired,
    teams: desired.teams.map(({ position: _position, ...team }) => team),
    members: desired.members.map(({ position: _position, ...member }) => member),
  };
}

describe("roster round trip (property)", () => {
  it("loads any generated valid roster, in block or flow YAML, as the DesiredState it describes", () => {
    fc.assert(
      fc.property(rosterCase, fc.boolean(), ({ roster, expected }, flow) => {
        const text = stringify(roster, flow ? { collectionStyle: "flow", lineWidth: 0 } : { lineWidth: 0 });
        const result = parseRosterText("roster.yaml", text);
        expect(result.issues.filter((issue) => issue.severity === "error")).toEqual([]);
        expect(withoutPositions(result.desired)).toEqual(expected);
      }),
      PROPERTY_OPTIONS,
    );
  });
});

/**
 * The orgs and rosters the bench runs on: a generated org in the fake
 * Sentry, its export as the plan roster, and the same plus new hires as the
 * apply roster (a fixed set of invites).
 */
import { setTimeout as delay } from "node:timers/promises";
import type { LiveMember, LiveState } from "../src/domain/types.js";
import { writeRoster } from "../src/roster/write-roster.js";
import { SentryClient } from "../src/sentry/client.js";
import { readLiveState } from "../src/sentry/read-live-state.js";
import type { FakeSentry, OrgSeed } from "../test/fakes/fake-sentry.js";
import { GENERATED_OWNER_TOKEN, generateOrg } from "../test/fakes/generate-org.js";
import { type OrgShape, teamMemberCounts } from "./lower-bound.js";

/** One org size the bench measures. */
export interface OrgSize {
  readonly members: number;
  readonly teams: number;
}

/** The sizes of the issue; the quick run takes the first two. */
export const ORG_SIZES: readonly OrgSize[] = [
  { members: 100, teams: 10 },
  { members: 1_000, teams: 50 },
  { members: 10_000, teams: 200 },
  // How cost grows (issue 16): over the roster size limit, so measured in phases only.
  { members: 30_000, teams: 500 },
];

/** Sizes the default (quick) run measures; --full measures all. */
export const QUICK_SIZES = 2;

/** Invites in the apply change set, at every size. */
export const APPLY_INVITES = 200;

/** Same seed, same org, run after run. */
export const ORG_SEED = 8;

/** The token the bench hands to the CLI: a fake value only the fake server accepts. */
export const BENCH_TOKEN = GENERATED_OWNER_TOKEN;

/** A generated org, with the request-count shape of a plan over all its teams. */
export function benchOrg(size: OrgSize): { readonly seed: OrgSeed; readonly shape: OrgShape } {
  const seed = generateOrg({ members: size.members, teams: size.teams, seed: ORG_SEED, slug: "bigco" });
  const slugs = seed.teams.map((team) => team.slug);
  const memberships = seed.members.map((member) => Object.keys(member.teams ?? {}));
  return {
    seed,
    shape: {
      members: seed.members.length,
      teams: slugs.length,
      teamMemberCounts: teamMemberCounts(slugs, memberships),
    },
  };
}

/** Reads the fake's org in-process, as `export` would, to write rosters from it. */
export async function readFakeOrg(fake: FakeSentry, organization: string): Promise<LiveState> {
  const client = new SentryClient({
    baseUrl: fake.url,
    token: BENCH_TOKEN,
    fetch: globalThis.fetch,
    sleep: (ms) => delay(ms),
    now: () => Date.now(),
  });
  return readLiveState(client, { organization, managedTeams: "all" });
}

/** The plan roster: the org exactly as exported, so the plan reads every team's members. */
export function planRoster(live: LiveState): string {
  return writeRoster(live);
}

const NO_FLAGS: LiveMember["flags"] = {
  idpProvisioned: false,
  idpRoleRestricted: false,
  ssoLinked: false,
  ssoInvalid: false,
  memberLimitRestricted: false,
  partnershipRestricted: false,
};

/**
 * The apply roster: the export without expired invites (which would add
 * re-invites) plus APPLY_INVITES new members, each on one team as contributor
 * (the minimum, so each invite is exactly one members-index POST).
 */
export function applyRoster(live: LiveState, invites = APPLY_INVITES): string {
  const slugs = live.teams.map((team) => team.slug);
  const hires: LiveMember[] = Array.from({ length: invites }, (_, index) => ({
    id: String(900_000 + index),
    email: `new-hire-${String(index + 1).padStart(4, "0")}@bigco.example`,
    name: `New Hire ${index + 1}`,
    role: "member",
    pending: false,
    expired: false,
    flags: NO_FLAGS,
    teams: slugs.length > 0 ? { [slugs[index % slugs.length]!]: null } : {},
  }));
  return writeRoster({ ...live, members: [...live.members.filter((member) => !member.expired), ...hires] });
}

import { seededRandom } from "../../src/sentry/seeded-random.js";
import type { OrgSeed, SeedMember, SeedTeam } from "./fake-sentry/seed.js";

/** What a generated org looks like. */
export interface GenerateOrgOptions {
  readonly members: number;
  readonly teams: number;
  /** Same seed, same org. Default 1. */
  readonly seed?: number;
  readonly slug?: string;
  /** Teams per member: 0..maxTeamsPerMember. Default 3. */
  readonly maxTeamsPerMember?: number;
}

/** The owner token of every generated org. */
export const GENERATED_OWNER_TOKEN = "sntryu_generated_owner_token_5f2c9a";
/** Every scope a user token can hold that sentry-roster uses: what an owner's token in a test org has. */
export const ALL_SCOPES: readonly string[] = ["org:read", "org:write", "member:read", "member:write", "member:admin", "team:read", "team:write", "team:admin"];

/**
 * A large, deterministic org for e2e and bench: a few owners and managers,
 * mostly members, ~5 % pending invites (some expired), SCIM flags on a few,
 * each member on up to three teams with some stored team admins.
 */
export function generateOrg(options: GenerateOrgOptions): OrgSeed {
  const random = seededRandom(options.seed ?? 1);
  const slug = options.slug ?? "bigco";
  const width = String(options.members).length;
  const teams: SeedTeam[] = Array.from({ length: options.teams }, (_, i) => ({
    id: String(5000 + i),
    slug: `team-${String(i + 1).padStart(3, "0")}`,
    name: `Team ${i + 1}`,
  }));
  const members: SeedMember[] = [];
  for (let i = 0; i < options.members; i += 1) {
    const id = String(10_000 + i);
    const email = `user${String(i + 1).padStart(width, "0")}@${slug}.example`;
    const role = i < 3 ? "owner" : i < 13 ? "manager" : random() < 0.03 ? "admin" : "member";
    const pending = i >= 13 && random() < 0.05;
    const expired = pending && random() < 0.3;
    const memberTeams: Record<string, "contributor" | "admin" | null> = {};
    const count = teams.length === 0 ? 0 : Math.floor(random() * ((options.maxTeamsPerMember ?? 3) + 1));
    for (let t = 0; t < count; t += 1) {
      const team = teams[Math.floor(random() * teams.length)]!;
      memberTeams[team.slug] = role === "member" && !pending && random() < 0.1 ? "admin" : null;
    }
    members.push({
      id,
      email,
      role,
      ...(pending
        ? {
            pending: true,
            invitedAt: expired ? "2026-01-01T00:00:00.000Z" : "2099-01-01T00:00:00.000Z",
            inviterId: "10000",
            inviterName: "User 1",
          }
        : { name: `User ${i + 1}` }),
      // Every tenth account has a secondary email too, as real accounts do (T8); no random draw, so the org is unchanged otherwise.
      ...(!pending && i % 10 === 5 ? { emails: [`alt.${email}`] } : {}),
      ...(i >= 13 && random() < 0.02 ? { flags: { "idp:provisioned": true, "sso:linked": true } } : {}),
      teams: memberTeams,
    });
  }
  return {
    organization: {
      id: "9001",
      slug,
      name: slug,
      features: ["invite-members", "team-roles"],
      openMembership: false,
      mode: "sentry.io",
    },
    teams,
    members,
    tokens: [
      {
        token: GENERATED_OWNER_TOKEN,
        kind: "user",
        memberId: "10000",
        scopes: [...ALL_SCOPES],
      },
    ],
  };
}

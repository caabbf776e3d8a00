import { hasTeamAccess, minimumTeamRole } from "../../src/domain/roles.js";
import type { LiveMember, LiveState, OrgRole, TeamRole } from "../../src/domain/types.js";
import type { Change } from "../../src/plan/plan.js";
import { NO_FLAGS } from "./builders.js";

/**
 * A model of what Sentry does with each change, for property tests: the live
 * state after applying `changes` in order. It follows docs/sentry-behaviour.md where it
 * matters to the plan: invites are pending, Sentry applies no team role at
 * invite but apply sets them right after (E11),
 * invites only join teams that exist, a team role at or below the
 * minimum is stored as null, and team roles are ignored without the
 * team-roles feature; a team role at or below the minimum of the member's
 * org role at that moment is stored as null (F56), so the order of changes matters.
 */
export function applyToModel(live: LiveState, changes: readonly Change[]): LiveState {
  let members = live.members.map((member) => ({ ...member, teams: { ...member.teams } }));
  const teams = [...live.teams];
  const teamsRead = [...live.teamsRead];
  let nextId = Math.max(0, ...members.map((member) => Number(member.id)).filter(Number.isFinite)) + 1;
  const find = (id: string) => members.find((member) => member.id === id);
  for (const change of changes) {
    switch (change.action) {
      case "create-team":
        if (!teams.some((team) => team.slug === change.team)) {
          teams.push({ id: `t-${change.team}`, slug: change.team, name: change.name, idpProvisioned: false });
          teamsRead.push(change.team);
        }
        break;
      case "invite": {
        const memberTeams: Record<string, TeamRole | null> = {};
        for (const [team, role] of Object.entries(change.teams)) {
          if (teams.some((known) => known.slug === team)) memberTeams[team] = storedTeamRole(live, { role: change.role }, role);
        }
        const invited: LiveMember = {
          id: String(nextId++),
          email: change.email,
          name: change.email,
          role: change.role,
          pending: true,
          expired: false,
          flags: NO_FLAGS,
          teams: hasTeamAccess(change.role) ? memberTeams : {},
        };
        members.push(invited);
        break;
      }
      case "reinvite":
        update(find(change.memberId), { expired: false });
        break;
      case "set-role":
        update(find(change.memberId), { role: change.to as OrgRole });
        break;
      case "add-to-team": {
        const member = find(change.memberId);
        if (member && teams.some((team) => team.slug === change.team)) {
          member.teams[change.team] = storedTeamRole(live, member, change.teamRole);
        }
        break;
      }
      case "set-team-role": {
        const member = find(change.memberId);
        if (member && change.team in member.teams && live.teamRolesEnabled) member.teams[change.team] = storedTeamRole(live, member, change.to);
        break;
      }
      case "remove-from-team": {
        const member = find(change.memberId);
        if (member) delete member.teams[change.team];
        break;
      }
      case "remove-member": {
        // Sentry deletes the invites the removed member sent (docs/sentry-behaviour.md T16).
        const removed = find(change.memberId);
        const sentBy = (member: LiveMember) =>
          removed !== undefined && member.pending && !!member.inviterName && (member.inviterName === removed.name || member.inviterName === removed.email);
        members = members.filter((member) => member.id !== change.memberId && !sentBy(member));
        break;
      }
    }
  }
  return { ...live, members, teams: teams.sort((a, b) => (a.slug < b.slug ? -1 : 1)), teamsRead };
}

/** What Sentry stores for a team role request: null without team roles, or at or below the minimum; invitees take roles too. */
function storedTeamRole(live: LiveState, member: Pick<LiveMember, "role">, wanted: TeamRole): TeamRole | null {
  if (!live.teamRolesEnabled || wanted !== "admin") return null;
  return minimumTeamRole(member.role) === "admin" ? null : "admin";
}

function update(member: { -readonly [K in keyof LiveMember]: LiveMember[K] } | undefined, fields: Partial<LiveMember>): void {
  if (member) Object.assign(member, fields);
}

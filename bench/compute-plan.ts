// Benchmark: computePlan for 10,000 members × 200 teams (issue 5: under 200 ms).
// Run: node scripts/run-ts.mjs bench/compute-plan.ts [members] [teams] [runs]
import { performance } from "node:perf_hooks";
import { computePlan } from "../src/plan/compute-plan.js";
import type { DesiredMember, LiveMember, TeamRole } from "../src/domain/types.js";
import { aLiveMember, aMember, aTeam, desiredState, liveState } from "../test/support/builders.js";

const MEMBERS = Number(process.argv[2] ?? 10_000);
const TEAMS = Number(process.argv[3] ?? 200);
const RUNS = Number(process.argv[4] ?? 7);
const TEAMS_PER_MEMBER = 5;

const slugs = Array.from({ length: TEAMS }, (_, index) => `team-${String(index).padStart(3, "0")}`);
const roles = ["member", "member", "member", "manager", "admin"] as const;

// Every 10th member differs in some way, so the plan has work to do: about 10% of members change.
const live: LiveMember[] = [];
const wanted: DesiredMember[] = [];
for (let index = 0; index < MEMBERS; index += 1) {
  const email = `user${index}@example.com`;
  const teams: Record<string, TeamRole | null> = {};
  for (let k = 0; k < TEAMS_PER_MEMBER; k += 1) teams[slugs[(index * 7 + k * 13) % TEAMS]!] = k === 0 ? "admin" : null;
  const role = roles[index % roles.length]!;
  live.push(aLiveMember(email, { id: String(index + 1), role, teams, pending: index % 50 === 0 }));
  if (index % 97 === 0) continue; // unlisted
  const desiredTeams: Record<string, TeamRole> = {};
  for (const [slug, stored] of Object.entries(teams)) desiredTeams[slug] = stored === "admin" ? "admin" : "contributor";
  if (index % 10 === 3) desiredTeams[slugs[(index + 1) % TEAMS]!] = "contributor";
  if (index % 10 === 5) delete desiredTeams[Object.keys(desiredTeams)[1]!];
  wanted.push(aMember(email, { role: index % 10 === 7 ? "manager" : role === "admin" ? "member" : role, teams: desiredTeams }));
}
for (let index = 0; index < MEMBERS / 20; index += 1) wanted.push(aMember(`new${index}@example.com`, { teams: { [slugs[index % TEAMS]!]: "contributor" } }));

const desired = desiredState({ members: wanted, teams: slugs, policy: { unlisted: "remove", maxRemovals: 1_000, owners: "manage", minOwners: 0 } });
const state = liveState({ members: live, teams: slugs.map((slug) => aTeam(slug)), orgRoles: ["member", "admin", "manager", "owner"], teamRolesEnabled: false });

// Wall time is noisy on a shared machine; CPU time of this process is reported beside it.
const times: number[] = [];
const cpuTimes: number[] = [];
let plan = computePlan(desired, state);
for (let run = 0; run < RUNS; run += 1) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  plan = computePlan(desired, state);
  const used = process.cpuUsage(cpu);
  times.push(performance.now() - start);
  cpuTimes.push((used.user + used.system) / 1_000);
}
const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
const cpuMedian = [...cpuTimes].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
console.log(`computePlan: ${MEMBERS} members × ${TEAMS} teams, ${plan.changes.length} changes, ${plan.skipped.length} skipped`);
console.log(`  runs: ${times.map((ms) => ms.toFixed(1)).join(", ")} ms`);
console.log(`  median ${median.toFixed(1)} ms wall, ${cpuMedian.toFixed(1)} ms CPU; best ${Math.min(...times).toFixed(1)} ms (target: under 200 ms)`);

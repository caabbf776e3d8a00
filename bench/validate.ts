// Times loadRoster on a generated 5,000-member roster (issue 3: "under 1 s").
// Run: node scripts/run-ts.mjs bench/validate.ts [members] [runs]
import { loadRoster } from "../src/roster/load-roster.js";

const MEMBERS = Number(process.argv[2] ?? 5_000);
const RUNS = Number(process.argv[3] ?? 7);
const TEAMS = 60;
const ROLES = ["member", "member", "member", "member", "admin", "manager", "owner", "billing"] as const;

/** A realistic roster: 60 teams, members in list and map form, some aliases, a few ignored bots. */
function generateRoster(members: number): string {
  const lines = [
    "# yaml-language-server: $schema=./schema/roster.schema.json",
    "version: 1",
    "organization: bench-org",
    "policy:",
    "  maxRemovals: 20",
    "teams:",
  ];
  for (let team = 0; team < TEAMS; team++) lines.push(`  team-${team}: { name: Team ${team} }`);
  lines.push("ignore:", "  - ci-bot@bench.example", "  - deploy-bot@bench.example", "members:");
  for (let index = 0; index < members; index++) {
    const role = ROLES[index % ROLES.length]!;
    lines.push(`  - email: person.${index}@bench.example`);
    if (index % 25 === 0) lines.push(`    aliases: [p${index}@old.bench.example]`);
    lines.push(`    role: ${role}`);
    if (role === "billing") continue;
    const first = index % TEAMS;
    const second = (index * 7 + 3) % TEAMS;
    if (index % 3 === 0 && first !== second) {
      lines.push("    teams:", `      team-${first}: admin`, `      team-${second}: contributor`);
    } else {
      lines.push(`    teams: [team-${first}${first !== second ? `, team-${second}` : ""}]`);
    }
  }
  return `${lines.join("\n")}\n`;
}

const text = generateRoster(MEMBERS);
const readFile = async () => text;
const timings: number[] = [];
const cpuTimings: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = await loadRoster("bench-roster.yaml", readFile);
  timings.push(performance.now() - start);
  const used = process.cpuUsage(cpu);
  cpuTimings.push((used.user + used.system) / 1000);
  if (!result.desired) throw new Error(`generated roster is invalid: ${result.issues[0]?.message ?? "?"}`);
  if (result.desired.members.length !== MEMBERS) throw new Error("member count mismatch");
}
const ms = (value: number) => `${value.toFixed(1)} ms`;
// Wall time suffers on a busy machine; CPU time is this process's own work (it is single-threaded).
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `first ${ms(values[0]!)} (includes schema compile and JIT warm-up)   median ${ms(sorted[Math.floor(sorted.length / 2)]!)}   best ${ms(sorted[0]!)}   worst ${ms(sorted[sorted.length - 1]!)}`;
};
console.log(
  `loadRoster: ${MEMBERS} members, ${(text.length / 1000).toFixed(0)} kB, ${RUNS} runs on Node ${process.versions.node}`,
);
console.log(`  wall: ${summary(timings)}`);
console.log(`  cpu:  ${summary(cpuTimings)}`);

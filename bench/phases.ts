// Child process of `npm run bench`: the phases of one `plan`, in one process, as the CLI runs
// them: load code, read roster, validate, read Sentry, compute, render. After each phase it
// takes the process's CPU time (user + system) and its peak RSS so far (getrusage), and prints
// them as JSON on stdout. Built by bench/measure.ts with the same bundler settings as dist/
// (code splitting, the generated schema validator), so "load code" loads what the CLI loads.
import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { keepYoungGenerationSmall } from "../src/commands/young-generation.js";
import type { DesiredState, LiveState } from "../src/domain/types.js";

interface Config {
  readonly roster: string;
  readonly baseUrl: string;
  readonly token: string;
  /** Over the roster size limit: the desired state is the export itself, built in memory (validate is skipped). */
  readonly desiredFromLive: boolean;
}

interface PhaseReading {
  readonly phase: string;
  readonly cpuMs: number;
  readonly wallMs: number;
  /** Peak RSS of the process up to the end of this phase. */
  readonly peakRssMb: number;
}

// As the CLI's entry does, so the peak RSS of each phase is the CLI's.
keepYoungGenerationSmall();
const config = JSON.parse(process.argv[2] ?? "{}") as Config;
const readings: PhaseReading[] = [];
let cpuBefore = process.cpuUsage();
let wallBefore = performance.now();

function phaseDone(phase: string): void {
  const cpu = process.cpuUsage(cpuBefore);
  readings.push({
    phase,
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs: performance.now() - wallBefore,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  });
  cpuBefore = process.cpuUsage();
  wallBefore = performance.now();
}

/** The export as a desired state, for an org whose roster is over the size limit. */
function desiredFromLive(live: LiveState, policy: DesiredState["policy"]): DesiredState {
  return {
    organization: live.organization,
    policy,
    teams: live.teams.map((team) => ({ slug: team.slug, name: team.name })),
    ignore: [],
    members: live.members
      .filter((member) => !member.expired)
      .map((member) => ({
        email: member.email.toLowerCase(),
        aliases: [],
        role: member.role as DesiredState["members"][number]["role"],
        teams: Object.fromEntries(Object.entries(member.teams).map(([slug, role]) => [slug, role ?? "contributor"])),
      })),
  };
}

const code = await import("./phases-code.js");
phaseDone("load code");
const text = await readFile(config.roster, "utf8");
phaseDone("read roster");
let desired: DesiredState | undefined;
if (!config.desiredFromLive) {
  const loaded = code.parseRosterText("roster.yaml", text);
  if (!loaded.desired) throw new Error(`the bench roster is invalid: ${loaded.issues[0]?.message ?? "?"}`);
  desired = loaded.desired;
  phaseDone("validate");
}
const deps = code.createNodeDeps(code.SILENT_LOGGER);
const client = code.openSentry({ baseUrl: config.baseUrl, token: config.token }, deps);
const live = await code.readLiveState(client, {
  organization: desired?.organization || "bigco",
  managedTeams: desired ? desired.teams.map((team) => team.slug) : "all",
});
phaseDone("read Sentry");
desired ??= desiredFromLive(live, code.DEFAULT_POLICY);
const plan = code.computePlan(desired, live);
phaseDone("compute");
const rendered = code.renderPlanText(plan, { color: false }).length + code.toPlanJson(plan).length;
phaseDone("render");
process.stdout.write(`${JSON.stringify({ readings, changes: plan.changes.length, rendered })}\n`);

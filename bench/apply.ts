// `node scripts/run-ts.mjs bench/apply.ts`: how close apply gets to Sentry's rate limit.
// Applies 200 invites (the members endpoint Sentry limits to 40 requests/s) to a fake
// Sentry on 127.0.0.1 that answers after 20 ms, through the real client and writer,
// and prints wall time ÷ ideal time (200 ÷ 40/s = 5 s). Issue 6 asks for at most 1.3.
import { performance } from "node:perf_hooks";
import { applyPlan } from "../src/apply/apply-plan.js";
import { SILENT_LOGGER } from "../src/commands/deps.js";
import { createNodeDeps } from "../src/commands/node-deps.js";
import { openSentry } from "../src/commands/sentry-session.js";
import { withId } from "../src/plan/change-id.js";
import type { Change } from "../src/plan/plan.js";
import { createSentryWriter } from "../src/sentry/writer.js";
import { startFakeSentry, type OrgSeed } from "../test/fakes/fake-sentry.js";

/** Changes applied: issue 6 "Done when". */
const CHANGES = 200;
/** Sentry's members-endpoint limit, requests per second (docs/sentry-behaviour.md S3). */
const LIMIT_PER_SECOND = 40;
/** Latency the fake adds to every answer. */
const LATENCY_MS = 20;
/** The ratio issue 6 accepts. */
const TARGET_RATIO = 1.3;
const TOKEN = "sntryu_bench_owner_token_0123456789abcdef";

const seed: OrgSeed = {
  organization: { id: "1", slug: "bench", name: "Bench", features: ["invite-members", "team-roles"], mode: "sentry.io" },
  teams: [{ id: "10", slug: "backend", name: "Backend" }],
  members: [{ id: "100", email: "owner@bench.example", role: "owner", teams: {} }],
  tokens: [{ token: TOKEN, kind: "user", memberId: "100", scopes: ["org:read", "org:write", "member:read", "member:write", "member:admin", "team:read", "team:write", "team:admin"] }],
};

const changes: Change[] = Array.from({ length: CHANGES }, (_, index) =>
  withId({ action: "invite", email: `person${String(index).padStart(3, "0")}@bench.example`, role: "member", teams: { backend: "contributor" } }),
);

const fake = await startFakeSentry(seed, { membersIndexLimit: LIMIT_PER_SECOND, defaultLimit: LIMIT_PER_SECOND });
fake.faults.setLatency(LATENCY_MS);
try {
  const deps = createNodeDeps(SILENT_LOGGER);
  const client = openSentry({ baseUrl: fake.url, token: TOKEN }, deps);
  const writer = createSentryWriter(client, "bench");
  // Start on a fresh rate-limit window, as a run that just finished reading would not.
  await new Promise((resolve) => setTimeout(resolve, 1_000 - (Date.now() % 1_000)));
  const started = performance.now();
  const result = await applyPlan(changes, writer);
  const wallMs = performance.now() - started;

  const applied = result.outcomes.filter((outcome) => outcome.status === "applied").length;
  const rejected = fake.requests.filter((request) => request.status === 429).length;
  const invited = fake.state().members.filter((member) => member.pending).length;
  const idealMs = (CHANGES / LIMIT_PER_SECOND) * 1_000;
  const ratio = wallMs / idealMs;
  console.log(`apply ${CHANGES} invites at ${LIMIT_PER_SECOND} requests/s with ${LATENCY_MS} ms latency`);
  console.log(`  applied ${applied}/${CHANGES}, invites in the fake ${invited}, requests ${fake.requests.length}, 429 answers ${rejected}`);
  console.log(`  wall ${(wallMs / 1_000).toFixed(2)} s, ideal ${(idealMs / 1_000).toFixed(2)} s, ratio ${ratio.toFixed(3)} (target ≤ ${TARGET_RATIO})`);
  console.log(`  throughput ${(applied / (wallMs / 1_000)).toFixed(1)} changes/s = ${((applied / (wallMs / 1_000)) / LIMIT_PER_SECOND).toFixed(2)} of the ceiling`);
  process.exitCode = applied === CHANGES && invited === CHANGES && ratio <= TARGET_RATIO ? 0 : 1;
} finally {
  await fake.close();
}

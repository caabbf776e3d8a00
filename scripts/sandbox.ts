// `npm run sandbox [-- --members N --teams N --seed N --org SLUG]`: a fake Sentry on 127.0.0.1 with a
// generated organization, for trying the CLI by hand (docs/cli.md#try-it-on-a-sandbox). It prints the
// variables to export in another terminal and serves until Ctrl-C. Nothing leaves this machine.
import { parseArgs } from "node:util";
import { startFakeSentry } from "../test/fakes/fake-sentry.js";
import { GENERATED_OWNER_TOKEN, generateOrg } from "../test/fakes/generate-org.js";

const USAGE = "usage: npm run sandbox -- [--members N] [--teams N] [--seed N] [--org SLUG]";

function count(value: string | undefined, fallback: number, name: string, max: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > max) {
    console.error(`sandbox: --${name} takes a whole number from 0 to ${max}, not "${value}"\n${USAGE}`);
    process.exit(1);
  }
  return parsed;
}

let values;
try {
  ({ values } = parseArgs({
    options: { members: { type: "string" }, teams: { type: "string" }, seed: { type: "string" }, org: { type: "string" }, help: { type: "boolean", short: "h" } },
    strict: true,
  }));
} catch (error) {
  console.error(`sandbox: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(1);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const members = count(values.members, 40, "members", 100_000);
const teams = count(values.teams, 4, "teams", 1_000);
const seed = count(values.seed, 1, "seed", 2 ** 31);
const slug = values.org ?? "sandbox";
if (!/^[a-z0-9][a-z0-9_-]*$/.test(slug)) {
  console.error(`sandbox: --org must be a slug (lower-case letters, digits, - and _), not "${slug}"`);
  process.exit(1);
}

const fake = await startFakeSentry(generateOrg({ members: Math.max(members, 1), teams, seed, slug }));
console.log(
  [
    `Fake Sentry for organization "${slug}" (${members} members, ${teams} teams, seed ${seed}) at ${fake.url}`,
    "In another terminal:",
    `export SENTRY_URL=${fake.url}`,
    `export SENTRY_AUTH_TOKEN=${GENERATED_OWNER_TOKEN}`,
    `export SENTRY_ORG=${slug}`,
    "The token is a fake one this server accepts (an Owner's, every scope). Press Ctrl-C to stop.",
    "",
  ].join("\n"),
);

let writes = 0;
const timer = setInterval(() => {
  const now = fake.requests.filter((request) => request.method !== "GET").length;
  if (now !== writes) console.log(`${fake.requests.length} requests so far, ${now} of them writes`);
  writes = now;
}, 2000);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    clearInterval(timer);
    void fake.close().then(() => {
      console.log(`\nStopped: served ${fake.requests.length} requests (${writes} writes).`);
      process.exit(0);
    });
  });
}

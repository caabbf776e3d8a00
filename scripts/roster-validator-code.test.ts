import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import fc from "fast-check";
import type { ValidateFunction } from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { rosterValidator } from "../src/roster/roster-schema-validator.js";
import { rosterValidatorCode } from "./roster-validator-code.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FIXTURES = join(ROOT, "test/fixtures/rosters");
/** Inside the project, so the generated code's require("ajv/dist/runtime/…") resolves as in the build. */
const DIR = join(ROOT, "node_modules/.cache", `roster-validator-${process.pid}`);
/** Reproduce a failure with FC_SEED=<seed printed by fast-check>. */
const PROPERTY_OPTIONS = { numRuns: 300, ...(process.env["FC_SEED"] ? { seed: Number(process.env["FC_SEED"]) } : {}) };

let generated: ValidateFunction;

beforeAll(async () => {
  mkdirSync(DIR, { recursive: true });
  const file = join(DIR, "validator.mjs");
  // The bundle gives ESM a require(); so does this shim.
  const shim = 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);\n';
  writeFileSync(file, shim + rosterValidatorCode(ROOT));
  generated = ((await import(pathToFileURL(file).href)) as { rosterValidator: () => ValidateFunction }).rosterValidator();
});

afterAll(() => rmSync(DIR, { recursive: true, force: true }));

/** What schemaIssues reads of a validation: the verdict and each error's fields. */
function outcome(validate: ValidateFunction, value: unknown) {
  const valid = validate(value);
  return { valid, errors: (validate.errors ?? []).map(({ message: _message, ...error }) => error) };
}

const anyRoster = fc.record(
  {
    version: fc.constantFrom(1, 2, "1", null),
    organization: fc.oneof(fc.string({ maxLength: 8 }), fc.integer()),
    policy: fc.dictionary(
      fc.constantFrom("unlisted", "maxRemovals", "owners", "minOwners", "maxRoleChanges", "other"),
      fc.oneof(fc.constantFrom("report", "remove", "protect", "manage"), fc.integer({ min: -2, max: 9 }), fc.double()),
    ),
    teams: fc.oneof(fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.constant({}), fc.record({ name: fc.string() }), fc.string())), fc.array(fc.string())),
    ignore: fc.array(fc.oneof(fc.emailAddress(), fc.integer())),
    members: fc.oneof(
      fc.array(
        fc.record(
          {
            email: fc.oneof(fc.emailAddress(), fc.string({ maxLength: 90 })),
            role: fc.constantFrom("member", "admin", "manager", "owner", "billing", "ownr", 3),
            teams: fc.oneof(fc.array(fc.string({ maxLength: 5 })), fc.dictionary(fc.string({ maxLength: 5 }), fc.constantFrom("admin", "contributor", "lead")), fc.string()),
            aliases: fc.array(fc.string({ maxLength: 8 })),
            extra: fc.boolean(),
          },
          { requiredKeys: [] },
        ),
      ),
      fc.string(),
      fc.constant(null),
    ),
  },
  { requiredKeys: [] },
);

describe("the roster validator generated at build time", () => {
  it("agrees with ajv compiling the schema, on every fixture", () => {
    for (const name of readdirSync(FIXTURES)) {
      let value: unknown;
      try {
        value = parse(readFileSync(join(FIXTURES, name), "utf8"));
      } catch {
        continue; // fixtures that are not YAML at all never reach the validator
      }
      expect(outcome(generated, value), name).toEqual(outcome(rosterValidator(), value));
    }
  });

  it("agrees with ajv compiling the schema, on any value", () => {
    fc.assert(
      fc.property(anyRoster, (value) => {
        expect(outcome(generated, value)).toEqual(outcome(rosterValidator(), value));
      }),
      PROPERTY_OPTIONS,
    );
  });
});

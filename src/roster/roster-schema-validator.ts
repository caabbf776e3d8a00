/**
 * The validator of schema/roster.schema.json. Here ajv compiles it on first
 * use (tests, the bench's in-process parts); the build replaces this module
 * with ajv's standalone code generated from the same schema and options
 * (scripts/roster-validator-code.mjs), so the CLI and the Action never compile
 * a schema at start (docs/benchmarks.md). A test checks both agree.
 */
import { Ajv, type Options, type ValidateFunction } from "ajv";
import schema from "../../schema/roster.schema.json" with { type: "json" };
import options from "./roster-ajv-options.json" with { type: "json" };

/**
 * The options the validator is built with, here and in the generated code
 * (roster-ajv-options.json): every error (allErrors), with its data and
 * parentSchema (verbose: schemaIssues words its messages from them); formats
 * and our own fixed schema against JSON Schema's meta-schema are not checked
 * (the semantic checks own emails; strict mode still refuses unknown keywords).
 */
export const ROSTER_AJV_OPTIONS: Options = options;

let compiled: ValidateFunction | undefined;

/** The compiled validator, compiled once. */
export function rosterValidator(): ValidateFunction {
  compiled ??= new Ajv(ROSTER_AJV_OPTIONS).compile(schema);
  return compiled;
}

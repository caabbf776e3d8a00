import type { Plugin } from "esbuild";

/** ESM source exporting rosterValidator(): the roster schema's validator as ajv standalone code. */
export function rosterValidatorCode(root: string): string;
/** The esbuild plugin that builds that code in place of src/roster/roster-schema-validator.ts. */
export function rosterValidatorPlugin(root: string): Plugin;

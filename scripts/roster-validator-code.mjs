// The roster schema's validator as ajv standalone code: the module that replaces
// src/roster/roster-schema-validator.ts in dist/ (scripts/build.mjs). Same schema, same options.
import { Ajv } from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/** ESM source exporting rosterValidator(), as the TypeScript module does. `root` is the project folder. */
export function rosterValidatorCode(root) {
  const read = (path) => JSON.parse(readFileSync(resolve(root, path), "utf8"));
  const schema = read("schema/roster.schema.json");
  const options = read("src/roster/roster-ajv-options.json");
  const ajv = new Ajv({ ...options, code: { source: true, esm: true } });
  const code = standaloneCode(ajv, ajv.compile(schema));
  return `${code}\nexport function rosterValidator() { return validate; }\n`;
}

/** The esbuild plugin that puts this code in place of src/roster/roster-schema-validator.ts (dist/ and the bench). */
export function rosterValidatorPlugin(root) {
  return {
    name: "roster-validator-standalone",
    setup(plugin) {
      plugin.onLoad({ filter: /[\\/]src[\\/]roster[\\/]roster-schema-validator\.ts$/ }, () => ({
        contents: rosterValidatorCode(root),
        loader: "js",
        resolveDir: root,
      }));
    },
  };
}

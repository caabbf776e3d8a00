/** ESM source exporting rosterValidator(): the roster schema's validator as ajv standalone code. */
export function rosterValidatorCode(root: string): string;

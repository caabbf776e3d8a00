import type { CliCommand } from "./io.js";

/** `sentry-roster validate`: not built yet. */
export const validateCli: CliCommand = async (_argv, io) => {
  io.stderr("sentry-roster validate: not implemented yet\n");
  return 1;
};

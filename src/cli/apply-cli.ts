import type { CliCommand } from "./io.js";

/** `sentry-roster apply`: not built yet. */
export const applyCli: CliCommand = async (_argv, io) => {
  io.stderr("sentry-roster apply: not implemented yet\n");
  return 1;
};

import type { CliCommand } from "./io.js";

/** `sentry-roster plan`: not built yet. */
export const planCli: CliCommand = async (_argv, io) => {
  io.stderr("sentry-roster plan: not implemented yet\n");
  return 1;
};

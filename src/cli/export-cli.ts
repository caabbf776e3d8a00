import type { CliCommand } from "./io.js";

/** `sentry-roster export`: not built yet. */
export const exportCli: CliCommand = async (_argv, io) => {
  io.stderr("sentry-roster export: not implemented yet\n");
  return 1;
};

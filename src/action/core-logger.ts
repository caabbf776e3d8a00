import type { Logger } from "../commands/deps.js";

/** The parts of @actions/core a logger needs. */
export interface CoreLog {
  info(message: string): void;
  warning(message: string): void;
}

/** Command progress goes to the step log; warnings become warning annotations. */
export function coreLogger(core: CoreLog): Logger {
  return {
    progress: (message) => core.info(message),
    warn: (message) => core.warning(message),
  };
}

import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);

// src/commands/process-interrupts.ts
var INTERRUPTED_EXIT_CODE = 130;
function watchProcessInterrupts(say) {
  const controller = new AbortController();
  const onSignal = (name) => {
    if (controller.signal.aborted) {
      say(`
sentry-roster apply: ${name} again: exiting now; the write in flight may or may not have been applied (run plan to see)
`);
      process.exit(INTERRUPTED_EXIT_CODE);
    }
    say(`
sentry-roster apply: ${name} received: finishing the write in flight, then stopping (${name === "SIGINT" ? "Ctrl-C" : "signal"} again to exit at once)
`);
    controller.abort(`interrupted by ${name}: the write in flight was finished and nothing more was sent; run apply again to finish`);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  };
}

// src/commands/describe-error.ts
function describeError(error, token) {
  const text = error instanceof Error ? error.message : String(error);
  return token && token.length >= 4 ? text.split(token).join("[token]") : text;
}

export {
  INTERRUPTED_EXIT_CODE,
  watchProcessInterrupts,
  describeError
};

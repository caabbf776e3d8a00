/** Exit status after an interrupt, as shells report Ctrl-C (128 + SIGINT). */
export const INTERRUPTED_EXIT_CODE = 130;

/** A watch on SIGINT and SIGTERM while apply writes. */
export interface InterruptWatch {
  /** Aborted by the first signal; its reason is the report's stop message. */
  readonly signal: AbortSignal;
  /** Stops watching: signals act as usual again. */
  dispose(): void;
}

/**
 * Ctrl-C (SIGINT), and SIGINT then SIGTERM from a runner cancelling the job,
 * while apply writes (docs/cli.md#interrupting-apply): the first finishes the
 * write in flight and sends nothing more, so the report can say what was
 * applied and what was not; a second exits at once. Both front ends use it;
 * `say` prints the notes (stderr for the CLI, the log for the Action).
 */
export function watchProcessInterrupts(say: (text: string) => void): InterruptWatch {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      say(`\nsentry-roster apply: ${name} again: exiting now; the write in flight may or may not have been applied (run plan to see)\n`);
      process.exit(INTERRUPTED_EXIT_CODE);
    }
    say(`\nsentry-roster apply: ${name} received: finishing the write in flight, then stopping (${name === "SIGINT" ? "Ctrl-C" : "signal"} again to exit at once)\n`);
    controller.abort(`interrupted by ${name}: the write in flight was finished and nothing more was sent; run apply again to finish`);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

import type { InterruptWatch } from "../commands/process-interrupts.js";

/** The process as the CLI sees it; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** stderr is a terminal: show progress and colour. */
  readonly stderrIsTTY: boolean;
  /** stdout is a terminal: colour in results. */
  readonly stdoutIsTTY: boolean;
  /** Asks a yes/no question on the terminal; undefined when stdin is not a terminal. */
  readonly confirm?: (question: string) => Promise<boolean>;
  /** Starts watching for Ctrl-C and SIGTERM while apply writes (interrupts.ts); absent in tests that do not need it. */
  readonly watchInterrupts?: () => InterruptWatch;
  /**
   * Called once the command's code is loaded, before it runs. The process's
   * entry keeps V8's young generation at its size from there
   * (src/commands/young-generation.ts); tests leave it out, so their workers keep V8's defaults.
   */
  readonly commandLoaded?: () => void;
}

/** A CLI subcommand: argv after the command name → exit code. */
export type CliCommand = (argv: readonly string[], io: CliIo) => Promise<number>;

import { isatty } from "node:tty";
import { watchProcessInterrupts } from "../commands/process-interrupts.js";
import { keepYoungGenerationSmall } from "../commands/young-generation.js";
import { runCli } from "./main.js";

// No top-level await: this module is bundled as CommonJS for the code cache (src/cli/code-cache.ts).
void runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  stderrIsTTY: process.stderr.isTTY === true,
  stdoutIsTTY: process.stdout.isTTY === true,
  watchInterrupts: () => watchProcessInterrupts((text) => process.stderr.write(text)),
  // Once the command is loaded, so start-up runs with V8's defaults and gives the young generation its size.
  commandLoaded: keepYoungGenerationSmall,
  // isatty(0), not process.stdin.isTTY: creating the stdin stream costs every command
  // a tenth of its start when stdin is a file or /dev/null (npm run bench); only apply asks.
  ...(isatty(0)
    ? {
        confirm: async (question: string) => {
          const { createInterface } = await import("node:readline/promises");
          const prompt = createInterface({ input: process.stdin, output: process.stderr });
          try {
            return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
          } finally {
            prompt.close();
          }
        },
      }
    : {}),
}).then((code) => {
  process.exitCode = code;
});

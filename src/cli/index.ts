import { createInterface } from "node:readline/promises";
import { watchProcessInterrupts } from "../commands/process-interrupts.js";
import { runCli } from "./main.js";

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  stderrIsTTY: process.stderr.isTTY === true,
  stdoutIsTTY: process.stdout.isTTY === true,
  watchInterrupts: () => watchProcessInterrupts((text) => process.stderr.write(text)),
  ...(process.stdin.isTTY
    ? {
        confirm: async (question: string) => {
          const prompt = createInterface({ input: process.stdin, output: process.stderr });
          try {
            return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
          } finally {
            prompt.close();
          }
        },
      }
    : {}),
});

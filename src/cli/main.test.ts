import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { CliIo } from "./io.js";
import { runCli } from "./main.js";

const EXAMPLE = fileURLToPath(new URL("../../roster.example.yaml", import.meta.url));

/** An io double that records what happened, in order. */
function recordingIo(): { io: CliIo; events: string[] } {
  const events: string[] = [];
  const io: CliIo = {
    stdout: (text) => events.push(`stdout: ${text.trim()}`),
    stderr: (text) => events.push(`stderr: ${text.trim().split("\n")[0]}`),
    env: {},
    stderrIsTTY: false,
    stdoutIsTTY: false,
    commandLoaded: () => events.push("command loaded"),
  };
  return { io, events };
}

describe("runCli's commandLoaded hook (where the process keeps V8's young generation small)", () => {
  it("is called once the command is loaded, before it runs", async () => {
    const { io, events } = recordingIo();
    expect(await runCli(["validate", EXAMPLE], io)).toBe(0);
    expect(events[0]).toBe("command loaded");
    expect(events.filter((event) => event === "command loaded")).toHaveLength(1);
    expect(events.slice(1).join("\n")).toContain("is valid");
  });

  it("is not called when no command runs (help, version, an unknown command)", async () => {
    for (const argv of [["--help"], ["--version"], ["frobnicate"]]) {
      const { io, events } = recordingIo();
      await runCli(argv, io);
      expect(events).not.toContain("command loaded");
    }
  });
});

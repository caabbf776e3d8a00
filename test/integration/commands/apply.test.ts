import { join } from "node:path";
import type { FakeSentry } from "../../fakes/fake-sentry.js";
import { describe, expect, OWNER_TOKEN, test, type SharedFixtures } from "../../support/fixtures.js";
import { rosterInTempDir } from "../../support/rosters.js";
import { shortId } from "../../../src/plan/change-id.js";
import { applyCommand, type ApplyCommandOptions } from "../../../src/commands/apply.js";
import { formatApplyCommandResult } from "../../../src/commands/apply-format.js";
import { applyCommandSucceeded } from "../../../src/commands/apply-result.js";
import type { Deps } from "../../../src/commands/deps.js";

// applyCommand against the fake Sentry on 127.0.0.1, in-process: the paths the
// CLI does not reach (reviewed ids from the Action, a failed re-read).

interface Recorder {
  readonly deps: Deps;
  readonly files: Map<string, string>;
  /** Events in order: "snapshot" when a file is written, "METHOD path" for every write request. */
  readonly events: string[];
}

/** The Deps double on the loopback transport, recording writes of files and of requests in one list. */
function recordingDeps(makeDeps: SharedFixtures["depsDouble"], options: { failReadsAfterWrites?: boolean } = {}): Recorder {
  const events: string[] = [];
  let wrote = false;
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const method = init?.method ?? "GET";
    if (method !== "GET") {
      wrote = true;
      events.push(`${method} ${new URL(String(input)).pathname}`);
    } else if (options.failReadsAfterWrites && wrote) {
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
    }
    return globalThis.fetch(input, init);
  }) as typeof globalThis.fetch;
  const { deps, files } = makeDeps({ fetch, readDisk: true, onWriteFile: () => events.push("snapshot") });
  return { deps, files, events };
}

function options(server: FakeSentry, extra: Partial<ApplyCommandOptions> = {}): ApplyCommandOptions {
  const { dir, path } = rosterInTempDir("example-invite-yann-zoe");
  return { rosterPath: path, connection: { baseUrl: server.url, token: OWNER_TOKEN }, snapshotFile: join(dir, "snapshot.json"), ...extra };
}

describe("applyCommand", () => {
  test("saves the snapshot before the first write", async ({ startSentry, depsDouble }) => {
    const fake = await startSentry();
    const { deps, events, files } = recordingDeps(depsDouble);
    const result = await applyCommand(options(fake), deps);
    expect(result.kind).toBe("applied");
    expect(events[0]).toBe("snapshot");
    expect(events.length).toBeGreaterThan(1);
    const snapshot = JSON.parse([...files.values()][0] ?? "{}");
    expect(snapshot.live.members.some((member: { email: string }) => member.email === "alice@example.com")).toBe(true);
    expect(applyCommandSucceeded(result)).toBe(true);
  });

  test("runs only reviewed changes; the others are reported as not reviewed and fail the result", async ({ startSentry, depsDouble }) => {
    const fake = await startSentry();
    const first = recordingDeps(depsDouble);
    const reviewedOnly = await applyCommand({ ...options(fake), confirm: async () => false }, first.deps);
    expect(reviewedOnly.kind).toBe("refused");
    const plan = reviewedOnly.kind === "refused" ? reviewedOnly.plan : undefined;
    const yann = plan?.changes.find((change) => change.action === "invite" && change.email === "yann@example.com");
    expect(yann).toBeDefined();

    const { deps, events } = recordingDeps(depsDouble);
    const result = await applyCommand(options(fake, { reviewed: { ids: [shortId(yann?.id ?? "")] } }), deps);
    expect(result.kind).toBe("applied");
    if (result.kind !== "applied") return;
    expect(result.result.outcomes.map((outcome) => [outcome.change.action, "email" in outcome.change ? outcome.change.email : "", outcome.status])).toEqual([
      ["invite", "yann@example.com", "applied"],
      ["invite", "zoe@example.com", "skipped"],
    ]);
    expect(result.result.outcomes[1]?.message).toMatch(/^not reviewed/);
    expect(events.filter((event) => event.startsWith("POST"))).toHaveLength(1);
    expect(applyCommandSucceeded(result)).toBe(false);
    expect(formatApplyCommandResult(result, { json: false, color: false }).stdout).toContain("(1 not reviewed)");
  });

  test("writes nothing and builds no writer when the reviewed digest does not match", async ({ startSentry, depsDouble }) => {
    const fake = await startSentry();
    const { deps, events } = recordingDeps(depsDouble);
    const result = await applyCommand(options(fake, { reviewed: { digest: "0".repeat(64) } }), deps);
    expect(events).toEqual([]);
    expect(result.kind === "applied" && result.result.outcomes.every((outcome) => outcome.status === "skipped")).toBe(true);
    expect(applyCommandSucceeded(result)).toBe(false);
  });

  test("says convergence is unknown when the org cannot be read again", async ({ startSentry, depsDouble }) => {
    const fake = await startSentry();
    const { deps } = recordingDeps(depsDouble, { failReadsAfterWrites: true });
    const result = await applyCommand(options(fake), deps);
    expect(result.kind).toBe("applied");
    if (result.kind !== "applied") return;
    expect(result.recheckError).toMatch(/^could not read the org again to confirm the result: /);
    expect(result.recheckError).not.toContain(OWNER_TOKEN);
    expect(applyCommandSucceeded(result)).toBe(false);
  });
});

import { mkdtempSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeSentry, type FakeSentry } from "../../fakes/fake-sentry.js";
import { shortId } from "../../../src/plan/change-id.js";
import { applyCommand, applyCommandSucceeded, formatApplyCommandResult, type ApplyCommandOptions } from "../../../src/commands/apply.js";
import { SILENT_LOGGER, type Deps } from "../../../src/commands/deps.js";

// applyCommand against the fake Sentry on 127.0.0.1, in-process: the paths the
// CLI does not reach (reviewed ids from the Action, a failed re-read).
const SEED = new URL("../../fixtures/orgs/example-org.json", import.meta.url).pathname;
const TOKEN = "sntryu_owner_token_0123456789abcdef";
const ROSTER = `version: 1
organization: acme
teams: { backend: {}, frontend: {} }
ignore: [bob@example.com, dave@example.com, erin@example.com, frank@example.com, grace@example.com, ci-bot@example.com]
members:
  - email: alice@example.com
    role: owner
    teams: [backend]
  - email: yann@example.com
    role: member
    teams: [backend]
  - email: zoe@example.com
    role: member
    teams: [frontend]
`;

let fake: FakeSentry | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

interface Recorder {
  readonly deps: Deps;
  readonly files: Map<string, string>;
  /** Events in order: "snapshot" when a file is written, "METHOD path" for every write request. */
  readonly events: string[];
}

function recordingDeps(options: { failReadsAfterWrites?: boolean } = {}): Recorder {
  const files = new Map<string, string>();
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
  const deps: Deps = {
    readFile: (path) => readFile(path, "utf8"),
    writeFile: async (path, text) => {
      events.push("snapshot");
      files.set(path, text);
    },
    logger: SILENT_LOGGER,
    now: () => Date.now(),
    sleep: async () => {},
    fetch,
  };
  return { deps, files, events };
}

function options(server: FakeSentry, extra: Partial<ApplyCommandOptions> = {}): ApplyCommandOptions {
  const dir = mkdtempSync(join(tmpdir(), "sentry-roster-apply-command-"));
  writeFileSync(join(dir, "roster.yaml"), ROSTER);
  return { rosterPath: join(dir, "roster.yaml"), connection: { baseUrl: server.url, token: TOKEN }, snapshotFile: join(dir, "snapshot.json"), ...extra };
}

describe("applyCommand", () => {
  it("saves the snapshot before the first write", async () => {
    fake = await startFakeSentry(SEED);
    const { deps, events, files } = recordingDeps();
    const result = await applyCommand(options(fake), deps);
    expect(result.kind).toBe("applied");
    expect(events[0]).toBe("snapshot");
    expect(events.length).toBeGreaterThan(1);
    const snapshot = JSON.parse([...files.values()][0] ?? "{}");
    expect(snapshot.live.members.some((member: { email: string }) => member.email === "alice@example.com")).toBe(true);
    expect(applyCommandSucceeded(result)).toBe(true);
  });

  it("runs only reviewed changes; the others are reported as not reviewed and fail the result", async () => {
    fake = await startFakeSentry(SEED);
    const first = recordingDeps();
    const reviewedOnly = await applyCommand({ ...options(fake), confirm: async () => false }, first.deps);
    expect(reviewedOnly.kind).toBe("refused");
    const plan = reviewedOnly.kind === "refused" ? reviewedOnly.plan : undefined;
    const yann = plan?.changes.find((change) => change.action === "invite" && change.email === "yann@example.com");
    expect(yann).toBeDefined();

    const { deps, events } = recordingDeps();
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

  it("writes nothing and builds no writer when the reviewed digest does not match", async () => {
    fake = await startFakeSentry(SEED);
    const { deps, events } = recordingDeps();
    const result = await applyCommand(options(fake, { reviewed: { digest: "0".repeat(64) } }), deps);
    expect(events).toEqual([]);
    expect(result.kind === "applied" && result.result.outcomes.every((outcome) => outcome.status === "skipped")).toBe(true);
    expect(applyCommandSucceeded(result)).toBe(false);
  });

  it("says convergence is unknown when the org cannot be read again", async () => {
    fake = await startFakeSentry(SEED);
    const { deps } = recordingDeps({ failReadsAfterWrites: true });
    const result = await applyCommand(options(fake), deps);
    expect(result.kind).toBe("applied");
    if (result.kind !== "applied") return;
    expect(result.recheckError).toMatch(/^could not read the org again to confirm the result: /);
    expect(result.recheckError).not.toContain(TOKEN);
    expect(applyCommandSucceeded(result)).toBe(false);
  });
});

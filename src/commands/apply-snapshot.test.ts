import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aLiveMember, liveState } from "../../test/support/builders.js";
import { depsDouble } from "../../test/support/deps-double.js";
import { indentedJson, joinedInPieces, saveSnapshot } from "./apply-snapshot.js";

// Seeded so a failure reproduces; fast-check prints the seed and path of a failing run.
const SEED = Number(process.env["SNAPSHOT_PROPERTY_SEED"] ?? 20261129);

describe("the snapshot's serializer", () => {
  it("writes exactly the text of JSON.stringify(value, null, 2) and a newline, at any depth of streaming", () => {
    const value = fc.oneof(
      fc.jsonValue(),
      // Entries JSON.stringify leaves out of objects and writes as null in arrays.
      fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.constant(undefined))),
      fc.array(fc.oneof(fc.jsonValue(), fc.constant(undefined))),
    );
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 4 }), (json, levels) => {
        expect([...indentedJson(json, levels)].join("")).toBe(`${JSON.stringify(json, null, 2)}\n`);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("serializes one member at a time below the reading's lists, so no piece holds the whole org", () => {
    const members = Array.from({ length: 50 }, (_, index) => aLiveMember(`m${index}@example.com`, { teams: { backend: "contributor" } }));
    const pieces = [...indentedJson({ live: liveState({ members }) }, 3)];
    const longest = Math.max(...pieces.map((piece) => piece.length));
    expect(longest).toBeLessThan(JSON.stringify(members[0], null, 2).length * 2);
  });

  it("joins pieces into writes of at least the given size, losing nothing", () => {
    fc.assert(
      fc.property(fc.array(fc.string()), fc.integer({ min: 1, max: 20 }), (pieces, size) => {
        const joined = [...joinedInPieces(pieces, size)];
        expect(joined.join("")).toBe(pieces.join(""));
        for (const piece of joined.slice(0, -1)) expect(piece.length).toBeGreaterThanOrEqual(size);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe("saveSnapshot", () => {
  it("saves the reading with its kind, organization and time, as indented JSON", async () => {
    const { deps, files } = depsDouble({ now: () => Date.parse("2026-11-29T06:00:00Z") });
    const live = liveState({ members: [aLiveMember("ann@example.com", { teams: { backend: null } })] });
    await saveSnapshot("/snap.json", live, deps);
    const text = files.get("/snap.json") ?? "";
    const snapshot = { formatVersion: 1, kind: "sentry-roster-snapshot", organization: live.organization, takenAt: "2026-11-29T06:00:00.000Z", live };
    expect(text).toBe(`${JSON.stringify(snapshot, null, 2)}\n`);
  });
});

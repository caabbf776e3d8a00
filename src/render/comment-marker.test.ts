import { describe, expect, it } from "vitest";
import { MARKER_PREFIX, parseMarker, writeMarker } from "./comment-marker.js";

const DIGEST = "ab".repeat(32);

describe("comment marker", () => {
  it("round-trips the org, digest, short ids and sha", () => {
    const marker = { org: "acme", digest: DIGEST, ids: ["0123456789abcdef"], sha: "deadbeef" };
    const line = writeMarker(marker);
    expect(line.startsWith(MARKER_PREFIX)).toBe(true);
    expect(parseMarker(`${line}\n\n### plan`)).toEqual(marker);
  });

  it("cannot be closed early by a value holding -->", () => {
    const line = writeMarker({ org: "x --> <b>", digest: DIGEST });
    expect(line.indexOf("-->")).toBe(line.length - 3);
    expect(parseMarker(line)?.org).toBe("x --> <b>");
  });

  it("reads only a marker on the first line, never a quoted one further down", () => {
    const spoof = `hello\n${writeMarker({ org: "acme", digest: DIGEST, ids: ["0123456789abcdef"] })}`;
    expect(parseMarker(spoof)).toBeUndefined();
  });

  it.each([
    ["a wrong version", `${MARKER_PREFIX}{"v":2,"org":"a","digest":"${DIGEST}"} -->`],
    ["a malformed id", `${MARKER_PREFIX}{"v":1,"org":"a","digest":"${DIGEST}","ids":["xyz"]} -->`],
    ["broken JSON", `${MARKER_PREFIX}{"v":1, -->`],
    ["no digest", `${MARKER_PREFIX}{"v":1,"org":"a"} -->`],
  ])("refuses %s", (_name, body) => {
    expect(parseMarker(body)).toBeUndefined();
  });
});

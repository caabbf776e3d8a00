import { describe, expect, it } from "vitest";
import { MARKER_PREFIX, decodeIds, encodeIds, parseMarker, writeMarker } from "./comment-marker.js";
import { MARKER_SHARE, MAX_COMMENT_CHARS } from "./fit-to-limit.js";

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

describe("compact ids", () => {
  const ids = Array.from({ length: 3_000 }, (_, index) => (index * 2654435761).toString(16).padStart(16, "0").slice(-16));

  it("round-trips any number of short ids, and writes them in about 10.7 characters each", () => {
    for (const count of [0, 1, 2, 3, 4, 3_000]) expect(decodeIds(encodeIds(ids.slice(0, count)))).toEqual(ids.slice(0, count));
    expect(encodeIds(ids).length).toBe(32_000);
    expect(encodeIds(ids)).toMatch(/^[A-Za-z0-9._]+$/);
  });

  it("keeps 3,000 ids within the marker's share of the budget", () => {
    expect(writeMarker({ org: "acme", digest: "a".repeat(64), ids, sha: "1".repeat(40) }).length).toBeLessThan(MAX_COMMENT_CHARS * MARKER_SHARE);
  });

  it("reads the older JSON list too, and refuses a text that is not whole ids", () => {
    const legacy = `${MARKER_PREFIX}{"v":1,"org":"a","digest":"${"b".repeat(64)}","ids":["0123456789abcdef"]} -->`;
    expect(parseMarker(legacy)?.ids).toEqual(["0123456789abcdef"]);
    expect(decodeIds("abc")).toBeUndefined();
    expect(decodeIds("a-b")).toBeUndefined();
    expect(parseMarker(`${MARKER_PREFIX}{"v":1,"org":"a","digest":"${"b".repeat(64)}","ids64":"AAAA"} -->`)).toBeUndefined();
  });
});

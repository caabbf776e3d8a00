import { describe, expect, it } from "vitest";
import { parseLinkHeader } from "./link-header.js";

const SENTRY_LINK =
  '<https://sentry.io/api/0/organizations/acme/members/?&cursor=100:-1:1>; rel="previous"; results="false"; cursor="100:-1:1", ' +
  '<https://sentry.io/api/0/organizations/acme/members/?&cursor=100:1:0>; rel="next"; results="true"; cursor="100:1:0"';

describe("parseLinkHeader", () => {
  it.each([
    [
      "Sentry's two links",
      SENTRY_LINK,
      { next: { cursor: "100:1:0", results: true }, previous: { cursor: "100:-1:1", results: false } },
    ],
    [
      "a last page (next says results=false)",
      SENTRY_LINK.replace('results="true"', 'results="false"'),
      { next: { cursor: "100:1:0", results: false } },
    ],
    [
      "links in any order",
      SENTRY_LINK.split(", ").reverse().join(", "),
      { next: { cursor: "100:1:0", results: true } },
    ],
    [
      "unquoted attribute values",
      "<https://x/?&cursor=1>; rel=next; results=true; cursor=100:2:0",
      { next: { cursor: "100:2:0", results: true } },
    ],
    [
      "upper-case attribute names",
      '<https://x/>; REL="next"; Results="true"; Cursor="c"',
      { next: { cursor: "c", results: true } },
    ],
    ["a link without results", '<https://x/>; rel="next"; cursor="c"', { next: { cursor: "c", results: undefined } }],
  ])("reads %s", (_name, header, expected) => {
    expect(parseLinkHeader(header)).toMatchObject(expected);
  });

  it.each([
    ["null", null],
    ["empty", ""],
    ["no angle brackets", 'rel="next"; cursor="x"'],
    ["an unclosed url", '<https://x/; rel="next"'],
    ["an unclosed quote", '<https://x/>; rel="next; cursor="x'],
    ["an unknown rel", '<https://x/>; rel="first"; cursor="x"'],
  ])("returns no next link for %s", (_name, header) => {
    expect(parseLinkHeader(header).next).toBeUndefined();
  });

  it("keeps the first of duplicate next links", () => {
    const header =
      '<https://a/>; rel="next"; results="true"; cursor="first", <https://b/>; rel="next"; results="true"; cursor="second"';
    expect(parseLinkHeader(header).next?.cursor).toBe("first");
  });

  it("survives a 1 MB hostile header in linear time", () => {
    const hostile = [
      "<".repeat(1_000_000),
      `<${"a".repeat(1_000_000)}>; rel="next"`,
      `<https://x/>; rel="next"; cursor="${'\\"'.repeat(500_000)}`,
      `${'<x>; rel="previous", '.repeat(50_000)}<https://x/>; rel="next"; results="true"; cursor="c"`,
      `<https://x/>${"; a=b".repeat(200_000)}`,
    ];
    const started = performance.now();
    for (const header of hostile) expect(() => parseLinkHeader(header)).not.toThrow();
    expect(parseLinkHeader(hostile[1]).next).toBeUndefined();
    // Backtracking would take minutes; a generous bound keeps a loaded machine from flaking.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

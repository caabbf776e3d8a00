import { describe, expect, it } from "vitest";
import { closestMatch, didYouMean } from "./did-you-mean.js";

describe("closestMatch", () => {
  it.each([
    ["ownr", ["member", "admin", "manager", "owner", "billing"], "owner"],
    ["backnd", ["backend", "frontend"], "backend"],
    ["frontned", ["backend", "frontend"], "frontend"],
    ["Backend", ["backend"], "backend"],
    ["rol", ["email", "aliases", "role", "teams"], "role"],
    ["protected", ["protect", "manage"], "protect"],
  ])("suggests %s → the close candidate", (typed, candidates, expected) => {
    expect(closestMatch(typed, candidates)).toBe(expected);
  });

  it.each([
    ["delete", ["report", "remove"]],
    ["x", ["admin"]],
    ["payments", ["backend", "frontend"]],
  ])("suggests nothing for %s when no candidate is a plausible typo", (typed, candidates) => {
    expect(closestMatch(typed, candidates)).toBeUndefined();
  });

  it("never suggests the word that was typed", () => {
    expect(closestMatch("backend", ["backend"])).toBeUndefined();
  });

  it("phrases the suggestion as a question", () => {
    expect(didYouMean("managr", ["manager"])).toBe('did you mean "manager"?');
  });
});

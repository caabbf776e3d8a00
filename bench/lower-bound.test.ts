import { describe, expect, it } from "vitest";
import {
  applyIdealMs,
  chainMs,
  median,
  pagesFor,
  planRequestBound,
  planTimeBoundMs,
  teamMemberCounts,
} from "./lower-bound.js";

const MODEL = { latencyMs: 20, membersIndexPerSecond: 40, concurrency: 4 };

describe("the bench's lower bounds", () => {
  it("charges one request for an empty list and none extra for an exactly full last page", () => {
    expect([pagesFor(0), pagesFor(1), pagesFor(100), pagesFor(101), pagesFor(10_000)]).toEqual([1, 1, 1, 2, 100]);
  });

  it("counts member pages, team pages, each team's member pages and the three fixed reads", () => {
    const bound = planRequestBound({ members: 1_000, teams: 150, teamMemberCounts: [0, 100, 101, 250] });
    expect(bound).toEqual({ memberPages: 10, teamPages: 2, teamMemberPages: 1 + 1 + 2 + 3, fixed: 3, total: 22 });
  });

  it("takes the rate limit as binding when it is slower than the latency", () => {
    // 100 pages, 25 ms apart at 40/s, the last one answered after 20 ms.
    expect(chainMs(100, 20, 40)).toBe(99 * 25 + 20);
    // At 100/s the 20 ms latency binds: 100 sequential answers.
    expect(chainMs(100, 20, 100)).toBe(2_000);
    expect(chainMs(0, 20, 40)).toBe(0);
  });

  it("bounds plan time by the members chain, the longest team, or the work spread over the readers", () => {
    // Members chain: 1 page = 20 ms; spread: ⌈(1 + 1 + 10 + 3) / 4⌉ × 20 = 4 × 20 = 80 ms
    // (15 requests, 4 readers: one reader sends at least 4 of them, one after another).
    expect(planTimeBoundMs({ members: 100, teams: 10, teamMemberCounts: Array<number>(10).fill(30) }, MODEL)).toBe(80);
    // 64 requests fill 4 readers exactly: 16 × 20 = 320 ms, as the even spread.
    expect(planTimeBoundMs({ members: 1_000, teams: 50, teamMemberCounts: Array<number>(50).fill(30) }, MODEL)).toBe(320);
    // Members chain: 99 × 25 + 20 = 2,495 ms beats the spread ⌈(100 + 2 + 200 + 3) / 4⌉ × 20 = 1,540 ms.
    expect(planTimeBoundMs({ members: 10_000, teams: 200, teamMemberCounts: Array<number>(200).fill(80) }, MODEL)).toBe(
      2_495,
    );
    // One team of 1,000 members is a 10-page chain: 200 ms beats the spread ⌈(1 + 1 + 10 + 3) / 4⌉ × 20 = 80 ms.
    expect(planTimeBoundMs({ members: 50, teams: 1, teamMemberCounts: [1_000] }, MODEL)).toBe(200);
  });

  it("puts the ideal apply at changes ÷ rate limit unless the latency binds", () => {
    expect(applyIdealMs(200, MODEL)).toBe(5_000);
    expect(applyIdealMs(200, { latencyMs: 50, membersIndexPerSecond: 40 })).toBe(10_000);
  });

  it("counts each team's rows from the memberships, ignoring teams outside the list", () => {
    expect(teamMemberCounts(["a", "b", "c"], [["a"], ["a", "b"], ["z"], []])).toEqual([2, 1, 0]);
  });

  it("takes the middle value, or the mean of the two middle values", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });
});

import { describe, expect, it } from "vitest";
import { ReadSlots } from "./read-slots.js";

describe("ReadSlots", () => {
  it("lets `limit` readers in, then hands each freed slot to the reader that asked first", async () => {
    const slots = new ReadSlots(2);
    const order: string[] = [];
    const first = await slots.take();
    const second = await slots.take();
    const third = slots.take().then((giveBack) => (order.push("third"), giveBack));
    const fourth = slots.take().then((giveBack) => (order.push("fourth"), giveBack));
    await Promise.resolve();
    expect(order).toEqual([]);
    second();
    second(); // giving back twice frees one slot, not two
    (await third)();
    const giveBackFourth = await fourth;
    expect(order).toEqual(["third", "fourth"]);
    first();
    giveBackFourth();
    // Every slot is free again: two readers get in at once.
    await Promise.all([slots.take(), slots.take()]);
  });
});

/**
 * At most `limit` reads in flight at once. A read holds its slot from sending
 * its request to the last byte of its answer; its waits (pacing, back-off)
 * hold none. Slots go to waiting reads in the order they asked, so the
 * members list's cursor chain, which asks for its next page as soon as a page
 * arrives, is never starved by the team lists (docs/benchmarks.md#how-the-figures-are-obtained).
 */
export class ReadSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.free = limit;
  }

  /** Waits for a slot; the returned function gives it back (once). */
  async take(): Promise<() => void> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free += 1;
    };
  }
}

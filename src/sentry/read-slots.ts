/**
 * At most `limit` reads in flight at once. A single GET holds its slot from
 * sending its request to the last byte of its answer, and its waits (pacing,
 * back-off) hold none; a list's reader (SentryClient.openReader) holds one
 * from its first page to its last, so the members list's cursor chain never
 * queues behind the team lists. Slots go to waiting reads in the order they
 * asked (docs/benchmarks.md#how-the-figures-are-obtained).
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

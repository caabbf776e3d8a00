import { createHash } from "node:crypto";

/** What an injected fault does to one request. */
export type FaultKind =
  /** 429 with Remaining 0 and Reset = the fake's current second (so a client waits ~0 ms). */
  | "429"
  /** 429 whose body is a bare JSON string (old builds). */
  | "429-bare"
  /** 429 of a burst: Remaining 0 and Reset = the next second, so a client must really wait for the window. */
  | "429-burst"
  /** 500 `{"detail": "Internal Error", "errorId": …}` (F08). */
  | "500"
  | "502"
  | "503"
  /** The connection is destroyed without an answer. */
  | "reset"
  /** A proxy's HTML error page: 502, Content-Type text/html (nginx's text). */
  | "html-502"
  /** The request is handled (a write takes effect), then the answer's JSON body is cut in half; status and Content-Length stay consistent. */
  | "truncated-json";

/** Which requests a fault applies to; all given fields must match. */
export interface RequestMatch {
  readonly method?: string;
  /** Substring of the path (after the prefix), e.g. "/members/". */
  readonly path?: string;
}

/** Random faults, deterministic from `seed` (X4, issue 4 §7). */
export interface RandomFaults {
  /** Probability in [0, 1] that a matching request fails. */
  readonly rate: number;
  readonly kinds: readonly FaultKind[];
  readonly seed?: number;
  /**
   * The n-th repetition of one exact request (method + path + query) fails
   * only while n < this, so a client retrying enough always gets through. Default 2.
   */
  readonly maxPerRequest?: number;
  /** Also fail writes (before they take effect). Default false: reads only. */
  readonly includeWrites?: boolean;
  /**
   * Probability that a write which got through takes effect and then loses
   * its answer (500 or a dropped connection, half each), rolled afresh on
   * every attempt. Default 0.
   */
  readonly afterCommitRate?: number;
  /** 429 bursts: of every `every` requests, the first `length` answer "429-burst". */
  readonly burst429?: { readonly every: number; readonly length: number };
}

interface Queued {
  remaining: number;
  readonly kind: FaultKind;
  readonly match: RequestMatch | undefined;
  readonly afterCommit: boolean;
}

/** The fault switchboard tests drive (FakeSentry.faults). */
export interface FaultControl {
  /** The next `count` matching requests fail with `kind` before doing anything. */
  failNext(count: number, kind: FaultKind, match?: RequestMatch): void;
  /** The next `count` matching writes take effect, then the answer is lost (`reset`) or replaced by a 500. */
  failAfterCommit(count: number, kind: "reset" | "500" | "truncated-json", match?: RequestMatch): void;
  /** Random faults (null turns them off). */
  setRandom(options: RandomFaults | null): void;
  /** Delay every matching answer (all, without `match`) by this many real milliseconds (default 0). */
  setLatency(ms: number, match?: RequestMatch): void;
  /** Answer 500 to every matching request until cleared (a down server). */
  failAlways(kind: FaultKind, match?: RequestMatch): void;
  /** Removes every fault and the latency. */
  clear(): void;
}

/** A decision for one request. */
export interface FaultDecision {
  readonly before: FaultKind | undefined;
  readonly afterCommit: "reset" | "500" | "truncated-json" | undefined;
}

function matches(match: RequestMatch | undefined, method: string, path: string): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== method) return false;
  if (match.path && !path.includes(match.path)) return false;
  return true;
}

function unitHash(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32BE(0) / 0x1_0000_0000;
}

/** Holds the fault settings and decides, per request, what happens. */
export class Faults implements FaultControl {
  private queue: Queued[] = [];
  private random: RandomFaults | null = null;
  private always: { kind: FaultKind; match: RequestMatch | undefined } | null = null;
  private seen = new Map<string, number>();
  /** Requests counted for burst429. */
  private counted = 0;
  private latency: { ms: number; match: RequestMatch | undefined } = { ms: 0, match: undefined };

  failNext(count: number, kind: FaultKind, match?: RequestMatch): void {
    this.queue.push({ remaining: count, kind, match, afterCommit: false });
  }

  failAfterCommit(count: number, kind: "reset" | "500" | "truncated-json", match?: RequestMatch): void {
    this.queue.push({ remaining: count, kind, match, afterCommit: true });
  }

  setRandom(options: RandomFaults | null): void {
    this.random = options;
    this.seen.clear();
    this.counted = 0;
  }

  setLatency(ms: number, match?: RequestMatch): void {
    this.latency = { ms, match };
  }

  /** How long the answer to this request waits. */
  latencyFor(method: string, path: string): number {
    return matches(this.latency.match, method, path) ? this.latency.ms : 0;
  }

  failAlways(kind: FaultKind, match?: RequestMatch): void {
    this.always = { kind, match };
  }

  clear(): void {
    this.queue = [];
    this.random = null;
    this.always = null;
    this.seen.clear();
    this.latency = { ms: 0, match: undefined };
  }

  /** Decides the fate of one request; consumes queued faults. */
  decide(method: string, path: string, query: string): FaultDecision {
    const isWrite = method !== "GET" && method !== "HEAD";
    if (this.always && matches(this.always.match, method, path))
      return { before: this.always.kind, afterCommit: undefined };
    const queued = this.queue.find(
      (q) => q.remaining > 0 && matches(q.match, method, path) && (!q.afterCommit || isWrite),
    );
    if (queued) {
      queued.remaining -= 1;
      this.queue = this.queue.filter((q) => q.remaining > 0);
      return queued.afterCommit
        ? { before: undefined, afterCommit: queued.kind as "reset" | "500" | "truncated-json" }
        : { before: queued.kind, afterCommit: undefined };
    }
    const random = this.random;
    if (!random) return { before: undefined, afterCommit: undefined };
    const burst = random.burst429;
    if (burst && this.counted++ % burst.every < burst.length) return { before: "429-burst", afterCommit: undefined };
    const key = `${method} ${path}?${query}`;
    const n = this.seen.get(key) ?? 0;
    this.seen.set(key, n + 1);
    if ((!isWrite || random.includeWrites) && random.kinds.length > 0 && n < (random.maxPerRequest ?? 2)) {
      const roll = unitHash(`${random.seed ?? 0}|${key}|${n}`);
      if (roll < random.rate) {
        const pick = Math.floor(unitHash(`${random.seed ?? 0}|kind|${key}|${n}`) * random.kinds.length);
        return { before: random.kinds[pick], afterCommit: undefined };
      }
    }
    if (isWrite && random.afterCommitRate && unitHash(`${random.seed ?? 0}|commit|${key}|${n}`) < random.afterCommitRate) {
      return { before: undefined, afterCommit: unitHash(`${random.seed ?? 0}|commit-kind|${key}|${n}`) < 0.5 ? "500" : "reset" };
    }
    return { before: undefined, afterCommit: undefined };
  }
}

/** Something a timer fires on: the transaction itself, so no closure is allocated per timer. */
export interface TimerTarget {
  onTimer(name: TimerName): void;
}

/** RFC 3261 §17 timer names, plus `L` (RFC 6026 §8.7/§8.11: Accepted state) and `trying` (§17.2.1 100). */
export type TimerName =
  | 'A'
  | 'B'
  | 'D'
  | 'E'
  | 'F'
  | 'G'
  | 'H'
  | 'I'
  | 'J'
  | 'K'
  | 'L'
  | 'M'
  | 'trying'
  /** §9.1: 64×T1 after our CANCEL with still no final response to the INVITE. */
  | 'cancel';

/** A scheduled timer; `cancel()` is O(1) (lazy deletion: the entry is skipped when it reaches the top). */
export class TimerEntry {
  /** Cancelled before it fired. */
  cancelled = false;
  /** Left the queue (fired or dropped). */
  done = false;
  /**
   * What the timer fires on; let go on cancel. A cancelled entry stays in the heap until its deadline
   * (lazy deletion: Timer B, F, L and M are 64×T1 = 32 s); holding its transaction meanwhile kept finished
   * transactions alive that long (heap after 20,000 in-process calls: 184 -> 149 MiB, `bench/call-path`).
   */
  private target: TimerTarget | undefined;

  constructor(
    readonly at: number,
    readonly seq: number,
    target: TimerTarget,
    readonly name: TimerName,
    private readonly queue: TimerQueue,
  ) {
    this.target = target;
  }

  /** Runs the timer unless it was cancelled. */
  fire(): void {
    this.target?.onTimer(this.name);
  }

  cancel(): void {
    if (this.cancelled || this.done) return;
    this.cancelled = true;
    this.target = undefined;
    this.queue.noteCancelled();
  }
}

/**
 * A due timer found this late means the event loop was busy or the process descheduled: the responses
 * that would cancel it (a 180 stopping Timer A, an ACK stopping Timer G) may be waiting in the sockets.
 */
const LATE_MS = 20;

/** Below this many cancelled entries the heap is never compacted: not worth an O(n log n) pass. */
const COMPACT_MIN = 4096;

/**
 * One binary min-heap of deadlines driving every transaction timer, with a single Node timer armed for
 * the earliest one. Thousands of live transactions cost one `setTimeout`, not one each; scheduling is
 * O(log n), cancelling O(1).
 */
export class TimerQueue {
  private heap: TimerEntry[] = [];
  private seq = 0;
  private cancelled = 0;
  private armedAt = Number.POSITIVE_INFINITY;
  private handle: NodeJS.Timeout | undefined;
  private yielded = false;
  private readonly fire = (): void => this.runDue();

  /**
   * `now` in ms. The default counts from the queue's creation rather than from 1970: a deadline then fits
   * a small integer (up to ~12 days of uptime) and `TimerEntry.at` needs no boxed number, one object less
   * per timer for the GC (~6 timers per call wait in the heap for up to 32 s).
   */
  constructor(private readonly now: () => number = sinceCreation()) {}

  schedule(target: TimerTarget, name: TimerName, delayMs: number): TimerEntry {
    const entry = new TimerEntry(this.now() + delayMs, this.seq++, target, name, this);
    this.push(entry);
    if (entry.at < this.armedAt) this.arm(entry.at);
    return entry;
  }

  /** Live and cancelled entries not yet dropped (for tests and metrics). */
  get size(): number {
    return this.heap.length;
  }

  /**
   * Most transaction timers are cancelled long before they are due (Timer B after the first response):
   * once they are the majority, drop them so the heap stays as small as the live timers.
   */
  noteCancelled(): void {
    this.cancelled++;
    if (this.cancelled < COMPACT_MIN || this.cancelled * 2 < this.heap.length) return;
    const live = this.heap.filter((e) => !e.cancelled);
    live.sort((a, b) => a.at - b.at || a.seq - b.seq); // a sorted array is a valid min-heap
    // Replaced, not refilled with `push(...live)`: spreading ~130,000 entries as arguments overflows the
    // stack (RangeError), and 3,000 calls/s keep ~300,000 timers waiting for 64×T1.
    this.heap = live;
    this.cancelled = 0;
  }

  /** Stops the Node timer; pending entries are dropped. */
  clear(): void {
    if (this.handle) clearTimeout(this.handle);
    this.handle = undefined;
    this.armedAt = Number.POSITIVE_INFINITY;
    this.heap.length = 0;
    this.cancelled = 0;
  }

  private arm(at: number): void {
    if (this.handle) clearTimeout(this.handle);
    this.armedAt = at;
    this.handle = setTimeout(this.fire, Math.max(0, at - this.now()));
    this.handle.unref();
  }

  private runDue(): void {
    this.handle = undefined;
    // Late: let the poll phase read pending messages first, then fire in the check phase (setImmediate),
    // rather than retransmit requests whose answers are already here.
    if (!this.yielded && this.now() - this.armedAt > LATE_MS) {
      this.yielded = true;
      setImmediate(this.fire);
      return;
    }
    this.yielded = false;
    this.armedAt = Number.POSITIVE_INFINITY;
    const now = this.now();
    let top = this.heap[0];
    while (top && top.at <= now) {
      this.pop();
      if (!top.cancelled) top.fire();
      top = this.heap[0];
    }
    // Cancelled entries at the top would only cause an early wake-up; drop them now.
    while (top?.cancelled) {
      this.pop();
      top = this.heap[0];
    }
    if (top && top.at < this.armedAt) this.arm(top.at);
  }

  private push(entry: TimerEntry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as TimerEntry;
      if (!before(entry, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = entry;
  }

  private pop(): void {
    const heap = this.heap;
    const first = heap[0];
    if (first) {
      first.done = true;
      if (first.cancelled) this.cancelled--;
    }
    const last = heap.pop();
    if (!last || heap.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child =
        right < heap.length && before(heap[right] as TimerEntry, heap[left] as TimerEntry) ? right : left;
      if (!before(heap[child] as TimerEntry, last)) break;
      heap[i] = heap[child] as TimerEntry;
      i = child;
    }
    heap[i] = last;
  }
}

function sinceCreation(): () => number {
  const origin = Date.now();
  return () => Date.now() - origin;
}

function before(a: TimerEntry, b: TimerEntry): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

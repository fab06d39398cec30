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
   * What the timer fires on; let go on cancel. A cancelled entry stays in its lane until its deadline
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

/** Below this many cancelled entries the lanes are never compacted: not worth a pass over them. */
const COMPACT_MIN = 4096;

/**
 * The timers scheduled with one delay, in deadline order: with one delay per lane, a later timer never has
 * an earlier deadline, so the lane is a FIFO (appended at the tail, fired from the head, O(1) both).
 */
class Lane {
  /** Entries from `head` on are pending; the slots before it were fired or dropped. */
  private entries: (TimerEntry | undefined)[] = [];
  private head = 0;

  constructor(readonly delay: number) {}

  get length(): number {
    return this.entries.length - this.head;
  }

  /** The earliest pending entry. */
  get first(): TimerEntry | undefined {
    return this.entries[this.head];
  }

  /** The deadline of the last entry (to keep deadlines in order if the clock stepped back). */
  get lastAt(): number {
    return this.length === 0
      ? Number.NEGATIVE_INFINITY
      : (this.entries[this.entries.length - 1] as TimerEntry).at;
  }

  push(entry: TimerEntry): void {
    this.entries.push(entry);
  }

  shift(): void {
    this.entries[this.head] = undefined;
    this.head++;
    if (this.head === this.entries.length) {
      this.entries = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.entries.length) {
      this.entries = this.entries.slice(this.head); // fired slots are half the array: let them go
      this.head = 0;
    }
  }

  /** Drops cancelled entries (order kept); returns how many stay. */
  compact(): number {
    const live: TimerEntry[] = [];
    for (let i = this.head; i < this.entries.length; i++) {
      const entry = this.entries[i] as TimerEntry;
      if (!entry.cancelled) live.push(entry);
    }
    this.entries = live;
    this.head = 0;
    return live.length;
  }
}

/**
 * Every transaction timer, with a single Node timer armed for the earliest one. Timers are kept in one
 * FIFO lane per delay (64×T1, T4, T1, 2×T1 ... a handful in all): scheduling appends, firing takes from
 * the head of the lane whose head is earliest, and cancelling is O(1) (lazy: a cancelled entry is skipped
 * when it reaches the head). Thousands of live transactions cost one `setTimeout`, not one each. A binary
 * heap did this before: at 3,000 calls/s ~500,000 entries wait (most for 64×T1), and each push or pop walked
 * ~19 levels of it, ~12 µs per call (9 timers) against ~2 µs in lanes (`TimerQueue` alone, same pattern).
 */
export class TimerQueue {
  /**
   * The lanes with pending entries, found by a scan: transactions use a handful of delays (a lane is
   * dropped when it empties, so timers with many distinct delays cost a longer scan, never a leak).
   */
  private lanes: Lane[] = [];
  private count = 0;
  private seq = 0;
  private cancelled = 0;
  private armedAt = Number.POSITIVE_INFINITY;
  private handle: NodeJS.Timeout | undefined;
  private yielded = false;
  private readonly fire = (): void => this.runDue();

  /**
   * `now` in ms. The default counts from the queue's creation rather than from 1970: a deadline then fits
   * a small integer (up to ~12 days of uptime) and `TimerEntry.at` needs no boxed number, one object less
   * per timer for the GC (~6 timers per call wait for up to 32 s).
   */
  constructor(private readonly now: () => number = sinceCreation()) {}

  schedule(target: TimerTarget, name: TimerName, delayMs: number): TimerEntry {
    const lane = this.laneFor(delayMs);
    // Never before the lane's last deadline, even if the wall clock stepped back: the lane stays in order.
    const at = Math.max(this.now() + delayMs, lane.lastAt);
    const entry = new TimerEntry(at, this.seq++, target, name, this);
    lane.push(entry);
    this.count++;
    if (at < this.armedAt) this.arm(at);
    return entry;
  }

  /** Live and cancelled entries not yet dropped (for tests and metrics). */
  get size(): number {
    return this.count;
  }

  /**
   * Most transaction timers are cancelled long before they are due (Timer B after the first response):
   * once they are the majority, drop them so the lanes stay as small as the live timers.
   */
  noteCancelled(): void {
    this.cancelled++;
    if (this.cancelled < COMPACT_MIN || this.cancelled * 2 < this.count) return;
    let count = 0;
    for (const lane of this.lanes) count += lane.compact();
    this.count = count;
    this.cancelled = 0;
    this.dropEmptyLanes();
  }

  /** Stops the Node timer; pending entries are dropped. */
  clear(): void {
    if (this.handle) clearTimeout(this.handle);
    this.handle = undefined;
    this.armedAt = Number.POSITIVE_INFINITY;
    this.lanes = [];
    this.count = 0;
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
    for (let lane = this.earliestLane(); lane !== undefined; lane = this.earliestLane()) {
      const top = lane.first as TimerEntry;
      if (top.at > now) break;
      this.take(lane);
      if (!top.cancelled) top.fire(); // may schedule more timers: the next turn looks again
    }
    // Cancelled entries at the heads would only cause early wake-ups; drop them now.
    for (const lane of this.lanes) while (lane.first?.cancelled) this.take(lane);
    this.dropEmptyLanes();
    const next = this.earliestLane()?.first;
    if (next && next.at < this.armedAt) this.arm(next.at);
  }

  private laneFor(delay: number): Lane {
    for (const lane of this.lanes) if (lane.delay === delay) return lane;
    const lane = new Lane(delay);
    this.lanes.push(lane);
    return lane;
  }

  /** The lane whose head fires first (deadline, then scheduling order), if any timer is pending. */
  private earliestLane(): Lane | undefined {
    let best: Lane | undefined;
    let bestEntry: TimerEntry | undefined;
    for (const lane of this.lanes) {
      const entry = lane.first;
      if (entry !== undefined && (bestEntry === undefined || before(entry, bestEntry))) {
        best = lane;
        bestEntry = entry;
      }
    }
    return best;
  }

  /** Removes the head of `lane` (fired or dropped). */
  private take(lane: Lane): void {
    const first = lane.first as TimerEntry;
    first.done = true;
    if (first.cancelled) this.cancelled--;
    lane.shift();
    this.count--;
  }

  private dropEmptyLanes(): void {
    if (this.lanes.some((lane) => lane.length === 0))
      this.lanes = this.lanes.filter((lane) => lane.length > 0);
  }
}

function sinceCreation(): () => number {
  const origin = Date.now();
  return () => Date.now() - origin;
}

function before(a: TimerEntry, b: TimerEntry): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

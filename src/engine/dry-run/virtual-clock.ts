import type { Millis } from '../../plan/types.js';
import type { Clock } from '../ports.js';

interface Timer {
  readonly due: number;
  readonly seq: number;
  readonly resolve: (completed: boolean) => void;
}

/**
 * A clock for dry runs and tests that never waits for real: once every piece of work is blocked (nothing
 * left to run but timers), it jumps to the next timer. "Blocked" means the event loop went idle for two
 * turns without any call touching the clock; every dry-run port settles through promises, not I/O.
 */
export class VirtualClock implements Clock {
  #now: number;
  #seq = 0;
  #activity = 0;
  #timers: Timer[] = [];
  #checking = false;
  #holds = 0;

  constructor(start: number) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: Millis, signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    this.#activity++;
    return new Promise((resolve) => {
      const onAbort = (): void => this.#cancel(timer);
      const settle = (completed: boolean): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(completed);
      };
      const timer: Timer = { due: this.#now + Math.max(0, ms), seq: this.#seq++, resolve: settle };
      this.#timers.push(timer);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#scheduleCheck();
    });
  }

  /** Keeps time still (work still runs) until the returned function is called, e.g. while calls start. */
  hold(): () => void {
    this.#holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#holds--;
      this.#activity++;
      this.#scheduleCheck();
    };
  }

  /** Timers waiting to fire (for tests). */
  get pending(): number {
    return this.#timers.length;
  }

  #cancel(timer: Timer): void {
    const index = this.#timers.indexOf(timer);
    if (index < 0) return;
    this.#timers.splice(index, 1);
    this.#activity++;
    timer.resolve(false);
  }

  #scheduleCheck(): void {
    if (this.#checking) return;
    this.#checking = true;
    let seen = -1;
    const check = (): void => {
      if (this.#timers.length === 0 || this.#holds > 0) {
        this.#checking = false;
        return;
      }
      if (seen !== this.#activity) {
        seen = this.#activity;
        setImmediate(check);
        return;
      }
      this.#fireNext();
      seen = -1;
      setImmediate(check);
    };
    setImmediate(check);
  }

  /** Moves time to the earliest timer and fires every timer due then, in the order they were set. */
  #fireNext(): void {
    this.#timers.sort((a, b) => a.due - b.due || a.seq - b.seq);
    const first = this.#timers[0];
    if (first === undefined) return;
    this.#now = Math.max(this.#now, first.due);
    const due = this.#timers.filter((t) => t.due <= this.#now);
    this.#timers = this.#timers.filter((t) => t.due > this.#now);
    this.#activity++;
    for (const timer of due) timer.resolve(true);
  }
}

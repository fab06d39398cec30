type Listener<Args extends unknown[]> = (...args: Args) => void;

/**
 * A minimal typed event emitter for transactions and legs. Listeners live in one flat array of
 * `event, listener` pairs, allocated on the first `on`: a transaction has two or three listeners, and
 * a keyed object per emitter cost more (dictionary-mode objects, garbage) than scanning a few pairs.
 * A throwing listener must not break the stack: the error goes to `onListenerError`.
 */
export class Emitter<Events extends { [K in keyof Events]: unknown[] }> {
  // Assigned in the constructor, not initialised as a class field: a field is defined on the instance by
  // one initializer shared by all six subclasses (four transactions, two legs), which V8 then runs
  // megamorphic, through the runtime (1.5% of the call path's CPU in `bench/call-path`, now 0.2%).
  declare private listeners: unknown[] | undefined;

  constructor() {
    this.listeners = undefined;
  }

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): this {
    this.listeners ??= [];
    this.listeners.push(event, listener);
    return this;
  }

  off<K extends keyof Events>(event: K, listener: Listener<Events[K]>): this {
    const pairs = this.listeners;
    if (!pairs) return this;
    for (let i = 0; i < pairs.length; i += 2) {
      if (pairs[i] === event && pairs[i + 1] === listener) {
        pairs.splice(i, 2);
        break;
      }
    }
    return this;
  }

  /** Forgets every listener (a transaction that only waits out its timers holds nothing of its TU). */
  protected removeAllListeners(): void {
    this.listeners = undefined;
  }

  /** Calls the listeners registered when the event is emitted, even if one of them removes another. */
  protected emit<K extends keyof Events>(event: K, ...args: Events[K]): void {
    const pairs = this.listeners;
    if (!pairs) return;
    let first: Listener<Events[K]> | undefined;
    let more: Listener<Events[K]>[] | undefined;
    for (let i = 0; i < pairs.length; i += 2) {
      if (pairs[i] !== event) continue;
      const listener = pairs[i + 1] as Listener<Events[K]>;
      if (first === undefined) first = listener;
      else if (more === undefined) more = [first, listener];
      else more.push(listener);
    }
    if (more) for (const listener of more) this.callListener(listener, args);
    else if (first) this.callListener(first, args);
  }

  private callListener<Args extends unknown[]>(listener: Listener<Args>, args: Args): void {
    try {
      listener(...args);
    } catch (err) {
      this.onListenerError(err);
    }
  }

  protected onListenerError(err: unknown): void {
    queueMicrotask(() => {
      throw err;
    });
  }
}

type Listener<Args extends unknown[]> = (...args: Args) => void;

/**
 * A minimal typed event emitter for transactions: no listener arrays are allocated until someone
 * listens, which most transactions' events never are. A throwing listener must not break the stack:
 * the error goes to `onListenerError`.
 */
export class Emitter<Events extends { [K in keyof Events]: unknown[] }> {
  private listeners: { [K in keyof Events]?: Listener<Events[K]>[] } | undefined;

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): this {
    this.listeners ??= {};
    const list = this.listeners[event];
    if (list) list.push(listener);
    else this.listeners[event] = [listener];
    return this;
  }

  off<K extends keyof Events>(event: K, listener: Listener<Events[K]>): this {
    const list = this.listeners?.[event];
    const index = list ? list.indexOf(listener) : -1;
    if (list && index >= 0) list.splice(index, 1);
    return this;
  }

  protected emit<K extends keyof Events>(event: K, ...args: Events[K]): void {
    const list = this.listeners?.[event];
    if (!list) return;
    for (const listener of list.slice()) {
      try {
        listener(...args);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }

  protected onListenerError(err: unknown): void {
    queueMicrotask(() => {
      throw err;
    });
  }
}

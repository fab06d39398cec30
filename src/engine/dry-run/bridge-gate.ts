import type { BridgeEnd } from '../ports.js';

/**
 * For several simulated calls at once: an answered call stays bridged until every call has been routed
 * (bridged or ended), so limits and the queue see them all up together.
 */
export class BridgeGate {
  readonly #arrived = new Set<string>();
  readonly #expected: number;
  readonly #opened: Promise<void>;
  #open: () => void = () => {};

  constructor(expected: number) {
    this.#expected = expected;
    this.#opened = new Promise((resolve) => {
      this.#open = resolve;
    });
  }

  /** The call is routed; opens the gate once all are. Arriving twice counts once. */
  arrive(callId: string): void {
    this.#arrived.add(callId);
    if (this.#arrived.size >= this.#expected) this.#open();
  }

  /** For the call's CallControl: the bridge ends (callee side) once every call has been routed. */
  async bridgeEnds(callId: string): Promise<BridgeEnd> {
    this.arrive(callId);
    await this.#opened;
    return 'calleeHangup';
  }
}

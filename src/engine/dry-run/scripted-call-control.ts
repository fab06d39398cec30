import type { DestinationOutcome, Millis } from '../../plan/types.js';
import type { BridgeEnd, CallControl, Clock, ReleaseRequest, RingResult } from '../ports.js';

/** How each scripted outcome looks from the destination's side (P2). */
const SCRIPTED: Readonly<Record<DestinationOutcome, Omit<RingResult, 'answeredBy'>>> = {
  answered: { outcome: 'answered', sipStatus: 200, reason: '200 OK' },
  busy: { outcome: 'busy', sipStatus: 486, reason: '486 Busy Here' },
  noAnswer: { outcome: 'noAnswer', reason: 'ring timeout' },
  unreachable: { outcome: 'unreachable', sipStatus: 404, reason: '404 Not Found' },
  congestion: { outcome: 'congestion', sipStatus: 503, reason: '503 Service Unavailable' },
  cause31: { outcome: 'cause31', sipStatus: 480, q850Cause: 31, reason: '480 with Reason Q.850;cause=31' },
  interrupted: { outcome: 'interrupted', reason: 'caller hung up while ringing' },
};

export interface ScriptedCallOptions {
  readonly clock: Clock;
  /** Outcomes of successive `ring` calls; `answered` once they run out. */
  readonly outcomes?: readonly DestinationOutcome[];
  /** Resolves when an answered (bridged) call should end; immediately when absent. */
  readonly bridgeEnds?: () => Promise<BridgeEnd>;
}

/**
 * CallControl for `vms simulate`: each `ring` takes the next scripted outcome. `noAnswer` lasts the ring
 * timeout on the (virtual) clock; `interrupted` means the caller hangs up while it rings.
 */
export class ScriptedCallControl implements CallControl {
  readonly rings: { numbers: readonly string[]; parallel: boolean; result: RingResult }[] = [];
  answered = false;
  released: ReleaseRequest | undefined;
  readonly callerGonePromise: Promise<void>;
  #callerGone = false;
  #markGone: () => void = () => {};
  readonly #outcomes: DestinationOutcome[];
  readonly #options: ScriptedCallOptions;

  constructor(options: ScriptedCallOptions) {
    this.#options = options;
    this.#outcomes = [...(options.outcomes ?? [])];
    this.callerGonePromise = new Promise((resolve) => {
      this.#markGone = resolve;
    });
  }

  get callerGone(): boolean {
    return this.#callerGone;
  }

  /** The caller hangs up now. */
  hangUp(): void {
    this.#callerGone = true;
    this.#markGone();
  }

  async ring(
    numbers: readonly string[],
    options: { parallel: boolean; ringTimeout: Millis },
  ): Promise<RingResult> {
    const scripted = this.#outcomes.shift();
    const outcome = this.#callerGone ? 'interrupted' : (scripted ?? 'answered');
    let result: RingResult = { ...SCRIPTED[outcome] };
    if (scripted === undefined && outcome === 'answered')
      result = { ...result, reason: 'no scripted outcome left: assumed answered' };
    if (outcome === 'answered') result = { ...result, answeredBy: numbers[0] };
    if (outcome === 'noAnswer') {
      await this.#options.clock.sleep(options.ringTimeout);
      result = { ...result, reason: `ring timeout ${options.ringTimeout} ms` };
    }
    if (outcome === 'interrupted') this.hangUp();
    this.rings.push({ numbers, parallel: options.parallel, result });
    return result;
  }

  async waitForBridgeEnd(): Promise<BridgeEnd> {
    return this.#options.bridgeEnds ? this.#options.bridgeEnds() : 'calleeHangup';
  }

  async answerForMedia(): Promise<void> {
    this.answered = true;
  }

  async release(request: ReleaseRequest): Promise<void> {
    this.released ??= request;
  }
}

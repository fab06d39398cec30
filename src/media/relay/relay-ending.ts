import { AppError } from '../../errors/app-error.js';
import type { MediaSession } from '../session/media-session.js';

export interface Relay {
  /** Ends the relay; both sessions go back to their own media (nothing is sent until they play). */
  stop(): void;
  /** Resolves when the relay ends: `a` or `b` closed, or `stop()` was called. */
  readonly ended: Promise<'a' | 'b' | 'stopped'>;
}

/** How one kind of relay starts moving packets and stops (once). */
export interface RelayWiring {
  begin(): void;
  end(): void;
}

/**
 * The part both relays share: `begin()` now, `end()` once when either session closes or `stop()` is
 * called, and the `ended` promise saying which.
 */
export function relayUntilEnd(a: MediaSession, b: MediaSession, wiring: RelayWiring): Relay {
  let finish: (side: 'a' | 'b' | 'stopped') => void = () => {};
  const ended = new Promise<'a' | 'b' | 'stopped'>((resolve) => {
    finish = resolve;
  });
  let running = true;
  const end = (side: 'a' | 'b' | 'stopped'): void => {
    if (!running) return;
    running = false;
    offA();
    offB();
    wiring.end();
    finish(side);
  };
  wiring.begin();
  const offA = a.onClose(() => end('a'));
  const offB = b.onClose(() => end('b'));
  return { stop: () => end('stopped'), ended };
}

export function relayNeedsTwoLegs(): AppError {
  return new AppError('MEDIA_SESSION_CLOSED', 'relay needs two open, started media sessions');
}

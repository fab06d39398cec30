/** Runs one call of a hand-built PlanSet with dry-run ports the test can inspect. */

import { RecordingMailer } from '../../../../src/engine/dry-run/recording-mailer.js';
import { ScriptedCallControl } from '../../../../src/engine/dry-run/scripted-call-control.js';
import { type ScriptedInput, ScriptedMediaControl } from '../../../../src/engine/dry-run/scripted-media.js';
import { VirtualClock } from '../../../../src/engine/dry-run/virtual-clock.js';
import type { BridgeEnd, Mailer, TableQuery } from '../../../../src/engine/ports.js';
import { runCall } from '../../../../src/engine/run-call.js';
import { silentLogger } from '../../../../src/log/logger.js';
import type { DestinationOutcome, PlanSet } from '../../../../src/plan/types.js';
import { createTableQuery } from '../../../../src/resources/table-query.js';
import { MemoryStore } from '../../../../src/store/memory-store.js';
import { SERVICE_NUMBER } from './plan-set.js';

/** Tuesday 2026-12-01 10:00 in Brussels (09:00 UTC). */
export const TUESDAY_10H = Date.UTC(2026, 11, 1, 9, 0);

export interface HarnessOptions {
  caller?: string;
  called?: string;
  at?: number;
  outcomes?: DestinationOutcome[];
  dtmf?: ScriptedInput[];
  mediaAvailable?: boolean;
  mailer?: Mailer;
  tables?: TableQuery;
  random?: () => number;
  clock?: VirtualClock;
  store?: MemoryStore;
  callId?: string;
  bridgeEnds?: () => Promise<BridgeEnd>;
}

export function harness(set: PlanSet, options: HarnessOptions = {}) {
  const clock = options.clock ?? new VirtualClock(options.at ?? TUESDAY_10H);
  const store = options.store ?? new MemoryStore({ clock });
  const call = new ScriptedCallControl({
    clock,
    outcomes: options.outcomes ?? [],
    ...(options.bridgeEnds && { bridgeEnds: options.bridgeEnds }),
  });
  const media = new ScriptedMediaControl({
    clock,
    dtmf: options.dtmf ?? [],
    available: options.mediaAvailable ?? true,
  });
  const mailer = new RecordingMailer();
  const tables = options.tables ?? createTableQuery(set.resources.tables);
  const ports = { call, media, clock, store, mailer: options.mailer ?? mailer, tables };
  const input = {
    callId: options.callId ?? 'call-1',
    caller: options.caller ?? '+3222000000',
    called: options.called ?? SERVICE_NUMBER,
  };
  const run = () =>
    runCall(input, {
      planSet: set,
      ports,
      logger: silentLogger(),
      ...(options.random && { random: options.random }),
    });
  return { clock, store, call, media, mailer, ports, run };
}

/** A bridge the test ends by hand: `ends` for the CallControl, `hangUp()` to end it. */
export function heldBridge() {
  let hangUp: (by: BridgeEnd) => void = () => {};
  const ended = new Promise<BridgeEnd>((resolve) => {
    hangUp = resolve;
  });
  let bridged = () => {};
  const up = new Promise<void>((resolve) => {
    bridged = resolve;
  });
  return {
    ends: () => {
      bridged();
      return ended;
    },
    /** Resolves once the call is bridged. */
    up,
    hangUp: (by: BridgeEnd = 'calleeHangup') => hangUp(by),
  };
}

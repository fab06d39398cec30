/**
 * `vms simulate` without the CLI: runs calls through the SAME walker and executors as live calls, with
 * dry-run ports (virtual clock, scripted call control and media, recording mailer, memory store).
 */
import { type Logger, silentLogger } from '../../log/logger.js';
import type { DestinationOutcome, PlanSet } from '../../plan/types.js';
import { createTableQuery } from '../../resources/table-query.js';
import { MemoryStore } from '../../store/memory-store.js';
import type { CallRecord } from '../call-record.js';
import { isoTime } from '../clock-variables.js';
import type { ReleaseRequest } from '../ports.js';
import { runCall } from '../run-call.js';
import { BridgeGate } from './bridge-gate.js';
import { type RecordedMail, RecordingMailer } from './recording-mailer.js';
import { ScriptedCallControl } from './scripted-call-control.js';
import { type ScriptedInput, ScriptedMediaControl } from './scripted-media.js';
import { VirtualClock } from './virtual-clock.js';

export interface SimulateOptions {
  readonly planSet: PlanSet;
  readonly caller: string;
  readonly called: string;
  /** Epoch ms the call starts at. */
  readonly at: number;
  readonly outcomes?: readonly DestinationOutcome[];
  readonly dtmf?: readonly ScriptedInput[];
  /** Calls started together (each with the same script); answered ones stay up until all are routed. */
  readonly calls?: number;
  readonly logger?: Logger;
  readonly random?: () => number;
}

export interface SimulatedCall extends CallRecord {
  /** Prompts played to the caller, in order (`at` on the call's clock). */
  readonly played: readonly { at: string; prompts: readonly string[]; language: string }[];
  readonly emails: readonly RecordedMail[];
  /** What the caller was sent at the end (final response or BYE), if anything. */
  readonly released: ReleaseRequest | undefined;
}

export async function simulateCalls(options: SimulateOptions): Promise<SimulatedCall[]> {
  const count = options.calls ?? 1;
  const clock = new VirtualClock(options.at);
  const store = new MemoryStore({ clock });
  const tables = createTableQuery(options.planSet.resources.tables);
  const gate = count > 1 ? new BridgeGate(count) : undefined;
  const logger = options.logger ?? silentLogger();
  const run = async (callId: string): Promise<SimulatedCall> => {
    const call = new ScriptedCallControl({
      clock,
      ...(options.outcomes && { outcomes: options.outcomes }),
      ...(gate && { bridgeEnds: () => gate.bridgeEnds(callId) }),
    });
    const media = new ScriptedMediaControl({ clock, ...(options.dtmf && { dtmf: options.dtmf }) });
    const mailer = new RecordingMailer();
    const ports = { call, media, clock, store, mailer, tables };
    const input = { callId, caller: options.caller, called: options.called };
    const env = {
      planSet: options.planSet,
      ports,
      logger,
      ...(options.random && { random: options.random }),
    };
    const record = await runCall(input, env).finally(() => gate?.arrive(callId));
    const played = media.played.map((p) => ({ ...p, at: isoTime(p.at) }));
    return { ...record, played, emails: mailer.sent, released: call.released };
  };
  try {
    return await Promise.all(await startTogether(clock, count, run));
  } finally {
    tables.close();
    await store.close();
  }
}

/**
 * Starts the calls at the same instant but in order: each call runs until it waits (ringing, queue,
 * bridge) before the next one arrives, so call N is also the N-th to reach every limit and queue.
 */
async function startTogether<T>(
  clock: VirtualClock,
  count: number,
  run: (callId: string) => Promise<T>,
): Promise<Promise<T>[]> {
  const release = clock.hold();
  const calls: Promise<T>[] = [];
  try {
    for (let i = 1; i <= count; i++) {
      calls.push(run(count > 1 ? `dry-run-${i}` : 'dry-run'));
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    release();
  }
  return calls;
}

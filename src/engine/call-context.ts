/**
 * What one call carries while it walks its plan: the ports, its variables, its language and what it has
 * rung so far. Executors read and update it; the walker turns their outcomes into trace steps.
 */
import type { Plan, PlanNode, PlanSet, SystemLanguage } from '../plan/types.js';
import type { Store } from '../store/store.js';
import type { CallLog } from './lazy-call-logger.js';
import type { CallControl, Clock, Mailer, MediaControl, TableQuery } from './ports.js';
import type { CallVariables } from './variables.js';

/** Everything outside the engine that a call touches. Live calls and dry runs differ only here. */
export interface EnginePorts {
  readonly call: CallControl;
  readonly media: MediaControl;
  readonly clock: Clock;
  readonly store: Store;
  readonly mailer: Mailer;
  readonly tables: TableQuery;
}

/** How a call ended. */
export interface CallEnd {
  /**
   * `completed`: a bridged call ended; `released`: we sent a final response (or BYE) with `status`;
   * `callerHangup`: the caller left first; `stepLimit`/`error`: the engine stopped the walk (500);
   * `rtpTimeout`: a leg sent no RTP for VMS_RTP_TIMEOUT_MS and we sent BYE (live calls only);
   * `maxDuration`: the call was answered for VMS_MAX_CALL_SECONDS and we sent BYE (live calls only).
   */
  readonly how:
    | 'completed'
    | 'released'
    | 'callerHangup'
    | 'stepLimit'
    | 'error'
    | 'unknownNumber'
    | 'rtpTimeout'
    | 'maxDuration';
  readonly status?: number;
  /** The destination outcome or output that led to the end, when there was one. */
  readonly outcome?: string;
  readonly reason?: string;
  /** The engine error code when the engine stopped the walk (ENGINE_STEP_LIMIT, ENGINE_NODE_FAILED). */
  readonly code?: string;
}

/** What an executor decided: the output taken and why, for the trace (S3). */
export interface StepOutcome {
  readonly output: string;
  readonly reason: string;
  readonly data?: Readonly<Record<string, unknown>>;
  /** Set when the node itself ended the call (hangup node, caller gone during a prompt). */
  readonly end?: CallEnd;
}

export interface CallContext {
  readonly callId: string;
  readonly caller: string;
  readonly called: string;
  readonly group: string;
  readonly plan: Plan;
  readonly planSet: PlanSet;
  readonly ports: EnginePorts;
  readonly vars: CallVariables;
  readonly log: CallLog;
  /** Uniform in [0, 1): decides the order of a bilingual (`bi`) announcement. */
  readonly random: () => number;
  /** Numbers rung, in order. */
  readonly rang: string[];
  /** The language announcements are played in now (`bi`: NL and FR, random order). */
  language: SystemLanguage;
}

export type NodeExecutor<N extends PlanNode = PlanNode> = (node: N, ctx: CallContext) => Promise<StepOutcome>;

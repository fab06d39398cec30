import type { CallEnd } from './call-context.js';

/** One node visited: what it decided and why (S3). `at` is the call clock's time when the node started. */
export interface TraceStep {
  readonly seq: number;
  readonly at: string;
  readonly node: string;
  readonly type: string;
  readonly output: string;
  /** The node the output leads to, `hangup`, or undefined when the output is not connected or the node ended the call. */
  readonly target: string | undefined;
  readonly reason: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** Everything one call did: its path, the numbers it rang, how it ended, its variables at the end. */
export interface CallRecord {
  readonly callId: string;
  readonly caller: string;
  readonly called: string;
  readonly group: string | undefined;
  readonly plan: string | undefined;
  /** The caller is in the group's `traceCallers` (S3): keep this record. */
  readonly traced: boolean;
  readonly startedAt: string;
  readonly steps: readonly TraceStep[];
  readonly rang: readonly string[];
  readonly end: CallEnd;
  readonly variables: Readonly<Record<string, string>>;
}

import type { EgressRoute } from '../../config/config.js';
import type { Logger } from '../../log/logger.js';
import type { MediaService } from '../../media/index.js';
import type { CallMetrics } from '../../ops/call-metrics.js';
import type { PlanSet } from '../../plan/types.js';
import { B2bua, type ServerLeg } from '../../sip/b2bua/index.js';
import type { SipStack } from '../../sip/index.js';
import type { Store } from '../../store/store.js';
import type { EnginePorts } from '../call-context.js';
import type { CallRecord } from '../call-record.js';
import type { Clock, Mailer, TableQuery } from '../ports.js';
import { type CallInput, runCall } from '../run-call.js';
import type { CallRecordBuffer } from './call-record-buffer.js';
import { LiveCallControl } from './live-call-control.js';
import { LiveMediaControl } from './live-media-control.js';
import { maxDurationEnd } from './max-call-duration.js';
import { rtpTimeoutEnd } from './rtp-timeout.js';
import { normaliseNumber } from './service-number.js';
import { unavailableMedia } from './unavailable-media.js';

export interface CallServerOptions {
  readonly stack: SipStack;
  readonly planSet: PlanSet;
  readonly store: Store;
  readonly mailer: Mailer;
  readonly tables: TableQuery;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly egress: readonly EgressRoute[];
  /** VMS_MAX_CALL_SECONDS in ms; 0 or absent: answered calls have no maximum duration. */
  readonly maxCallMs?: number;
  readonly metrics: CallMetrics;
  readonly records: CallRecordBuffer;
  /** RTP for announcements, menus, queues and relays; without it media nodes play nothing (tests). */
  readonly media?: { readonly service: MediaService; readonly announcementsDir: string };
}

/**
 * The live call server: each INVITE's Request-URI user is the service number; its group's plan runs in
 * the engine with live ports. One record per call, kept and logged once when the call ends.
 */
export class CallServer {
  private readonly b2bua: B2bua;
  private readonly calls = new Map<LiveCallControl, Promise<void>>();
  private stopping = false;

  constructor(private readonly options: CallServerOptions) {
    this.b2bua = new B2bua({
      stack: options.stack,
      logger: options.logger,
      onInvite: (leg) => this.route(leg),
    });
  }

  /** Calls in progress. */
  get activeCalls(): number {
    return this.calls.size;
  }

  /** Refuses new calls (503), ends the current ones and waits for their plans to finish (bounded). */
  async stop(timeoutMs = 2000): Promise<void> {
    this.stopping = true;
    for (const control of this.calls.keys()) control.abort();
    const all = Promise.allSettled([...this.calls.values()]);
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([all, bound]);
    clearTimeout(timer);
  }

  private route(leg: ServerLeg): void {
    const startMs = performance.now();
    const { metrics } = this.options;
    if (this.stopping) {
      leg.reject(503, 'Service Unavailable', [['retry-after', '5']]);
      metrics.rejected();
      return;
    }
    const called = normaliseNumber(leg.called);
    const known = this.options.planSet.numbers.has(called);
    if (known) metrics.callStarted();
    else metrics.rejected();
    const control = new LiveCallControl(leg, {
      b2bua: this.b2bua,
      egress: this.options.egress,
      onFirstInvite: () => metrics.recordRouteLatency(startMs),
      maxCallMs: this.options.maxCallMs,
      media: this.options.media?.service,
      logger: this.options.logger,
    });
    const input = { callId: leg.callId, caller: normaliseNumber(leg.caller), called };
    const done = this.run(input, control, known);
    this.calls.set(control, done);
  }

  /** One call's plan, then its record; never rejects (one async function, not a then/catch/finally chain). */
  private async run(input: CallInput, control: LiveCallControl, known: boolean): Promise<void> {
    try {
      const record = await runCall(input, {
        planSet: this.options.planSet,
        ports: this.ports(control),
        logger: this.options.logger,
      });
      const timeout = control.rtpTimeout;
      const end = timeout
        ? rtpTimeoutEnd(timeout)
        : control.maxDurationReached
          ? maxDurationEnd(this.options.maxCallMs ?? 0)
          : record.end;
      this.ended(end === record.end ? record : { ...record, end }, control, known);
    } catch (err) {
      this.options.logger.error({ err, callId: input.callId }, 'live call failed');
    } finally {
      control.dispose();
      this.calls.delete(control);
    }
  }

  private ports(call: LiveCallControl): EnginePorts {
    const { store, mailer, tables, clock, media, logger } = this.options;
    const live = media && new LiveMediaControl(call, media.announcementsDir, logger);
    return { call, media: live ?? unavailableMedia, clock, store, mailer, tables };
  }

  private ended(record: CallRecord, control: LiveCallControl, known: boolean): void {
    this.options.records.add(record);
    if (known) {
      const how = record.end.status === undefined ? record.end.how : `${record.end.how}:${record.end.status}`;
      this.options.metrics.callEnded(how, control.answered);
    }
    this.options.logger.info({ call: record }, 'call record');
  }
}

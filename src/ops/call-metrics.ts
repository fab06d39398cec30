/**
 * Live counters of the call server (S5): calls in progress, totals, outcomes, and the routing latency from
 * an INVITE's arrival to the first B-leg INVITE leaving (the engine's own work per call). Cheap to update
 * on the hot path: plain integers and one native histogram (perf_hooks), no allocation per call.
 */
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

export interface CallMetricsSnapshot {
  readonly callsActive: number;
  readonly callsTotal: number;
  readonly callsAnswered: number;
  readonly callsRejected: number;
  readonly endings: Readonly<Record<string, number>>;
  /** Microseconds from INVITE in to B-leg INVITE out. */
  readonly routeLatencyUs: {
    readonly count: number;
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
    readonly max: number;
  };
}

export class CallMetrics {
  callsActive = 0;
  callsTotal = 0;
  callsAnswered = 0;
  callsRejected = 0;
  private readonly endings = new Map<string, number>();
  private readonly routeLatency: RecordableHistogram = createHistogram();

  callStarted(): void {
    this.callsActive++;
    this.callsTotal++;
  }

  /** `how` is the call's end as the CallRecord says (e.g. `bridgeEnded`, `released:486`). */
  callEnded(how: string, answered: boolean): void {
    this.callsActive--;
    if (answered) this.callsAnswered++;
    this.endings.set(how, (this.endings.get(how) ?? 0) + 1);
  }

  /**
   * An INVITE the call server refused before routing (unknown number 404, engine stopping 503). The SIP
   * stack's own refusals (ACL 403, overload 503, 482, 483) never reach it: `SipStackStats.refused`.
   */
  rejected(): void {
    this.callsRejected++;
  }

  /** `startMs` from `performance.now()` when the INVITE arrived (a double: no BigInt per call). */
  recordRouteLatency(startMs: number): void {
    const ns = Math.round((performance.now() - startMs) * 1e6);
    this.routeLatency.record(ns > 0 ? ns : 1);
  }

  resetLatency(): void {
    this.routeLatency.reset();
  }

  snapshot(): CallMetricsSnapshot {
    const h = this.routeLatency;
    const us = (ns: number) => Math.round(ns / 1000);
    return {
      callsActive: this.callsActive,
      callsTotal: this.callsTotal,
      callsAnswered: this.callsAnswered,
      callsRejected: this.callsRejected,
      endings: Object.fromEntries(this.endings),
      routeLatencyUs: {
        count: h.count,
        p50: h.count ? us(h.percentile(50)) : 0,
        p90: h.count ? us(h.percentile(90)) : 0,
        p99: h.count ? us(h.percentile(99)) : 0,
        max: h.count ? us(h.max) : 0,
      },
    };
  }
}

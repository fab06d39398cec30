/** Shared pieces of the end-to-end tests: SIPp destinations and callers around a real engine. */
import { expect } from 'vitest';
import { type EngineOptions, type RunningEngine, startEngine } from '../support/engine.js';
import { freePort } from '../support/free-port.js';
import {
  type SippOptions,
  type SippProcess,
  type SippResult,
  startSipp,
  waitForPort,
} from '../support/sipp.js';

/** The default trunk's numbers (+3211...) and the fallback trunk's (+3299...) in test/fixtures/e2e-plans. */
export const FALLBACK_PREFIX = '+3299';
export const CALLER = '+3222123456';

/** Everything a test started, stopped by PID afterwards whatever happened. */
export class E2eRun {
  private readonly sipps: SippProcess[] = [];
  private readonly engines: RunningEngine[] = [];

  async engine(options: EngineOptions): Promise<RunningEngine> {
    const engine = await startEngine(options);
    this.engines.push(engine);
    return engine;
  }

  /** A SIPp destination (UAS) on a free port, ready to receive. */
  async destination(
    scenario: string,
    calls = 1,
    options: Partial<SippOptions> = {},
  ): Promise<SippProcess & { port: number }> {
    // A free port can be handed to a parallel test file before SIPp binds it: SIPp then exits at once.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const sipp = startSipp({ scenario, port, calls, timeoutSeconds: 40, ...options });
      this.sipps.push(sipp);
      const exitedEarly = sipp.done.then((r) => r);
      const bound = waitForPort(port, options.transport ?? 'udp').then(() => undefined);
      const early = await Promise.race([bound, exitedEarly]);
      if (early === undefined) return Object.assign(sipp, { port });
      if (attempt === 3) throw new Error(`SIPp ${scenario} did not start: ${early.stderr || early.stdout}`);
    }
  }

  /** A SIPp caller (UAC) towards the engine; resolves when SIPp exits. */
  async call(
    engine: RunningEngine,
    scenario: string,
    service: string,
    options: Partial<SippOptions> = {},
  ): Promise<SippResult> {
    const sipp = this.caller(engine, scenario, service, options);
    return sipp.then((s) => s.done);
  }

  async caller(
    engine: RunningEngine,
    scenario: string,
    service: string,
    options: Partial<SippOptions> = {},
  ): Promise<SippProcess> {
    const sipp = startSipp({
      scenario,
      port: await freePort(),
      remote: engine.address,
      service,
      calls: 1,
      keys: { caller: CALLER },
      timeoutSeconds: 40,
      ...options,
    });
    this.sipps.push(sipp);
    return sipp;
  }

  async stop(): Promise<void> {
    for (const sipp of this.sipps.splice(0)) sipp.stop();
    await Promise.all(this.engines.splice(0).map((e) => e.stop()));
  }

  /** Engine output of this run, for failure messages. */
  outputs(): string {
    return this.engines.map((e) => e.output().slice(-6000)).join('\n---\n');
  }
}

/** SIPp's exit code and statistics decide: every call successful, none failed. */
export function expectAllSuccessful(result: SippResult, calls: number, run: E2eRun, who = 'sipp'): void {
  const summary = { exitCode: result.exitCode, successful: result.successful, failed: result.failed };
  const why = `${who}: ${JSON.stringify(summary)}\nSIPp errors:\n${result.errors}\n${result.stdout.slice(-2000)}\nengine:\n${run.outputs()}`;
  expect(summary, why).toEqual({ exitCode: 0, successful: calls, failed: 0 });
}

export function egress(defaultPort: number, fallbackPort?: number, transport: 'udp' | 'tcp' = 'udp'): string {
  const fallback =
    fallbackPort === undefined ? '' : `${FALLBACK_PREFIX}=${transport}:127.0.0.1:${fallbackPort},`;
  return `${fallback}${transport}:127.0.0.1:${defaultPort}`;
}

export { freePort, startEngine };

import type { FastifyInstance } from 'fastify';
import { startAdminServer } from '../../admin/admin-server.js';
import type { Config } from '../../config/config.js';
import { AppError } from '../../errors/app-error.js';
import type { Logger } from '../../log/logger.js';
import { MediaService } from '../../media/index.js';
import { CallMetrics } from '../../ops/call-metrics.js';
import { formatDiagnostic, hasErrors, loadPlanSet } from '../../plan/index.js';
import type { PlanSet } from '../../plan/types.js';
import { createMailer } from '../../resources/mailer.js';
import { createTableQuery } from '../../resources/table-query.js';
import { createSipStack, type Endpoint } from '../../sip/index.js';
import { createStore } from '../../store/create-store.js';
import { CallRecordBuffer } from './call-record-buffer.js';
import { CallServer } from './call-server.js';
import { liveClock } from './live-clock.js';

export interface LiveEngine {
  /** Bound SIP addresses, real ports included. */
  readonly sip: readonly Endpoint[];
  /** The admin API's port, when VMS_ADMIN_LISTEN is set. */
  readonly adminPort: number | undefined;
  readonly server: CallServer;
  /** Ends the calls in progress, then closes the sockets, the admin API and the store. */
  stop(): Promise<void>;
}

/** `vms serve` without the CLI: plans, store, SIP stack, call server and admin API, started in order. */
export async function startLiveEngine(config: Config, logger: Logger): Promise<LiveEngine> {
  const planSet = await loadPlans(config, logger);
  const clock = liveClock(config.clockStartMs);
  const store = await createStore(config.store, clock);
  const tables = createTableQuery(planSet.resources.tables);
  const mailer = createMailer(config.mail, { now: () => clock.now() });
  const stack = createSipStack({
    listen: config.sip.listen,
    transports: config.sip.transports,
    trunks: config.sip.trunks,
    timers: config.sip.timers,
    udpIo: config.sip.udpIo,
    udpBufferBytes: config.sip.udpBufferBytes,
    overload: { maxWaitMs: config.sip.maxWaitMs },
    logger,
  });
  const metrics = new CallMetrics();
  const records = new CallRecordBuffer();
  const media = new MediaService(config.media);
  const server = new CallServer({
    ...{ stack, planSet, store, mailer, tables, clock, logger, metrics, records },
    egress: config.sip.egress,
    maxCallMs: config.sip.maxCallMs,
    media: { service: media, announcementsDir: config.announcementsDir },
  });
  await stack.start();
  let admin: { server: FastifyInstance; port: number } | undefined;
  if (config.admin.listen) {
    admin = await startAdminServer(config.admin.listen, {
      metrics,
      recentCalls: (limit) => records.latest(limit),
      call: (callId) => records.get(callId),
      storeSnapshot: () => store.snapshot(),
      sipStats: () => stack.stats(),
      mediaStats: () => media.stats(),
    });
  }
  return {
    sip: stack.local,
    adminPort: admin?.port,
    server,
    async stop() {
      await server.stop();
      media.close();
      await admin?.server.close();
      await stack.stop();
      await store.close();
      tables.close();
    },
  };
}

async function loadPlans(config: Config, logger: Logger): Promise<PlanSet> {
  const loaded = await loadPlanSet(config.plansDir, {
    announcementsDir: config.announcementsDir,
    systemLanguage: config.systemLanguage,
  });
  for (const d of loaded.diagnostics) logger.warn({ diagnostic: formatDiagnostic(d) }, 'plan diagnostic');
  if (loaded.planSet === undefined || hasErrors(loaded.diagnostics)) {
    throw new AppError('ENGINE_LIVE_PLANS_INVALID', `the plans in ${config.plansDir} have errors`, {
      details: { errors: loaded.diagnostics.filter((d) => d.severity === 'error').length },
    });
  }
  return loaded.planSet;
}

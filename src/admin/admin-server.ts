/**
 * The admin HTTP API (fastify): health, live statistics, recent calls and their traces (S3, S5).
 * Listens only where configured (VMS_ADMIN_LISTEN, e.g. 127.0.0.1:8080); nothing is exposed by default.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { HostPort } from '../config/config.js';
import type { CallMetrics } from '../ops/call-metrics.js';

/** What the admin API reads from the running engine. */
export interface AdminSources {
  readonly metrics: CallMetrics;
  /** Most recent call records, newest first (bounded ring buffer). */
  recentCalls(limit: number): readonly unknown[];
  /** A call's record (with its trace) by Call-ID, if still kept. */
  call(callId: string): unknown | undefined;
  /** Limit counters and queue lengths (S5). */
  storeSnapshot(): Promise<unknown>;
  /** SIP transactions alive (still waiting out their timers included) and queued timers. */
  sipStats?(): unknown;
  /** RTP legs open, how packets move (VMS_RTP_IO), calls on the native relay thread. */
  mediaStats?(): unknown;
}

export async function startAdminServer(
  listen: HostPort,
  sources: AdminSources,
): Promise<{ server: FastifyInstance; port: number }> {
  const server = Fastify({ logger: false });
  server.get('/health', async () => ({ status: 'ok' }));
  server.get('/stats', async (request) => {
    const query = request.query as { gc?: string; reset?: string };
    // `?gc=1` runs a full GC first (engine started with --expose-gc): the benchmark's heap-per-call figure.
    const gc = (globalThis as { gc?: () => void }).gc;
    if (query.gc === '1' && gc) gc();
    const snapshot = sources.metrics.snapshot();
    if (query.reset === '1') sources.metrics.resetLatency();
    const memory = process.memoryUsage();
    const sip = sources.sipStats?.();
    const media = sources.mediaStats?.();
    return {
      ...snapshot,
      ...(sip !== undefined && { sip }),
      ...(media !== undefined && { media }),
      heapUsed: memory.heapUsed,
      rss: memory.rss,
      gcAvailable: gc !== undefined,
    };
  });
  server.get('/calls', async (request) => {
    const limit = Math.min(Number((request.query as { limit?: string }).limit ?? 50) || 50, 1000);
    return sources.recentCalls(limit);
  });
  server.get('/calls/:callId', async (request, reply) => {
    const record = sources.call((request.params as { callId: string }).callId);
    if (record === undefined) return reply.code(404).send({ error: 'ADMIN_CALL_NOT_FOUND' });
    return record;
  });
  server.get('/counters', async () => sources.storeSnapshot());
  await server.listen({ host: listen.host, port: listen.port });
  const address = server.server.address();
  return { server, port: typeof address === 'object' && address ? address.port : listen.port };
}

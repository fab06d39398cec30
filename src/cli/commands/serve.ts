/**
 * `vms serve`: the engine on the network. Options override the environment (VMS_*). Logs one `ready`
 * line with the bound addresses; SIGINT or SIGTERM end the calls in progress and stop cleanly.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { startLiveEngine } from '../../engine/live/start-live-engine.js';
import { SEMI_SPACE_MIB, semiSpaceMib, tuneV8ForCalls } from '../../engine/live/v8-tuning.js';
import { createRootLogger } from '../../log/logger.js';

interface ServeFlags {
  plans?: string;
  announcements?: string;
  sipListen?: string;
  egress?: string;
  trunks?: string;
  store?: string;
  adminListen?: string;
  clockStart?: string;
  rtpPorts?: string;
  rtpAddress?: string;
}

/** Each option and the variable it overrides. */
const OVERRIDES: readonly [keyof ServeFlags, string][] = [
  ['plans', 'VMS_PLANS_DIR'],
  ['announcements', 'VMS_ANNOUNCEMENTS_DIR'],
  ['sipListen', 'VMS_SIP_LISTEN'],
  ['egress', 'VMS_EGRESS'],
  ['trunks', 'VMS_TRUNKS'],
  ['store', 'VMS_STORE'],
  ['adminListen', 'VMS_ADMIN_LISTEN'],
  ['clockStart', 'VMS_CLOCK_START'],
  ['rtpPorts', 'VMS_RTP_PORTS'],
  ['rtpAddress', 'VMS_RTP_ADDRESS'],
];

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve calls: SIP on VMS_SIP_LISTEN, each INVITE routed through its plan')
    .option('--plans <dir>', 'plans directory (VMS_PLANS_DIR)')
    .option('--announcements <dir>', 'announcements directory (VMS_ANNOUNCEMENTS_DIR)')
    .option('--sip-listen <list>', 'SIP listen addresses, host:port,... (VMS_SIP_LISTEN)')
    .option('--egress <list>', 'egress trunks, [+prefix=][udp|tcp:]host:port,... (VMS_EGRESS)')
    .option('--trunks <list>', 'trusted trunk addresses or CIDR blocks (VMS_TRUNKS)')
    .option('--store <kind>', 'memory or redis (VMS_STORE)')
    .option('--admin-listen <host:port>', 'admin HTTP API address (VMS_ADMIN_LISTEN)')
    .option('--rtp-ports <min-max>', 'UDP port range for RTP (VMS_RTP_PORTS)')
    .option('--rtp-address <address>', 'address RTP binds to and our SDP announces (VMS_RTP_ADDRESS)')
    .option('--clock-start <time>', 'test/debug: the clock reads this ISO time at start (VMS_CLOCK_START)')
    .action((flags: ServeFlags) => serve(flags));
}

async function serve(flags: ServeFlags): Promise<void> {
  const overrides: Record<string, string> = {};
  for (const [flag, variable] of OVERRIDES) {
    const value = flags[flag];
    if (value !== undefined) overrides[variable] = value;
  }
  const config = loadConfig(process.env, overrides);
  const logger = createRootLogger(config.logLevel);
  tuneV8ForCalls();
  const engine = await startLiveEngine(config, logger);
  const sip = engine.sip.map(
    (e) => `${e.transport}:${e.address.includes(':') ? `[${e.address}]` : e.address}:${e.port}`,
  );
  // The one line operators and test harnesses wait for: written even when info is filtered out.
  const level = logger.isLevelEnabled('info') ? 'info' : 'warn';
  const { rtpAddress, rtpPorts, rtpIo } = config.media;
  const rtp = `${rtpAddress}:${rtpPorts.min}-${rtpPorts.max}`;
  const { udpIo: sipUdpIo } = config.sip;
  const semiSpace = semiSpaceMib(process.execArgv, process.env.NODE_OPTIONS);
  const fields = {
    sip,
    sipUdpIo,
    rtp,
    rtpIo,
    admin: engine.adminPort,
    plans: config.plansDir,
    semiSpaceMiB: semiSpace ?? 'default',
    pid: process.pid,
  };
  logger[level](fields, 'ready');
  if (semiSpace === undefined || semiSpace < SEMI_SPACE_MIB)
    logger.warn(
      { semiSpaceMiB: semiSpace ?? 'default', recommended: SEMI_SPACE_MIB },
      `node was started without --max-semi-space-size=${SEMI_SPACE_MIB} (bin/vms.js sets it when run as a ` +
        'command): each call costs ~10 % more CPU in garbage collection',
    );
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  logger.info({ signal, activeCalls: engine.server.activeCalls }, 'stopping');
  await engine.stop();
  logger.info('stopped');
}

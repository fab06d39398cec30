import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** SIPp scenarios live beside the end-to-end tests, named by outcome (`uas-busy.xml`). */
export const SCENARIOS_DIR = resolve(import.meta.dirname, '../e2e/scenarios');

export interface SippOptions {
  /** Scenario file name in test/e2e/scenarios, or an absolute path. */
  scenario: string;
  /** Local port SIPp binds. */
  port: number;
  /** `host:port` of the engine, for callers (UAC). */
  remote?: string;
  /** The number called (`-s`): the request-URI user of the INVITE. */
  service?: string;
  /** Calls to place (UAC) or to handle before exiting (UAS). */
  calls: number;
  rate?: number;
  /** Simultaneous calls cap (`-l`). */
  limit?: number;
  transport?: 'udp' | 'tcp';
  /** Values for `[key]` placeholders in the scenario (`-key`). */
  keys?: Record<string, string>;
  /** SIPp's local RTP port (`-mp`), for scenarios that send RTP (DTMF pcaps): pick a free one. */
  mediaPort?: number;
  /** Drop this percentage of received and sent messages (`-lost`). */
  lostPercent?: number;
  /** Hard bound: SIPp fails with `-timeout_error` after this many seconds. */
  timeoutSeconds?: number;
  extraArgs?: string[];
}

export interface SippResult {
  exitCode: number | null;
  successful: number;
  failed: number;
  stdout: string;
  stderr: string;
  /** Unexpected messages SIPp saw (its -trace_err log), for failure messages. */
  errors: string;
}

export interface SippProcess {
  readonly pid: number;
  readonly done: Promise<SippResult>;
  /** Stops this SIPp (by PID) if still running. */
  stop(): void;
}

/**
 * Starts SIPp. SIPp's exit code and its statistics CSV decide a test's outcome, never its logs:
 * 0 all calls successful, 1 at least one failed (SIPp's documented exit codes).
 */
export function startSipp(options: SippOptions): SippProcess {
  const dir = mkdtempSync(join(tmpdir(), 'vms-sipp-'));
  const scenario = options.scenario.startsWith('/')
    ? options.scenario
    : join(SCENARIOS_DIR, options.scenario);
  const args = [
    '-sf',
    scenario,
    '-i',
    '127.0.0.1',
    '-p',
    String(options.port),
    '-m',
    String(options.calls),
    '-t',
    options.transport === 'tcp' ? 't1' : 'u1',
    '-nostdin',
    '-trace_stat',
    '-stf',
    join(dir, 'stat.csv'),
    '-fd',
    '1',
    '-trace_err',
    '-error_file',
    join(dir, 'errors.log'),
    '-timeout',
    `${options.timeoutSeconds ?? 30}s`,
    '-timeout_error',
    '-max_socket',
    '1000',
    // SIPp's default socket buffers are 64 KiB: a burst of a few hundred messages overflows them and the
    // calls then only complete through retransmissions. The kernel caps this at net.core.rmem_max.
    '-buff_size',
    '1048576',
  ];
  if (options.service) args.push('-s', options.service);
  if (options.rate) args.push('-r', String(options.rate));
  if (options.limit) args.push('-l', String(options.limit));
  if (options.mediaPort) args.push('-mp', String(options.mediaPort));
  if (options.lostPercent) args.push('-lost', String(options.lostPercent));
  for (const [key, value] of Object.entries(options.keys ?? {})) args.push('-key', key, value);
  args.push(...(options.extraArgs ?? []));
  if (options.remote) args.push(options.remote);

  const child: ChildProcess = spawn('sipp', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout = (stdout + d.toString()).slice(-20_000);
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-20_000);
  });
  const done = new Promise<SippResult>((resolveDone, reject) => {
    child.once('error', (err) =>
      reject(new Error(`cannot start sipp (Debian package sip-tester): ${err.message}`, { cause: err })),
    );
    child.once('exit', (exitCode) => {
      const stats = readStats(join(dir, 'stat.csv'));
      const errors = significantErrors(readIfExists(join(dir, 'errors.log')));
      rmSync(dir, { recursive: true, force: true });
      resolveDone({ exitCode, ...stats, stdout, stderr, errors });
    });
  });
  return {
    pid: child.pid ?? -1,
    done,
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** SIPp's error log without its "Dead call" notes (a retransmission after the call ended), bounded. */
function significantErrors(log: string): string {
  const entries = log.split(/(?=\d{4}-\d{2}-\d{2}\t\d{2}:)/);
  return entries
    .filter((e) => !e.includes('Dead call'))
    .join('')
    .slice(0, 4000);
}

function readIfExists(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Last row of SIPp's `-trace_stat` CSV: cumulative successful and failed calls. */
function readStats(path: string): { successful: number; failed: number } {
  const lines = readIfExists(path).trim().split('\n');
  const header = lines[0]?.split(';') ?? [];
  const last = lines.at(-1)?.split(';') ?? [];
  const column = (name: string) => Number(last[header.indexOf(name)] ?? Number.NaN);
  return { successful: column('SuccessfulCall(C)'), failed: column('FailedCall(C)') };
}

/**
 * Resolves once something is bound to `port` on loopback (SIPp as UAS is ready to receive), polling
 * with a bounded deadline: UDP by trying to bind it ourselves, TCP by connecting.
 */
export async function waitForPort(
  port: number,
  transport: 'udp' | 'tcp' = 'udp',
  deadlineMs = 10_000,
): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (await (transport === 'udp' ? udpPortTaken(port) : tcpPortOpen(port))) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`nothing listening on 127.0.0.1:${port}/${transport} after ${deadlineMs} ms`);
}

function udpPortTaken(port: number): Promise<boolean> {
  return new Promise((resolveTaken) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolveTaken(true));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolveTaken(false)));
  });
}

function tcpPortOpen(port: number): Promise<boolean> {
  return new Promise((resolveOpen) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolveOpen(true);
    });
    socket.once('error', () => resolveOpen(false));
  });
}

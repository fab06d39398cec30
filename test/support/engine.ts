import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SEMI_SPACE_MIB } from '../../src/engine/live/v8-tuning.js';
import { freePort } from './free-port.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const E2E_PLANS = join(ROOT, 'test/fixtures/e2e-plans');
export const EXAMPLE_PLANS = join(ROOT, 'plans');

export interface EngineOptions {
  /** Plans directory (default: the e2e fixtures). */
  readonly plans?: string;
  /** VMS_* variables, e.g. VMS_EGRESS, VMS_TRUNKS, VMS_CLOCK_START. */
  readonly env?: Readonly<Record<string, string>>;
  /** Start the admin API on a free port. */
  readonly admin?: boolean;
  readonly readyTimeoutMs?: number;
}

export interface RunningEngine {
  readonly pid: number;
  readonly sipPort: number;
  /** `127.0.0.1:<sipPort>`, for SIPp's remote. */
  readonly address: string;
  readonly adminPort: number | undefined;
  /** The last stdout and stderr of the engine, for failure messages. */
  output(): string;
  /** GET on the admin API, parsed JSON. */
  admin<T = unknown>(path: string): Promise<T>;
  /** SIGTERM by PID, then SIGKILL if it has not exited within the bound; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `node bin/vms.js serve` on a free loopback port and waits for its `ready` line (bounded). */
export async function startEngine(options: EngineOptions = {}): Promise<RunningEngine> {
  ensureBuilt();
  const sipPort = await freePort();
  const adminPort = options.admin ? await freePort() : undefined;
  const outbox = mkdtempSync(join(tmpdir(), 'vms-e2e-outbox-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    VMS_SIP_LISTEN: `127.0.0.1:${sipPort}`,
    VMS_PLANS_DIR: options.plans ?? E2E_PLANS,
    VMS_ANNOUNCEMENTS_DIR: join(ROOT, 'announcements'),
    VMS_OUTBOX_DIR: outbox,
    VMS_LOG_LEVEL: 'info',
    ...(adminPort !== undefined && { VMS_ADMIN_LISTEN: `127.0.0.1:${adminPort}` }),
    ...options.env,
  };
  const child = spawn(
    process.execPath,
    [`--max-semi-space-size=${SEMI_SPACE_MIB}`, join(ROOT, 'bin/vms.js'), 'serve'],
    {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (d: Buffer): void => {
    output = (output + d.toString()).slice(-30_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  exited.then(() => rmSync(outbox, { recursive: true, force: true }));
  await waitForReady(child, exited, () => output, options.readyTimeoutMs ?? 20_000);
  return {
    pid: child.pid ?? -1,
    sipPort,
    address: `127.0.0.1:${sipPort}`,
    adminPort,
    output: () => output,
    async admin<T>(path: string): Promise<T> {
      const response = await fetch(`http://127.0.0.1:${adminPort}${path}`);
      return (await response.json()) as T;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      process.kill(child.pid ?? -1, 'SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

function waitForReady(
  child: ChildProcess,
  exited: Promise<number | null>,
  output: () => string,
  timeoutMs: number,
): Promise<void> {
  return new Promise((res, rej) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rej(new Error(`engine not ready after ${timeoutMs} ms:\n${output()}`));
    }, timeoutMs);
    const onData = (): void => {
      if (!/"msg":"ready"/.test(output())) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      res();
    };
    child.stdout?.on('data', onData);
    exited.then((code) => {
      clearTimeout(timer);
      rej(new Error(`engine exited (${code}) before ready:\n${output()}`));
    });
  });
}

/**
 * `make test` builds first; a lone `vitest run test/e2e` may find dist/ older than src/. Rebuild then,
 * once, with a lock directory so that parallel test files do not build together.
 */
export function ensureBuilt(): void {
  const built = join(ROOT, 'dist/cli/main.js');
  const lock = join(ROOT, '.e2e-build.lock');
  const until = Date.now() + 120_000;
  while (isStale(built)) {
    if (tryLock(lock)) {
      try {
        if (isStale(built)) buildQuietly();
      } finally {
        rmdirSync(lock);
      }
      return;
    }
    if (Date.now() > until) throw new Error('ensureBuilt: another build held the lock for 2 minutes');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
  }
}

function buildQuietly(): void {
  try {
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: ROOT,
        stdio: 'pipe',
      },
    );
  } catch {
    // tsc still emits when another layer's file has a type error; a missing entry point is what matters.
  }
}

function tryLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch {
    // A lock left by a killed run: older than the longest build.
    const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
    if (Date.now() - since > 120_000) rmdirSync(lock);
    return false;
  }
}

function isStale(built: string): boolean {
  const builtAt = statSync(built, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return newestSource(join(ROOT, 'src')) > builtAt;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

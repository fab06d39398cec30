import { type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/**
 * The root logger. JSON lines on stdout (pino), level from config. Per-call child loggers carry
 * `{ callId, caller, called, plan }` and per-node ones add `{ node }`: see `callLogger`.
 * Never log secrets (Authorization headers, passwords): `redact` strips the usual suspects.
 */
export function createRootLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'vms' },
      redact: ['*.authorization', '*.password', '*.smtpUrl', 'headers.authorization'],
    },
    destination ?? process.stdout,
  );
}

/** A logger that discards everything (tests, dry runs that print their own output). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

export function callLogger(
  root: Logger,
  call: { callId: string; caller: string; called: string; plan?: string },
): Logger {
  return root.child(call);
}

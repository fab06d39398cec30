import type { Bindings } from 'pino';
import { callLogger, type Logger } from '../log/logger.js';

/** What the engine logs through per call: pino's levels with an object and/or a message, and `child`. */
export interface CallLog {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  child(bindings: Bindings): Logger;
}

type Level = 'debug' | 'info' | 'warn' | 'error';

/**
 * The per-call logger, whose pino child is created on the first message that will really be written. A
 * pino child serializes its bindings when created, which at thousands of calls/s at level `warn` costs more
 * than the whole plan walk for calls that never log: a message below the level is dropped here, before any
 * child exists. A plain object with four methods (it was a Proxy with its four closures per call).
 */
export class LazyCallLogger implements CallLog {
  #child: Logger | undefined;

  constructor(
    private readonly root: Logger,
    private readonly fields: Parameters<typeof callLogger>[1],
  ) {}

  debug(obj: object | string, msg?: string): void {
    this.write('debug', obj, msg);
  }

  info(obj: object | string, msg?: string): void {
    this.write('info', obj, msg);
  }

  warn(obj: object | string, msg?: string): void {
    this.write('warn', obj, msg);
  }

  error(obj: object | string, msg?: string): void {
    this.write('error', obj, msg);
  }

  /** A child of the call logger: it carries the call's fields and its own. */
  child(bindings: Bindings): Logger {
    return this.real().child(bindings);
  }

  private write(level: Level, obj: object | string, msg: string | undefined): void {
    if (this.#child === undefined && !this.root.isLevelEnabled(level)) return;
    const logger = this.real();
    if (typeof obj === 'string') logger[level](obj);
    else if (msg === undefined) logger[level](obj);
    else logger[level](obj, msg);
  }

  private real(): Logger {
    this.#child ??= callLogger(this.root, this.fields);
    return this.#child;
  }
}

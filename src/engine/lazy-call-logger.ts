import { callLogger, type Logger } from '../log/logger.js';

const LEVELS: ReadonlySet<string> = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);
const noop = (): void => {};

/**
 * The per-call child logger, created on the first message that will really be written. A pino child
 * serializes its bindings when created, which at thousands of calls/s at level `warn` costs more than the
 * whole plan walk for calls that never log. Disabled levels answer with a no-op; anything else (enabled
 * levels, `child`, `bindings`, ...) goes to the real child, created once.
 */
export function lazyCallLogger(root: Logger, fields: Parameters<typeof callLogger>[1]): Logger {
  let child: Logger | undefined;
  const real = (): Logger => {
    child ??= callLogger(root, fields);
    return child;
  };
  return new Proxy(root, {
    get(_root, prop) {
      if (child === undefined && typeof prop === 'string' && LEVELS.has(prop) && !root.isLevelEnabled(prop))
        return noop;
      const logger = real();
      const value: unknown = Reflect.get(logger, prop, logger);
      return typeof value === 'function' ? value.bind(logger) : value;
    },
    set(_root, prop, value) {
      return Reflect.set(real(), prop, value);
    },
    has(_root, prop) {
      return Reflect.has(real(), prop);
    },
  });
}

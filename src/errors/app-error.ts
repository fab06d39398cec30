import type { ErrorCode } from './codes.js';

/** Where in a plan file something was found: `plans/sales.yaml:42:7 nodes.hours.outputs.open`. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  /** Dotted YAML path, e.g. `nodes.hours.outputs.open`. */
  path: string;
}

/**
 * The one error class of the project. `code` is stable (documented in README, unique: see codes.ts);
 * `message` is for humans and may change.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly location: SourceLocation | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; location?: SourceLocation; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.location = options.location;
    this.details = options.details;
  }
}

export function isAppError(err: unknown, code?: ErrorCode): err is AppError {
  return err instanceof AppError && (code === undefined || err.code === code);
}

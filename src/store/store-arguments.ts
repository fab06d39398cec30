import { AppError } from '../errors/app-error.js';

/**
 * Both stores check their numeric arguments the same way, so a bad limit fails loudly in memory too
 * rather than only once the deployment moves to Redis.
 */
export function requireCount(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0)
    throw new AppError('STORE_INVALID_ARGUMENT', `${name} must be an integer >= 0, got ${value}`, {
      details: { argument: name, value },
    });
  return value;
}

export function requireDuration(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0)
    throw new AppError('STORE_INVALID_ARGUMENT', `${name} must be a whole number of ms > 0, got ${value}`, {
      details: { argument: name, value },
    });
  return value;
}

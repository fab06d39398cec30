/** The engine's public surface: run a call through its plan, the ports it needs, the dry-run kit. */
export type { CallContext, CallEnd, EnginePorts, NodeExecutor, StepOutcome } from './call-context.js';
export type { CallRecord, TraceStep } from './call-record.js';
export * from './dry-run/index.js';
export { ENGINE_ERROR_CODES } from './engine-error-codes.js';
export { EXECUTORS, executeNode } from './nodes/index.js';
export type * from './ports.js';
export { DEFAULT_RELEASE, RELEASE_STATUS, releaseFor } from './release-status.js';
export { type CallInput, type EngineEnv, runCall } from './run-call.js';
export { systemClock } from './system-clock.js';
export { CallVariables, renderTemplate, templateVariables } from './variables.js';
export { MAX_STEPS } from './walk-plan.js';

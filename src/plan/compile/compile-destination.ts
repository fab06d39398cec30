import type { DestinationLimit, DestinationNode, QueueSettings } from '../types.js';
import type { NodeContext } from './compile-node.js';
import { durationOr, parseDuration } from './duration.js';
import type { RawNode, RawQueue } from './raw-types.js';

const DEFAULT_RING_TIMEOUT_MS = 30_000;
const DEFAULT_QUEUE_MAX_WAIT_MS = 5 * 60_000;
const DEFAULT_QUEUE_MAX_LENGTH = 20;

type NodeBase = Pick<DestinationNode, 'id' | 'source' | 'outputs'>;

/** P1, P3, P8, P9: numbers resolved (directory entries included), defaults applied. */
export function compileDestination(raw: RawNode, base: NodeBase, ctx: NodeContext): DestinationNode {
  const numbers = destinationNumbers(raw, ctx);
  const node: DestinationNode = {
    ...base,
    type: 'destination',
    numbers,
    strategy: raw.strategy ?? 'sequential',
    ringTimeout: durationOr(raw.ringTimeout, DEFAULT_RING_TIMEOUT_MS),
    ...(raw.limit === undefined ? {} : { limit: compileLimit(raw.limit, ctx) }),
    ...(raw.queue === undefined ? {} : { queue: compileQueue(raw.queue) }),
  };
  return node;
}

function destinationNumbers(raw: RawNode, ctx: NodeContext): string[] {
  if (raw.number !== undefined) return [raw.number];
  if (raw.numbers !== undefined) return raw.numbers;
  if (raw.directory !== undefined) return [...(ctx.resources.directory.get(raw.directory)?.numbers ?? [])];
  return [];
}

function compileLimit(raw: NonNullable<RawNode['limit']>, ctx: NodeContext): DestinationLimit {
  return {
    ...(raw.simultaneous === undefined ? {} : { simultaneous: raw.simultaneous }),
    ...(raw.perInterval === undefined
      ? {}
      : { perInterval: { calls: raw.perInterval.calls, interval: parseDuration(raw.perInterval.interval) } }),
    key: raw.key ?? `${ctx.planName}/${ctx.id}`,
  };
}

function compileQueue(raw: RawQueue): QueueSettings {
  return {
    ...(raw.welcome === undefined ? {} : { welcome: raw.welcome }),
    ...(raw.firstInLine === undefined ? {} : { firstInLine: raw.firstInLine }),
    ...(raw.periodic === undefined
      ? {}
      : { periodic: { prompt: raw.periodic.prompt, every: parseDuration(raw.periodic.every) } }),
    announcePosition: raw.announcePosition ?? false,
    ...(raw.music === undefined ? {} : { music: raw.music }),
    maxWait: durationOr(raw.maxWait, DEFAULT_QUEUE_MAX_WAIT_MS),
    maxLength: raw.maxLength ?? DEFAULT_QUEUE_MAX_LENGTH,
  };
}

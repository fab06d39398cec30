import type { SourceLocation } from '../../errors/app-error.js';
import type { DiagnosticSink } from '../diagnostic.js';
import type { BranchCase, ExtensionNode, IvrNode, PlanNode, Resources } from '../types.js';
import type { SourceLocator, YamlPath } from '../yaml/source-locator.js';
import { compileDestination } from './compile-destination.js';
import { durationOr } from './duration.js';
import type { RawNode } from './raw-types.js';

export interface NodeContext {
  readonly planName: string;
  readonly id: string;
  readonly source: SourceLocation;
  readonly path: YamlPath;
  readonly locator: SourceLocator;
  readonly resources: Resources;
  readonly sink: DiagnosticSink;
  /** Output name -> YAML path of its target, filled while compiling. */
  readonly outputPaths: Map<string, YamlPath>;
}

const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_INTER_DIGIT_MS = 3000;

/** YAML node -> compiled node. References are resolved where they exist; checks report the rest. */
export function compileNode(raw: RawNode, ctx: NodeContext): PlanNode {
  const base = { id: ctx.id, source: ctx.source, outputs: collectOutputs(raw, ctx) };
  switch (raw.type) {
    case 'destination':
      return compileDestination(raw, base, ctx);
    case 'origin':
      return { ...base, type: 'origin', origins: raw.origins ?? '' };
    case 'calendar':
      return { ...base, type: 'calendar', calendar: raw.calendar ?? '' };
    case 'ivr':
      return { ...base, ...compileIvr(raw) };
    case 'language':
      return { ...base, type: 'language', language: raw.language ?? 'en' };
    case 'list':
      return { ...base, type: 'list', list: raw.list ?? '' };
    case 'table':
      return { ...base, type: 'table', table: raw.table ?? '', query: raw.query ?? '' };
    case 'branch':
      return { ...base, type: 'branch', variable: raw.variable ?? '', cases: branchCases(raw) };
    case 'set':
      return { ...base, type: 'set', vars: raw.vars ?? {} };
    case 'email':
      return { ...base, type: 'email', template: raw.template ?? '' };
    case 'extension':
      return { ...base, ...compileExtension(raw) };
    case 'announcement':
      return { ...base, type: 'announcement', prompt: raw.prompt ?? '' };
    default:
      return {
        ...base,
        type: 'hangup',
        status: raw.status ?? 480,
        ...(raw.prompt ? { prompt: raw.prompt } : {}),
      };
  }
}

function compileIvr(raw: RawNode): Omit<IvrNode, 'id' | 'source' | 'outputs'> {
  const choices = Object.entries(raw.choices ?? {}).map(([key, c]) => [
    key,
    c.language === undefined ? { output: key } : { output: key, language: c.language },
  ]);
  return {
    type: 'ivr',
    prompt: raw.prompt ?? '',
    choices: Object.fromEntries(choices),
    ...(raw.invalidPrompt === undefined ? {} : { invalidPrompt: raw.invalidPrompt }),
    retries: raw.retries ?? 2,
    timeout: durationOr(raw.timeout, DEFAULT_TIMEOUT_MS),
    interDigitTimeout: durationOr(raw.interDigitTimeout, DEFAULT_INTER_DIGIT_MS),
  };
}

function compileExtension(raw: RawNode): Omit<ExtensionNode, 'id' | 'source' | 'outputs'> {
  return {
    type: 'extension',
    prompt: raw.prompt ?? '',
    extensions: raw.extensions ?? '',
    maxDigits: raw.maxDigits ?? 4,
    timeout: durationOr(raw.timeout, DEFAULT_TIMEOUT_MS),
    interDigitTimeout: durationOr(raw.interDigitTimeout, DEFAULT_INTER_DIGIT_MS),
  };
}

export function branchCaseName(c: { name?: string }, index: number): string {
  return c.name ?? `case${index + 1}`;
}

function branchCases(raw: RawNode): BranchCase[] {
  return (raw.cases ?? []).map((c, i) => {
    const compiled: { -readonly [K in keyof BranchCase]: BranchCase[K] } = { output: branchCaseName(c, i) };
    if (c.equals !== undefined) compiled.equals = c.equals;
    if (c.prefix !== undefined) compiled.prefix = c.prefix;
    if (c.oneOf !== undefined) compiled.oneOf = c.oneOf;
    return compiled;
  });
}

/** `outputs`, `next`, `rest`, IVR choices and branch cases, all as output name -> target. */
function collectOutputs(raw: RawNode, ctx: NodeContext): Record<string, string> {
  const outputs: Record<string, string> = {};
  const add = (name: string, target: string, path: YamlPath): void => {
    if (name in outputs) {
      ctx.sink.error(
        'PLAN_DUPLICATE_OUTPUT',
        `output ${JSON.stringify(name)} is connected twice`,
        ctx.locator.at(path),
      );
      return;
    }
    outputs[name] = target;
    ctx.outputPaths.set(name, path);
  };
  for (const [name, target] of Object.entries(raw.outputs ?? {}))
    add(name, target, [...ctx.path, 'outputs', name]);
  if (raw.next !== undefined) add('next', raw.next, [...ctx.path, 'next']);
  if (raw.rest !== undefined) add('rest', raw.rest, [...ctx.path, 'rest']);
  for (const [key, choice] of Object.entries(raw.choices ?? {}))
    add(key, choice.next, [...ctx.path, 'choices', key, 'next']);
  for (const [i, c] of (raw.cases ?? []).entries())
    add(branchCaseName(c, i), c.next, [...ctx.path, 'cases', i, 'next']);
  return outputs;
}

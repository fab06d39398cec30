/**
 * The shape of the YAML data once it has passed the JSON Schema: what the compiler reads.
 * Kept loose where the schema is (optional fields), strict where the schema guarantees a type.
 */
import type { Language, Weekday } from '../types.js';

export type RawDuration = string | number;
export type RawOutputs = Record<string, string>;

export interface RawNode {
  type: string;
  outputs?: RawOutputs;
  next?: string;
  rest?: string;
  // destination
  number?: string;
  numbers?: string[];
  directory?: string;
  strategy?: 'parallel' | 'sequential';
  ringTimeout?: RawDuration;
  limit?: { simultaneous?: number; perInterval?: { calls: number; interval: RawDuration }; key?: string };
  queue?: RawQueue;
  // resources
  origins?: string;
  calendar?: string;
  list?: string;
  table?: string;
  query?: string;
  template?: string;
  extensions?: string;
  // ivr, extension, announcement, hangup
  prompt?: string;
  invalidPrompt?: string;
  choices?: Record<string, { next: string; language?: Language }>;
  retries?: number;
  timeout?: RawDuration;
  interDigitTimeout?: RawDuration;
  maxDigits?: number;
  status?: number;
  // language, branch, set
  language?: Language;
  variable?: string;
  cases?: RawBranchCase[];
  vars?: Record<string, string>;
}

export interface RawQueue {
  welcome?: string;
  firstInLine?: string;
  periodic?: { prompt: string; every: RawDuration };
  announcePosition?: boolean;
  music?: string;
  maxWait?: RawDuration;
  maxLength?: number;
}

export interface RawBranchCase {
  name?: string;
  equals?: string;
  prefix?: string;
  oneOf?: string[];
  next: string;
}

export interface RawPlanFile {
  kind: 'plan';
  name: string;
  language?: Language;
  start: string;
  nodes: Record<string, RawNode>;
}

export interface RawNumbersFile {
  kind: 'numbers';
  groups: Record<string, { numbers: string[]; plan: string; traceCallers?: string[] }>;
}

export interface RawCalendarRule {
  name: string;
  dates?: string[];
  days?: Weekday[];
  from?: string;
  to?: string;
}

export interface RawResourcesFile {
  kind: 'resources';
  lists?: Record<string, { numbers: string[] }>;
  origins?: Record<string, { zones: Record<string, string[]> }>;
  calendars?: Record<string, { timezone?: string; rules: RawCalendarRule[] }>;
  directory?: Record<string, { numbers: string[]; label?: string }>;
  emailTemplates?: Record<string, { to: string[]; subject: string; body: string }>;
  tables?: Record<string, { columns: string[]; rows: (string | number | null)[][] }>;
  extensions?: Record<string, Record<string, string>>;
}

export type RawFile = RawPlanFile | RawNumbersFile | RawResourcesFile;

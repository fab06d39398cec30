/**
 * The compiled routing-plan model: what the loader and compiler produce from YAML, and what the engine
 * walks. Plain, frozen data: no functions, no I/O. Every node and resource keeps where it was written
 * (`source`) so the engine's trace and every error can point back to `file:line:column`.
 *
 * This file is the contract between `plan/` (producer) and `engine/` (consumer).
 */
import type { SourceLocation } from '../errors/app-error.js';

/** Languages an announcement can be played in (P7). */
export type Language = 'en' | 'de' | 'nl' | 'fr';
export const LANGUAGES: readonly Language[] = ['en', 'de', 'nl', 'fr'];
/** The system default may also be `bi`: NL then FR or FR then NL, in random order (P7). Never set in a plan. */
export type SystemLanguage = Language | 'bi';

/** Reserved output target: end the call here (BYE if answered, a final response otherwise). */
export const HANGUP_TARGET = 'hangup';

/** The outcomes of one destination attempt (P2), exactly these names. */
export const DESTINATION_OUTCOMES = [
  'answered',
  'busy',
  'noAnswer',
  'unreachable',
  'congestion',
  'cause31',
  'interrupted',
] as const;
export type DestinationOutcome = (typeof DESTINATION_OUTCOMES)[number];

/** Outputs a destination has beyond its outcomes, when it has a limit (P8) or a queue (P9). */
export const DESTINATION_LIMIT_OUTPUTS = ['overLimit', 'queueTimeout', 'queueFull'] as const;
export type DestinationLimitOutput = (typeof DESTINATION_LIMIT_OUTPUTS)[number];

/** A duration in milliseconds (YAML accepts `20s`, `1m30s`, `500ms` or a number of seconds). */
export type Millis = number;

/**
 * A string that may contain `${variable}` references (P11), resolved per call against the call's
 * variables: system ones (`caller`, `called`, `language`, `zone`, `time`, ...) and user ones.
 */
export type Template = string;

/** Where an output leads: a node id of the same plan, or HANGUP_TARGET. */
export type Target = string;

interface NodeBase {
  readonly id: string;
  readonly source: SourceLocation;
  /** Output name -> target. Only connected outputs are present. */
  readonly outputs: Readonly<Record<string, Target>>;
}

/** P1, P3, P8, P9. One number, a directory entry, or several numbers rung in parallel or in turn. */
export interface DestinationNode extends NodeBase {
  readonly type: 'destination';
  /** E.164 numbers or templates (e.g. `${extensionNumber}`); directory entries are resolved at compile time. */
  readonly numbers: readonly Template[];
  /** `parallel`: all at once, first answer wins (P3). `sequential`: one after another (hunting). */
  readonly strategy: 'parallel' | 'sequential';
  /** Per attempt (sequential) or for the whole group (parallel). */
  readonly ringTimeout: Millis;
  readonly limit?: DestinationLimit;
  readonly queue?: QueueSettings;
}

export interface DestinationLimit {
  /** P8a: at most this many calls up at once to this destination. */
  readonly simultaneous?: number;
  /** P8b: at most `calls` attempts in any window of `interval`. */
  readonly perInterval?: { readonly calls: number; readonly interval: Millis };
  /** Counter name shared by every node that names it; defaults to `<plan>/<node>`. */
  readonly key: string;
}

/** P9: with `announcePosition`, this prompt is played, then the position digit by digit. */
export const QUEUE_POSITION_PROMPT = 'queue-position';
/** The prompt that says one digit (0-9), used to compose numbers such as a queue position. */
export function digitPrompt(digit: number | string): string {
  return `digit-${digit}`;
}

/** P9: callers over the limit wait here instead of taking `overLimit`. */
export interface QueueSettings {
  readonly welcome?: string;
  readonly firstInLine?: string;
  readonly periodic?: { readonly prompt: string; readonly every: Millis };
  readonly announcePosition: boolean;
  /** Prompt played between announcements; silence when absent. */
  readonly music?: string;
  readonly maxWait: Millis;
  readonly maxLength: number;
}

/** P4: branch on the caller's zone (named prefixes) or exact caller numbers; `rest` otherwise. */
export interface OriginNode extends NodeBase {
  readonly type: 'origin';
  /** Name of an `origins` resource. Output names other than `rest` are its zone names. */
  readonly origins: string;
}

/** P5: the first rule of the calendar resource that matches now wins; `rest` otherwise. */
export interface CalendarNode extends NodeBase {
  readonly type: 'calendar';
  readonly calendar: string;
}

/** P6: play a prompt, read digits, branch. Outputs: one per choice, plus `noInput` and `invalid`. */
export interface IvrNode extends NodeBase {
  readonly type: 'ivr';
  readonly prompt: string;
  /** Digit (or digit string) -> output name; a choice may also set the call's language (P7). */
  readonly choices: Readonly<Record<string, { readonly output: string; readonly language?: Language }>>;
  /** Played before a retry after invalid input, if set. */
  readonly invalidPrompt?: string;
  /** Number of times the menu is replayed after no input or invalid input before the output is taken. */
  readonly retries: number;
  readonly timeout: Millis;
  readonly interDigitTimeout: Millis;
}

/** P7: set the call's language, then `next`. */
export interface LanguageNode extends NodeBase {
  readonly type: 'language';
  readonly language: Language;
}

/** P10: is the caller on the list? Outputs `listed` and `notListed`. */
export interface ListNode extends NodeBase {
  readonly type: 'list';
  readonly list: string;
}

/** P11: run a SQL query on a table resource; the row's columns become variables. Outputs `found`/`notFound`. */
export interface TableNode extends NodeBase {
  readonly type: 'table';
  readonly table: string;
  /** SELECT with named parameters bound from call variables, e.g. `SELECT tier FROM customers WHERE cli = :caller`. */
  readonly query: string;
}

/** P11: branch on a variable. The first case that matches wins; `rest` otherwise. */
export interface BranchNode extends NodeBase {
  readonly type: 'branch';
  readonly variable: string;
  readonly cases: readonly BranchCase[];
}
export interface BranchCase {
  readonly output: string;
  readonly equals?: string;
  readonly prefix?: string;
  readonly oneOf?: readonly string[];
}

/** P11: set user variables (templates), then `next`. */
export interface SetNode extends NodeBase {
  readonly type: 'set';
  readonly vars: Readonly<Record<string, Template>>;
}

/** P12: send a templated e-mail with the call's variables, then `next`. */
export interface EmailNode extends NodeBase {
  readonly type: 'email';
  readonly template: string;
}

/** P13: read an extension, map it to a number (variable `extensionNumber`). Outputs `found`, `notFound`, `noInput`. */
export interface ExtensionNode extends NodeBase {
  readonly type: 'extension';
  readonly prompt: string;
  readonly extensions: string;
  readonly maxDigits: number;
  readonly timeout: Millis;
  readonly interDigitTimeout: Millis;
}

/** Play a prompt, then `next`. */
export interface AnnouncementNode extends NodeBase {
  readonly type: 'announcement';
  readonly prompt: string;
}

/** Explicit end: an optional prompt (answers the call), then release with a SIP status if not answered. */
export interface HangupNode extends NodeBase {
  readonly type: 'hangup';
  readonly prompt?: string;
  /** Final response to an unanswered caller, e.g. 403, 480, 486, 603. */
  readonly status: number;
}

export type PlanNode =
  | DestinationNode
  | OriginNode
  | CalendarNode
  | IvrNode
  | LanguageNode
  | ListNode
  | TableNode
  | BranchNode
  | SetNode
  | EmailNode
  | ExtensionNode
  | AnnouncementNode
  | HangupNode;

export type NodeType = PlanNode['type'];

export interface Plan {
  readonly name: string;
  readonly source: SourceLocation;
  /** The plan's language; the system default applies when absent. */
  readonly language?: Language;
  readonly start: string;
  readonly nodes: ReadonlyMap<string, PlanNode>;
}

// ---- Numbers (N1, N2, S3) ----

export interface NumberGroup {
  readonly name: string;
  readonly source: SourceLocation;
  /** E.164 service numbers, e.g. `+3278000001`. */
  readonly numbers: readonly string[];
  readonly plan: string;
  /** Caller numbers whose calls keep a full trace (S3). */
  readonly traceCallers: readonly string[];
}

// ---- Resources (R1) ----

export interface ListResource {
  readonly name: string;
  readonly source: SourceLocation;
  readonly numbers: ReadonlySet<string>;
}

/** Zone name -> number prefixes (or exact numbers); the longest matching prefix wins. */
export interface OriginsResource {
  readonly name: string;
  readonly source: SourceLocation;
  readonly zones: Readonly<Record<string, readonly string[]>>;
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface CalendarRule {
  /** The rule's name is the calendar node's output name. */
  readonly name: string;
  readonly source: SourceLocation;
  /** ISO dates `YYYY-MM-DD` (whole days, in the calendar's time zone). */
  readonly dates?: readonly string[];
  readonly days?: readonly Weekday[];
  /** `HH:mm`, inclusive start, exclusive end; both absent means the whole day. */
  readonly from?: string;
  readonly to?: string;
}

export interface CalendarResource {
  readonly name: string;
  readonly source: SourceLocation;
  /** IANA zone, `Europe/Brussels` by default; DST handled by luxon. */
  readonly timezone: string;
  readonly rules: readonly CalendarRule[];
}

export interface DirectoryEntry {
  readonly name: string;
  readonly source: SourceLocation;
  readonly numbers: readonly string[];
  readonly label?: string;
}

export interface EmailTemplate {
  readonly name: string;
  readonly source: SourceLocation;
  readonly to: readonly Template[];
  readonly subject: Template;
  readonly body: Template;
}

export interface TableResource {
  readonly name: string;
  readonly source: SourceLocation;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number | null)[])[];
}

export interface ExtensionsResource {
  readonly name: string;
  readonly source: SourceLocation;
  /** Extension digits -> E.164 number. */
  readonly map: Readonly<Record<string, string>>;
}

export interface Resources {
  readonly lists: ReadonlyMap<string, ListResource>;
  readonly origins: ReadonlyMap<string, OriginsResource>;
  readonly calendars: ReadonlyMap<string, CalendarResource>;
  readonly directory: ReadonlyMap<string, DirectoryEntry>;
  readonly emailTemplates: ReadonlyMap<string, EmailTemplate>;
  readonly tables: ReadonlyMap<string, TableResource>;
  readonly extensions: ReadonlyMap<string, ExtensionsResource>;
  /** Announcement name -> languages it exists in (found in `announcements/<lang>/<name>.wav`). */
  readonly announcements: ReadonlyMap<string, ReadonlySet<Language>>;
}

/** Everything loaded from one plans directory, checked and compiled: what the engine runs. */
export interface PlanSet {
  readonly plans: ReadonlyMap<string, Plan>;
  readonly groups: ReadonlyMap<string, NumberGroup>;
  /** Service number -> group name. */
  readonly numbers: ReadonlyMap<string, string>;
  readonly resources: Resources;
  readonly systemLanguage: SystemLanguage;
}

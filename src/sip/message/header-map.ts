import { isListHeader, normalizeHeaderName } from './header-names.js';
import { splitHeaderList } from './split-list.js';
import type { SipHeaders } from './types.js';

/**
 * The headers of one message. Keeps each header line's value as written (`raw`) and splits comma lists
 * only when someone asks (§7.3.1), so parsing a message never splits headers nobody reads.
 */
export class HeaderMap implements SipHeaders {
  readonly #raw: ReadonlyMap<string, readonly string[]>;
  /** Lists split on first read; most messages never ask, so the map is made on demand. */
  #split: Map<string, readonly string[]> | undefined;

  /**
   * `raw`: keys long lower-case names, values one entry per line. Neither the map nor its arrays may change
   * afterwards; arrays can be shared with another HeaderMap (a response copies its request's Via lines).
   */
  constructor(raw: ReadonlyMap<string, readonly string[]>) {
    this.#raw = raw;
  }

  /** `[name, value]` pairs in order, compact or long names; headers named in `skip` (long names) are left out. */
  static fromPairs(pairs: readonly (readonly [string, string])[], skip?: string): HeaderMap {
    const raw = new Map<string, string[]>();
    for (const [name, value] of pairs) {
      const key = normalizeHeaderName(name);
      if (key === skip) continue;
      const values = raw.get(key);
      if (values) values.push(value);
      else raw.set(key, [value]);
    }
    return new HeaderMap(raw);
  }

  getAll(name: string): readonly string[] {
    const key = normalizeHeaderName(name);
    const cached = this.#split?.get(key);
    if (cached) return cached;
    const lines = this.#raw.get(key);
    if (!lines) return EMPTY;
    if (!isListHeader(key) || !lines.some(hasComma)) return lines;
    const values = lines.flatMap(splitHeaderList);
    this.#split ??= new Map();
    this.#split.set(key, values);
    return values;
  }

  get(name: string): string | undefined {
    return this.getAll(name)[0];
  }

  has(name: string): boolean {
    return this.#raw.has(normalizeHeaderName(name));
  }

  names(): readonly string[] {
    return [...this.#raw.keys()];
  }

  /** Values per line as written, for serializing without re-joining lists. */
  rawLines(name: string): readonly string[] {
    return this.#raw.get(name) ?? EMPTY;
  }

  /** A mutable copy of the raw lines, for building a changed message. */
  cloneRaw(): Map<string, string[]> {
    const copy = new Map<string, string[]>();
    for (const [name, values] of this.#raw) copy.set(name, [...values]);
    return copy;
  }
}

const EMPTY: readonly string[] = Object.freeze([]);
const hasComma = (line: string): boolean => line.includes(',');

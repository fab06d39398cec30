import { isListHeader, normalizeHeaderName } from './header-names.js';
import { splitHeaderList } from './split-list.js';
import type { SipHeaders } from './types.js';

/**
 * The headers of one message. Keeps each header line's value as written (`raw`) and splits comma lists
 * only when someone asks (§7.3.1), so parsing a message never splits headers nobody reads.
 */
export class HeaderMap implements SipHeaders {
  readonly #raw: Map<string, string[]>;
  /** Lists split on first read; most messages never ask, so the map is made on demand. */
  #split: Map<string, readonly string[]> | undefined;

  /** `raw` is owned by the map from now on: keys long lower-case names, values one entry per line. */
  constructor(raw: Map<string, string[]>) {
    this.#raw = raw;
  }

  static fromPairs(pairs: readonly (readonly [string, string])[]): HeaderMap {
    const raw = new Map<string, string[]>();
    for (const [name, value] of pairs) {
      const key = normalizeHeaderName(name);
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

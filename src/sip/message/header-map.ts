import { isListHeader, normalizeHeaderName } from './header-names.js';
import { splitHeaderList } from './split-list.js';
import type { SipHeaders } from './types.js';

/**
 * The headers of one message. Keeps each header line's value as written (`raw`) and splits comma lists
 * only when someone asks (§7.3.1), so parsing a message never splits headers nobody reads.
 *
 * Names and their lines sit in two parallel arrays, found by a linear scan: a message has ~10 headers,
 * whose names are mostly the interned constants of `frequentHeaderName`, so comparing them is cheaper
 * than hashing, and a `Map` per message (its table grown 2 → 16 entries while parsing) was ~10 % of the
 * bytes a call allocates (`bench/call-path`, sampling heap profile) and most of the hash-map time.
 */
export class HeaderMap implements SipHeaders {
  readonly #names: readonly string[];
  readonly #lines: readonly (readonly string[])[];
  /** Lists split on first read; most messages never ask, so the map is made on demand. */
  #split: Map<string, readonly string[]> | undefined;

  /**
   * `names`: long lower-case names, each once; `lines[i]`: the values of `names[i]`, one per line. The
   * arrays are owned by the map from now on and never change; a line array can be shared with another
   * HeaderMap (a response copies its request's Via lines).
   */
  constructor(names: readonly string[], lines: readonly (readonly string[])[]) {
    this.#names = names;
    this.#lines = lines;
  }

  /** From a map of long lower-case names to their lines (code that edits headers builds one). */
  static fromMap(raw: ReadonlyMap<string, readonly string[]>): HeaderMap {
    return new HeaderMap([...raw.keys()], [...raw.values()]);
  }

  /** `[name, value]` pairs in order, compact or long names; headers named in `skip` (long names) are left out. */
  static fromPairs(pairs: readonly (readonly [string, string])[], skip?: string): HeaderMap {
    const names: string[] = [];
    const lines: string[][] = [];
    for (const [name, value] of pairs) {
      const key = normalizeHeaderName(name);
      if (key !== skip) addLine(names, lines, key, value);
    }
    return new HeaderMap(names, lines);
  }

  getAll(name: string): readonly string[] {
    const key = normalizeHeaderName(name);
    const cached = this.#split?.get(key);
    if (cached) return cached;
    const lines = this.rawLines(key);
    if (lines.length === 0 || !isListHeader(key) || !anyHasComma(lines)) return lines;
    const values = lines.flatMap(splitHeaderList);
    this.#split ??= new Map();
    this.#split.set(key, values);
    return values;
  }

  get(name: string): string | undefined {
    return this.getAll(name)[0];
  }

  has(name: string): boolean {
    return this.#names.indexOf(normalizeHeaderName(name)) >= 0;
  }

  /** The names in order of first appearance: the map's own array, not to be changed. */
  names(): readonly string[] {
    return this.#names;
  }

  /** Values per line as written (`name`: long, lower-case), for serializing without re-joining lists. */
  rawLines(name: string): readonly string[] {
    const names = this.#names;
    for (let i = 0; i < names.length; i++) if (names[i] === name) return this.#lines[i]!;
    return EMPTY;
  }

  /** The lines of the `index`-th name of `names()`, as written (serializing walks both in order). */
  linesAt(index: number): readonly string[] {
    return this.#lines[index] ?? EMPTY;
  }

  /** A mutable copy of the raw lines, for building a changed message. */
  cloneRaw(): Map<string, string[]> {
    const copy = new Map<string, string[]>();
    for (let i = 0; i < this.#names.length; i++) copy.set(this.#names[i]!, [...this.#lines[i]!]);
    return copy;
  }
}

/** Appends `value` to the lines of `name` in two parallel arrays, adding the name when new. */
export function addLine(names: string[], lines: string[][], name: string, value: string): void {
  for (let i = 0; i < names.length; i++) {
    if (names[i] === name) {
      lines[i]!.push(value);
      return;
    }
  }
  names.push(name);
  lines.push([value]);
}

const EMPTY: readonly string[] = Object.freeze([]);
function anyHasComma(lines: readonly string[]): boolean {
  for (const line of lines) if (line.includes(',')) return true;
  return false;
}

/**
 * Header and URI parameters (§19.1.1 uri-parameters, §25.1 generic-param) as a read-only map over one
 * flat `name, value, name, value ...` array. A value carries two or three parameters (`branch`, `rport`,
 * `tag`, `transport`): a linear scan finds them as fast as a hash lookup, and parsing every Via, From, To
 * and URI no longer allocates a `Map` and its hash table (the largest allocation site of the per-call
 * profile, `bench/call-path`).
 */
/** Above this many parameters, repeats are found with a Set rather than by comparing every pair. */
const SCAN_LIMIT = 16;

export class ParamMap implements ReadonlyMap<string, string> {
  readonly #pairs: readonly string[];

  /**
   * `pairs` (names lower-case) is owned by the map from now on. A repeated name keeps its first value,
   * as `Map#set` guarded by `has` did; the parsers check names before they get here.
   */
  constructor(pairs: string[]) {
    this.#pairs = hasRepeats(pairs) ? firstOfEach(pairs) : pairs;
  }

  get size(): number {
    return this.#pairs.length >> 1;
  }

  get(name: string): string | undefined {
    const pairs = this.#pairs;
    for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === name) return pairs[i + 1];
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  forEach(callback: (value: string, key: string, map: ReadonlyMap<string, string>) => void): void {
    const pairs = this.#pairs;
    for (let i = 0; i < pairs.length; i += 2) callback(pairs[i + 1]!, pairs[i]!, this);
  }

  *entries(): MapIterator<[string, string]> {
    const pairs = this.#pairs;
    for (let i = 0; i < pairs.length; i += 2) yield [pairs[i]!, pairs[i + 1]!];
  }

  *keys(): MapIterator<string> {
    const pairs = this.#pairs;
    for (let i = 0; i < pairs.length; i += 2) yield pairs[i]!;
  }

  *values(): MapIterator<string> {
    const pairs = this.#pairs;
    for (let i = 1; i < pairs.length; i += 2) yield pairs[i]!;
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'ParamMap';
  }
}

/** Shared by every value without parameters: read-only, never written. */
export const NO_PARAMS: ReadonlyMap<string, string> = new ParamMap([]);

function hasRepeats(pairs: readonly string[]): boolean {
  if (pairs.length > 2 * SCAN_LIMIT) return new Set(names(pairs)).size !== pairs.length >> 1;
  for (let i = 2; i < pairs.length; i += 2) {
    for (let j = 0; j < i; j += 2) if (pairs[i] === pairs[j]) return true;
  }
  return false;
}

function firstOfEach(pairs: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const name = pairs[i]!;
    if (seen.has(name)) continue;
    seen.add(name);
    kept.push(name, pairs[i + 1]!);
  }
  return kept;
}

function names(pairs: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < pairs.length; i += 2) out.push(pairs[i]!);
  return out;
}

import { type Document, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import type { SourceLocation } from '../../errors/app-error.js';

export type YamlPath = readonly (string | number)[];

/** Maps a path in the parsed data back to `file:line:column` in the YAML text. */
export interface SourceLocator {
  readonly file: string;
  /** The value at `path` (or its deepest existing ancestor); `key: true` points at the mapping key instead. */
  at(path: YamlPath, options?: { key?: boolean }): SourceLocation;
}

export function dottedPath(path: YamlPath): string {
  return path.map(String).join('.');
}

export function createSourceLocator(file: string, doc: Document, lineCounter: LineCounter): SourceLocator {
  return {
    file,
    at(path, options = {}) {
      const offset = offsetOf(doc.contents, path, options.key === true) ?? 0;
      const { line, col } = lineCounter.linePos(offset);
      return { file, line, column: col, path: dottedPath(path) };
    },
  };
}

/** The location of a whole file (its first line), for diagnostics about the file itself. */
export function fileLocation(file: string): SourceLocation {
  return { file, line: 1, column: 1, path: '' };
}

function offsetOf(root: unknown, path: YamlPath, wantKey: boolean): number | undefined {
  let node: unknown = root;
  let best = rangeStart(root);
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
      );
      if (pair === undefined) return best;
      if (last && wantKey) return rangeStart(pair.key) ?? best;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
    } else {
      return best;
    }
    best = rangeStart(node) ?? best;
  }
  return best;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range === undefined || range === null ? undefined : range[0];
}

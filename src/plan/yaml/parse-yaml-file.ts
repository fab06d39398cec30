import { LineCounter, parseDocument } from 'yaml';
import type { DiagnosticSink } from '../diagnostic.js';
import { createSourceLocator, type SourceLocator } from './source-locator.js';

export interface ParsedFile {
  readonly path: string;
  /** Plain data (`toJS`); undefined when the YAML has errors. */
  readonly data: unknown;
  readonly locator: SourceLocator;
}

/** Parses one YAML file; syntax errors and duplicate keys go to `sink` with their position. */
export function parseYamlFile(path: string, text: string, sink: DiagnosticSink): ParsedFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locator = createSourceLocator(path, doc, lineCounter);
  for (const err of doc.errors) {
    const { line, col } = lineCounter.linePos(err.pos[0]);
    const location = { file: path, line, column: col, path: '' };
    const message = err.message.split('\n')[0] ?? err.message;
    if (err.code === 'DUPLICATE_KEY') {
      const key = keyAt(text, err.pos[0]);
      sink.error('PLAN_YAML_DUPLICATE_KEY', `duplicate key ${JSON.stringify(key)} in this mapping`, location);
    } else {
      sink.error('PLAN_YAML_SYNTAX', message, location);
    }
  }
  const data = doc.errors.length === 0 ? doc.toJS({ maxAliasCount: 100 }) : undefined;
  return { path, data, locator };
}

/** The key written at `offset` (yaml reports only where it starts). */
function keyAt(text: string, offset: number): string {
  const match = /^("[^"]*"|'[^']*'|[^:\n]*?)\s*:/.exec(text.slice(offset));
  return (match?.[1] ?? '').replace(/^["']|["']$/g, '');
}

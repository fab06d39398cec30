import type { SourceLocation } from '../errors/app-error.js';
import type { PlanErrorCode } from './plan-error-codes.js';

/** One finding of the loader or a check: data, never thrown, so every problem of a plan set is reported. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  code: PlanErrorCode;
  message: string;
  location: SourceLocation;
}

/** `plans/sales.yaml:42:7 nodes.hours.outputs.open: unknown node "ivr-mian" [PLAN_UNKNOWN_NODE]` */
export function formatDiagnostic(d: Diagnostic): string {
  const { file, line, column, path } = d.location;
  const where = path === '' ? '' : ` ${path}:`;
  const level = d.severity === 'warning' ? ' warning:' : '';
  return `${file}:${line}:${column}${where}${level} ${d.message} [${d.code}]`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sorts by file, line, column so the output reads top to bottom like the files. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.location.file.localeCompare(b.location.file) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      a.code.localeCompare(b.code),
  );
}

/** Collects diagnostics; checks push here instead of returning early. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];

  error(code: PlanErrorCode, message: string, location: SourceLocation): void {
    this.items.push({ severity: 'error', code, message, location });
  }

  warning(code: PlanErrorCode, message: string, location: SourceLocation): void {
    this.items.push({ severity: 'warning', code, message, location });
  }
}

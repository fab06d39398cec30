/**
 * Call variables (P11) and `${name}` templates. System variables (`caller`, `called`, `zone`, `time`, ...)
 * and user variables (from `set` and `table` nodes) share one name space; values are strings.
 */
export class CallVariables {
  private readonly values = new Map<string, string>();

  constructor(initial: Readonly<Record<string, string>> = {}) {
    // for-in, not Object.entries: no array of pairs per call.
    for (const name in initial) this.values.set(name, initial[name] as string);
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  set(name: string, value: string): void {
    this.values.set(name, value);
  }

  /** A plain copy, sorted by name (for the call record and e-mails). */
  toRecord(): Record<string, string> {
    const names = [...this.values.keys()].sort();
    const record: Record<string, string> = {};
    for (const name of names) record[name] = this.values.get(name) ?? '';
    return record;
  }
}

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Replaces each `${name}` by the variable's value; an unset variable becomes the empty string. */
export function renderTemplate(template: string, vars: CallVariables): string {
  if (!template.includes('${')) return template; // most numbers in plans are literal
  return template.replace(REFERENCE, (_match, name: string) => vars.get(name) ?? '');
}

/** The variable names a template refers to, in order of appearance. */
export function templateVariables(template: string): string[] {
  return [...template.matchAll(REFERENCE)].map((m) => m[1] as string);
}

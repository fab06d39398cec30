/** The variables a template names: `"Call ${callId} from ${caller}"` -> callId, caller (P11). */
export function templateVariables(template: string): string[] {
  return [...template.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1] ?? '');
}

/** System variables every call has (P11); user variables come from `set`, `table` and `extension` nodes. */
export const SYSTEM_VARIABLES: ReadonlySet<string> = new Set([
  'callId',
  'caller',
  'called',
  'group',
  'plan',
  'language',
  'zone',
  'time',
  'date',
  'weekday',
  'digits',
  'extension',
  'extensionNumber',
]);

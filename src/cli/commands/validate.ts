import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { type Diagnostic, formatDiagnostic, loadPlanSet } from '../../plan/index.js';

interface ValidateOptions {
  announcements?: string;
  json?: boolean;
}

/** `vms validate [dir]`: every diagnostic of the plans directory, then a summary; exit 1 on any error. */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check every plan, number group and resource file, and the announcements they play')
    .argument('[dir]', 'plans directory (default: VMS_PLANS_DIR, "plans")')
    .option(
      '--announcements <dir>',
      'announcements directory (default: VMS_ANNOUNCEMENTS_DIR, "announcements")',
    )
    .option('--json', 'print the diagnostics as JSON')
    .action(async (dir: string | undefined, options: ValidateOptions) => {
      const config = loadConfig();
      const plansDir = dir ?? config.plansDir;
      const result = await loadPlanSet(plansDir, {
        announcementsDir: options.announcements ?? config.announcementsDir,
        systemLanguage: config.systemLanguage,
      });
      const summary = summarize(result.diagnostics, result.files.length);
      if (options.json) {
        process.stdout.write(
          `${JSON.stringify({ ok: result.planSet !== undefined, summary, diagnostics: result.diagnostics }, null, 2)}\n`,
        );
      } else {
        for (const d of result.diagnostics) process.stdout.write(`${formatDiagnostic(d)}\n`);
        process.stdout.write(`${summary}\n`);
      }
      process.exitCode = result.planSet === undefined ? 1 : 0;
    });
}

/** `3 errors, 1 warning in 8 files` */
export function summarize(diagnostics: readonly Diagnostic[], fileCount: number): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(fileCount, 'file')}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

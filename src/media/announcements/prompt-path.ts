import { join } from 'node:path';

/**
 * The file of a prompt in one language: `<dir>/<language>/<name>.wav` (R2), the layout `vms validate`
 * checks. The engine resolves the call's language (and `bi` order) before asking for files.
 */
export function promptPath(announcementsDir: string, language: string, name: string): string {
  return join(announcementsDir, language, `${name}.wav`);
}

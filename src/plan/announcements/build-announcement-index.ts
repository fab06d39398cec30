import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { checkAnnouncementFile } from '../../media/wav/index.js';
import { LANGUAGES, type Language } from '../types.js';
import type { AnnouncementIndex, AnnouncementStatus } from './announcement-index.js';

/** Scans `<dir>/<lang>/*.wav` for every language and checks each file (R2). A missing folder is no files. */
export async function buildAnnouncementIndex(dir: string): Promise<AnnouncementIndex> {
  const index = new Map<string, Map<Language, AnnouncementStatus>>();
  for (const language of LANGUAGES) {
    for (const file of await wavFiles(join(dir, language))) {
      const path = join(dir, language, file);
      const check = await checkAnnouncementFile(path);
      const status: AnnouncementStatus = check.ok
        ? { ok: true }
        : { ok: false, problem: `${path}: ${check.problems.join('; ')}` };
      const prompt = file.slice(0, -'.wav'.length);
      const byLanguage = index.get(prompt) ?? new Map<Language, AnnouncementStatus>();
      byLanguage.set(language, status);
      index.set(prompt, byLanguage);
    }
  }
  return index;
}

async function wavFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.wav'))
      .map((e) => e.name)
      .sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

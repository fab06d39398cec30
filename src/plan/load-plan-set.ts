import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildAnnouncementIndex } from './announcements/build-announcement-index.js';
import { compilePlanSet, type LoadResult } from './compile-plan-set.js';
import type { SystemLanguage } from './types.js';
import { fileLocation } from './yaml/source-locator.js';

export interface LoadOptions {
  announcementsDir: string;
  systemLanguage: SystemLanguage;
}

/** Reads every `*.yaml`/`*.yml` under `dir` (subfolders included), the announcements, then compiles. */
export async function loadPlanSet(dir: string, options: LoadOptions): Promise<LoadResult> {
  let paths: string[];
  try {
    paths = await yamlFiles(dir);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return failure(dir, `cannot read the plans directory: ${reason}`);
  }
  const files = await Promise.all(paths.map(async (path) => ({ path, text: await readFile(path, 'utf8') })));
  const announcements = await buildAnnouncementIndex(options.announcementsDir);
  if (files.length === 0) return failure(dir, `no *.yaml or *.yml file in ${dir}`);
  return compilePlanSet(files, announcements, options.systemLanguage);
}

function failure(dir: string, message: string): LoadResult {
  return {
    planSet: undefined,
    diagnostics: [{ severity: 'error', code: 'PLAN_NO_PLANS', message, location: fileLocation(dir) }],
    files: [],
  };
}

/** Sorted, so diagnostics and "first definition wins" do not depend on the file system's order. */
async function yamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAnnouncementIndex, LANGUAGES, loadPlanSet } from '../../../src/plan/index.js';
import { FIXTURE_PROMPTS } from './support/fixtures.js';
import { toneWav, writeAnnouncements } from './support/wav.js';

let work: string;
let announcements: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'vms-plan-'));
  announcements = join(work, 'announcements');
  writeAnnouncements(announcements, FIXTURE_PROMPTS, LANGUAGES);
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('loadPlanSet', () => {
  it('loads the example plans clean when every announcement exists as A-law', async () => {
    const result = await loadPlanSet('plans', { announcementsDir: announcements, systemLanguage: 'bi' });
    expect(result.diagnostics).toEqual([]);
    expect(result.files).toHaveLength(8);
    expect(result.planSet?.numbers.get('+3278000004')).toBe('walkthrough-language-menu');
  });

  it('reports a prompt that is not A-law at the node that plays it', async () => {
    writeFileSync(join(announcements, 'fr', 'closed.wav'), toneWav('pcm16'));
    const result = await loadPlanSet('plans', { announcementsDir: announcements, systemLanguage: 'fr' });
    expect(result.planSet).toBeUndefined();
    expect(result.diagnostics).toMatchObject([
      {
        code: 'PLAN_ANNOUNCEMENT_FORMAT',
        location: { file: 'plans/03-office-hours.yaml', line: 13, column: 13 },
      },
    ]);
    expect(result.diagnostics[0]?.message).toMatch(/A-law/);
  });

  it('requires a prompt in the system language only where no plan or menu choice changed it', async () => {
    unlinkSync(join(announcements, 'de', 'choose-language.wav'));
    unlinkSync(join(announcements, 'de', 'vip-only.wav'));
    const german = await loadPlanSet('plans', { announcementsDir: announcements, systemLanguage: 'de' });
    expect(german.diagnostics.map((d) => `${d.location.file}:${d.location.line} ${d.code}`)).toEqual([
      'plans/04-language-menu.yaml:9 PLAN_ANNOUNCEMENT_MISSING_LANGUAGE',
      'plans/06-vip-only.yaml:17 PLAN_ANNOUNCEMENT_MISSING_LANGUAGE',
    ]);
    const french = await loadPlanSet('plans', { announcementsDir: announcements, systemLanguage: 'fr' });
    expect(french.diagnostics).toEqual([]);
  });

  it('reads plan files in subfolders', async () => {
    const plans = join(work, 'plans');
    cpSync('plans', join(plans, 'nested'), { recursive: true });
    const result = await loadPlanSet(plans, { announcementsDir: announcements, systemLanguage: 'fr' });
    expect(result.files).toHaveLength(8);
    expect(result.planSet?.plans.size).toBe(6);
  });

  it('reports a plans directory that does not exist or holds no YAML', async () => {
    const missing = await loadPlanSet(join(work, 'nope'), {
      announcementsDir: announcements,
      systemLanguage: 'fr',
    });
    expect(missing.diagnostics.map((d) => d.code)).toEqual(['PLAN_NO_PLANS']);
    const empty = await loadPlanSet(announcements, { announcementsDir: announcements, systemLanguage: 'fr' });
    expect(empty.diagnostics.map((d) => d.code)).toEqual(['PLAN_NO_PLANS']);
  });
});

describe('buildAnnouncementIndex', () => {
  it('indexes each prompt per language with the WAV check result, and a missing folder as no files', async () => {
    writeFileSync(join(announcements, 'nl', 'closed.wav'), toneWav('pcm16'));
    const index = await buildAnnouncementIndex(announcements);
    expect(index.get('closed')?.get('fr')).toEqual({ ok: true });
    expect(index.get('closed')?.get('nl')).toMatchObject({ ok: false });
    expect((await buildAnnouncementIndex(join(work, 'none'))).size).toBe(0);
  });
});

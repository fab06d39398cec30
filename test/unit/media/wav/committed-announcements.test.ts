import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAnnouncementFile } from '../../../../src/media/wav/index.js';

const ROOT = join(import.meta.dirname, '../../../../announcements');
const LANGUAGES = ['en', 'de', 'nl', 'fr'];
// The prompts the six example plans use (plans/ README), and the queue music: each in every language.
const NAMES = [
  'closed',
  'choose-language',
  'invalid-choice',
  'queue-welcome',
  'queue-first',
  'queue-periodic',
  'queue-position',
  'queue-music', // no words: looped between queue announcements (`music:`)
  'vip-only',
  ...Array.from({ length: 10 }, (_, digit) => `digit-${digit}`),
];

describe('the committed example announcements', () => {
  it('have every example prompt in every language and nothing else', async () => {
    for (const lang of LANGUAGES) {
      const files = (await readdir(join(ROOT, lang))).sort();
      expect(files, lang).toEqual(NAMES.map((name) => `${name}.wav`).sort());
    }
  });

  for (const lang of LANGUAGES) {
    it(`in ${lang} all pass the announcement check and last between 0.2 s and 4 s`, async () => {
      for (const name of NAMES) {
        const check = await checkAnnouncementFile(join(ROOT, lang, `${name}.wav`));
        expect(check.problems, `${lang}/${name}`).toEqual([]);
        expect(check.durationMs, `${lang}/${name}`).toBeGreaterThan(200);
        expect(check.durationMs, `${lang}/${name}`).toBeLessThan(4000);
      }
    });
  }
});

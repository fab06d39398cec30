import type { Language } from '../types.js';

/** What was found for one prompt in one language. */
export type AnnouncementStatus = { readonly ok: true } | { readonly ok: false; readonly problem: string };

/**
 * Prompt name -> language -> status, from `announcements/<lang>/<prompt>.wav` (R2). A language missing from
 * the inner map means no file. Built from disk by `buildAnnouncementIndex`, or by hand in tests.
 */
export type AnnouncementIndex = ReadonlyMap<string, ReadonlyMap<Language, AnnouncementStatus>>;

/** Prompt name -> the languages it can really be played in (files that passed the WAV check). */
export function availableAnnouncements(index: AnnouncementIndex): Map<string, ReadonlySet<Language>> {
  const available = new Map<string, ReadonlySet<Language>>();
  for (const [prompt, byLanguage] of index) {
    const ok = [...byLanguage].filter(([, status]) => status.ok).map(([language]) => language);
    if (ok.length > 0) available.set(prompt, new Set(ok));
  }
  return available;
}

/** An index where every given prompt exists and is valid in every given language (tests, dry runs). */
export function announcementIndexOf(
  prompts: readonly string[],
  languages: readonly Language[],
): AnnouncementIndex {
  const ok: AnnouncementStatus = { ok: true };
  return new Map(prompts.map((p) => [p, new Map(languages.map((l) => [l, ok]))]));
}

import type { PublicationMethod } from './publication-inputs';

/**
 * The one sentence every published report carries (screen, print, CSV, XLSX, the HTML page, the
 * e-mail), in German and English. The screen takes it through i18n with the same words
 * (renderer/i18n/{de,en}/publication.ts); exports and the page take it from here.
 */
export const PUBLICATION_NOTES: Record<PublicationMethod, { de: string; en: string }> = {
  cellKey: {
    de: 'Zum Schutz der Besucherinnen und Besucher ist jede Zahl um höchstens 2 verändert (nie 1 oder 2); Summen sind eigene Zahlen und können von der Summe ihrer Zeilen um einige abweichen.',
    en: 'To protect visitors, every figure is changed by at most 2 (never 1 or 2); totals are figures of their own and may differ from the sum of their rows by a few.',
  },
  suppression: {
    de: 'Zum Schutz der Besucherinnen und Besucher sind kleine Zahlen und was sie verraten würde durch · ersetzt.',
    en: 'To protect visitors, small numbers and whatever would reveal them are replaced by ·.',
  },
};

export const publicationNote = (method: PublicationMethod, language: 'de' | 'en'): string => PUBLICATION_NOTES[method][language];

import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { PUBLICATION_NOTES } from '../../core/publication/publication-notes';
import { reportHtml } from '../../core/exports/report-html';
import type { Report } from '../../core/reports/report-types';
import { contrastRatio } from '../../renderer/ui/text-contrast';
import { reportFixture } from './report-fixture';

/**
 * The HTML page for the town's website (issue 17): self-contained (no script, nothing loaded from
 * anywhere), German and English, every chart with a table of the same figures, the publication
 * note, "·" for suppressed figures. Pure: made from a hand-made report.
 */

const PUBLISHED: Report['publication'] = { enabled: true, threshold: 3, method: 'suppression' };

/** The page as a browser's DOM sees it (happy-dom parses, runs nothing). */
function parse(html: string): Document {
  const window = new Window();
  window.document.write(html);
  return window.document as unknown as Document;
}

const texts = (nodes: Iterable<Element>) => [...nodes].map((n) => n.textContent?.trim() ?? '');

describe('reportHtml', () => {
  const report = reportFixture({ publication: PUBLISHED });
  const html = reportHtml(report);
  const doc = parse(html);

  it('has no script, no event handler and no address outside the page', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/https?:/i);
    expect(html).not.toMatch(/@import|url\(/i);
    // Nothing is loaded at all: no src attribute, no link element; links only to the page's own parts.
    expect(doc.querySelectorAll('[src], link, iframe, object, embed, img').length).toBe(0);
    const hrefs = [...doc.querySelectorAll('[href]')].map((a) => a.getAttribute('href'));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^#[a-z]+$/);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\/\//i);
  });

  it('is a document in German with an English part: html lang, title, main, headings in order', () => {
    expect(doc.documentElement.getAttribute('lang')).toBe('de');
    expect(doc.title).toContain(report.site.name);
    expect(doc.querySelectorAll('main').length).toBe(1);
    expect([...doc.querySelectorAll('main > article')].map((a) => a.getAttribute('lang'))).toEqual(['de', 'en']);
    const levels = [...doc.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
    expect(levels[0]).toBe(1);
    levels.forEach((level, i) => i > 0 && expect(level - levels[i - 1]!).toBeLessThanOrEqual(1));
    for (const lang of ['de', 'en'] as const) {
      const part = doc.querySelector(`article[lang="${lang}"]`)!;
      expect(part.textContent).toContain(report.headline[lang]);
    }
    expect(doc.querySelector('article[lang="de"] h2')!.textContent).toBe('Bericht 1. März 2026 – 31. März 2026');
    expect(doc.querySelector('article[lang="en"] h2')!.textContent).toBe('Report 1 March 2026 – 31 March 2026');
  });

  it('carries the key figures: total, comparisons, contacts per open hour, when made', () => {
    const de = doc.querySelector('article[lang="de"]')!;
    const en = doc.querySelector('article[lang="en"]')!;
    const figures = (part: Element) => texts(part.querySelectorAll('.figure')).map((t) => t.replace(/\s+/g, ' '));
    expect(figures(de)).toEqual([
      'Kontakte im Zeitraum125',
      'Kontakte je Öffnungsstunde12,5in 10 Öffnungsstunden',
      'Vergleich mit dem Zeitraum davor−3,1 %4 Kontakte weniger1. Februar 2026 – 28. Februar 2026 (ganze Monate): 129 Kontakte',
      'Vergleich mit demselben Zeitraum ein Jahr davor+125125 Kontakte mehr1. März 2025 – 31. März 2025 (ganze Monate): 0 Kontaktekeine Prozentangabe: weniger als 10 Kontakte im Vergleichszeitraum',
    ]);
    expect(figures(en)[2]).toBe('Compared with the period before−3.1%4 fewer contacts1 February 2026 – 28 February 2026 (whole months): 129 contacts');
    // 05:00 UTC on 1 April is 07:00 in Vienna.
    expect(de.querySelector('footer')!.textContent).toContain('erstellt am 01.04.2026, 07:00');
    expect(en.querySelector('footer')!.textContent).toContain('made on 1 April 2026, 07:00');
  });

  it('puts a table of the same figures beside every chart; a suppressed figure is "·" and has no bar', () => {
    const charts = [...doc.querySelectorAll('svg')];
    // Series, topics, SDGs, languages, referrals, channels, who asked: in each language.
    expect(charts.length).toBe(14);
    for (const svg of charts) {
      expect(svg.getAttribute('role')).toBe('img');
      const [titleId] = svg.getAttribute('aria-labelledby')!.split(' ');
      expect(svg.querySelector(`title#${titleId}`)!.textContent).not.toBe('');
      const table = svg.nextElementSibling!.matches('table') ? svg.nextElementSibling! : svg.nextElementSibling!.querySelector('table')!;
      expect(table, svg.id).toBeTruthy();
      expect(table.querySelector('caption')!.textContent).not.toBe('');
      expect([...table.querySelectorAll('th')].every((th) => th.getAttribute('scope') === 'col' || th.getAttribute('scope') === 'row')).toBe(true);
      const bars = [...svg.querySelectorAll('g.bar')];
      const rows = [...table.querySelectorAll('tbody tr')];
      expect(bars.map((b) => b.getAttribute('data-label'))).toEqual(rows.map((r) => r.querySelector('th')!.textContent));
      const figures = rows.map((r) => r.querySelector('td')!.textContent);
      // data-value is the number itself; the table writes it with grouping ("1.234") or as "·".
      expect(bars.map((b) => b.getAttribute('data-value'))).toEqual(figures.map((f) => (f === '·' ? '·' : f!.replace(/[.,]/g, ''))));
      bars.forEach((b) => expect(b.querySelector('rect') === null).toBe(b.getAttribute('data-value') === '·' || b.getAttribute('data-value') === '0'));
    }
    // The daily series hides the 4th and 5th of March.
    const series = doc.querySelector('#de-monthly table')!;
    expect(texts(series.querySelectorAll('tbody td')).slice(2, 6)).toEqual(['4', '·', '·', '4']);
    const topics = doc.querySelector('#en-topics table')!;
    expect(texts(topics.querySelectorAll('tbody tr')).map((t) => t.replace(/\s+/g, ' '))).toEqual([
      'Arbeit8090',
      'Wohnen4350',
      '=HYPERLINK("x")··',
      'Pflege··',
    ]);
  });

  it('writes every text in a colour of at least 4.5:1 on every background of the page, and bars of at least 3:1', () => {
    const style = doc.querySelector('style')!.textContent!;
    const hexes = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => m[1]!);
    const backgrounds = ['#ffffff', ...hexes(/background:(#[0-9a-f]{6})/gi, style)];
    // Text colours of the style sheet (borders and outlines are not text) and of the charts' labels.
    const textColours = [...new Set([...hexes(/(?<![-\w])color:(#[0-9a-f]{6})/gi, style), ...hexes(/<text[^>]*fill="(#[0-9a-f]{6})"/gi, html)])];
    expect(textColours.length).toBeGreaterThanOrEqual(3);
    for (const colour of textColours) for (const bg of backgrounds) expect(contrastRatio(colour, bg), `${colour} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    const barFills = [...new Set(hexes(/<rect[^>]*fill="(#[0-9a-f]{6})"/gi, html))];
    expect(barFills.length).toBe(1);
    for (const fill of barFills) expect(contrastRatio(fill, '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  it('says the publication note in both languages in publication mode, and not otherwise', () => {
    for (const method of ['cellKey', 'suppression'] as const) {
      const page = parse(reportHtml(reportFixture({ publication: { ...PUBLISHED, method } })));
      expect(page.querySelector('article[lang="de"] .publication-note')!.textContent).toBe(PUBLICATION_NOTES[method].de);
      expect(page.querySelector('article[lang="en"] .publication-note')!.textContent).toBe(PUBLICATION_NOTES[method].en);
    }
    const open = reportHtml(reportFixture({ publication: { ...PUBLISHED, enabled: false } }));
    expect(open).not.toContain(PUBLICATION_NOTES.suppression.de);
    expect(parse(open).querySelectorAll('.publication-note').length).toBe(0);
  });

  it('escapes labels and names the filter in both languages', () => {
    const filtered = reportFixture({
      publication: { ...PUBLISHED, method: 'cellKey' },
      site: { name: 'Info <&> "Café"', timeZone: 'Europe/Vienna', openingDate: '2021-06-01' },
      filters: [{ dimension: 'language', values: ['uk'], exclude: false, labels: [{ de: 'Ukrainisch', en: 'Ukrainian' }] }],
    });
    const page = parse(reportHtml(filtered));
    expect(page.querySelector('h1')!.textContent).toBe('Info <&> "Café"');
    expect(texts(page.querySelectorAll('article p'))).toEqual(expect.arrayContaining(['Filter: Sprache = Ukrainisch', 'Filter: Language = Ukrainian']));
    expect(reportHtml(filtered)).not.toContain('<&>');
  });
});

import i18next, { type TFunction } from 'i18next';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditItem } from '../../core/audit/audit-types';
import type { Catalog } from '../../core/catalog/catalog-types';
import { auditSentence } from '../../renderer/manage/audit/audit-sentence';
import { groupEntries } from '../../renderer/manage/audit/audit-format';
import { de } from '../../renderer/i18n/de';
import { en } from '../../renderer/i18n/en';
import { formatter } from '../../renderer/ui/format';
import { csvBytes, importInput, MONTHLY_HEADER } from '../support/import-files';
import { openTempCore, type TempCore } from '../support/temp-core';

/**
 * The audit log as management reads it, from real changes on a real core: listAudit's entries (as
 * the view groups them) said in German and English. What each entry stores is what makes these
 * sentences possible: the moved contacts of a merge, the topics of an undone tap.
 */
let core: TempCore;
let catalog: Catalog;
let tDe: TFunction;
let tEn: TFunction;
const MINUTE = 60_000;

beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { de: { translation: de }, en: { translation: en } }, lng: 'de', interpolation: { escapeValue: false } });
  tDe = i18n.getFixedT('de');
  tEn = i18n.getFixedT('en');
});

beforeEach(async () => {
  // 10 March 2026, 10:30 in Vienna.
  core = await openTempCore();
  catalog = await core.client.getCatalog({});
});
afterEach(() => core.dispose());

const topic = (labelDe: string) => catalog.topics.find((t) => t.labelDe === labelDe)!;
const tap = (labelDe: string) =>
  core.client.logContact({ topicIds: [topic(labelDe).id], languageId: catalog.languages[0]!.id, channel: 'in_person', asker: 'citizen' });

/** Today's entries of one kind, newest first, grouped as the view shows them, in both languages. */
async function sentences(entity: 'contact' | 'catalog' | 'import' | 'settings'): Promise<{ de: string[]; en: string[] }> {
  const page = await core.client.listAudit({ entity });
  const entries: AuditItem[] = groupEntries(page.entries);
  return {
    de: entries.map((e) => auditSentence(e, page.day, tDe, formatter('de'))),
    en: entries.map((e) => auditSentence(e, page.day, tEn, formatter('en'))),
  };
}

describe('the audit log in sentences, from real changes', () => {
  it('a merge says how many contacts moved (stored with the entry), on the target; the source says where it went', async () => {
    const topicOf = await core.client.saveCatalogEntry({ kind: 'topic', labelDe: 'Miete', labelEn: 'Rent', color: '#336699', hotkey: null, sdgs: [] });
    catalog = await core.client.getCatalog({});
    for (let i = 0; i < 3; i++) await tap('Miete');
    await tap('Wohnen');
    core.clock.advance(MINUTE);
    await core.client.mergeCatalogEntries({ kind: 'topic', sourceId: topicOf.entry.id, targetId: topic('Wohnen').id });
    const said = await sentences('catalog');
    expect(said.de.slice(0, 3)).toEqual([
      'Thema „Wohnen“: „Miete“ hierher zusammengeführt, 3 Kontakte übernommen.',
      'Thema „Miete“ in „Wohnen“ zusammengeführt und ausgeschieden.',
      'Thema „Miete“ ausgeschieden (am Schalter nicht mehr angeboten).',
    ]);
    expect(said.en[0]).toBe('Topic “Housing”: “Rent” merged into it, 3 contacts taken over.');
  });

  it('a hotkey reads as the capital the desk button shows, also when a retired topic gives it up', async () => {
    // "c" belongs to "Freizeit & Begegnung"; retired, it frees the key, which "Wohnen" then gets.
    await core.client.setCatalogEntryRetired({ kind: 'topic', id: topic('Freizeit & Begegnung').id, retired: true });
    core.clock.advance(MINUTE);
    await core.client.saveCatalogEntry({
      kind: 'topic',
      id: topic('Wohnen').id,
      labelDe: 'Wohnen',
      labelEn: 'Housing',
      color: topic('Wohnen').color,
      hotkey: 'c',
      sdgs: [11],
    });
    const said = await sentences('catalog');
    expect(said.de).toEqual(expect.arrayContaining(['Thema „Wohnen“ geändert – Taste: 2 → C.', 'Thema „Freizeit & Begegnung“ geändert – Taste: C → –.']));
    expect(said.en).toContain('Topic “Housing” changed – Key: 2 → C.');
    expect([...said.de, ...said.en].join(' ')).not.toMatch(/Taste: c|Key: c/);
  });

  it('an undo says which contact (its time) and which topic was taken back', async () => {
    const logged = await tap('Gesundheit');
    core.clock.advance(5_000);
    await core.client.undoContact({ contactId: logged.contact.id });
    const said = await sentences('contact');
    expect(said.de[0]).toBe('Kontakt von 10:30 rückgängig gemacht – Themen: Gesundheit.');
    expect(said.en[0]).toBe('Contact of 10:30 undone – Topics: Health.');
  });

  it('an import names its file, layout, rows, contacts and period, never its checksum or keys', async () => {
    const file = csvBytes([MONTHLY_HEADER, ['2025-12', 'Arbeit', '40'], ['2025-12', 'Wohnen', '25'], ['2026-01', 'Arbeit', '30']]);
    await core.client.commitImport(importInput('strichliste-winter.csv', file));
    const said = await sentences('import');
    expect(said.de).toEqual(['Import „strichliste-winter.csv“: 95 Kontakte aus 3 Zeilen importiert (Monatswerte je Thema, 01.12.2025 – 31.01.2026).']);
    expect(said.en).toEqual(['Import “strichliste-winter.csv”: 95 contacts imported from 3 rows (monthly counts per topic, 1 Dec 2025 – 31 Jan 2026).']);
  });

  it('confirming the first-visit setup reads as one sentence with what it changed', async () => {
    await core.dispose();
    core = await openTempCore(undefined, { setUp: false });
    await core.client.updateSettings({ siteName: 'Sozial-Info Graz', openingDate: '2025-12-01', confirmSetup: true });
    const said = await sentences('settings');
    expect(said.de[0]).toBe(
      'Ersteinrichtung bestätigt (Name, Eröffnungsdatum, Zeitzone und Öffnungszeiten) – Name der Einrichtung: Sozial-Info im Wohnzimmer Leibnitz → Sozial-Info Graz; Eröffnungsdatum: 01.06.2021 → 01.12.2025.',
    );
  });
});

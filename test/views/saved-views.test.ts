import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Change, ChangeOrigin } from '../../core/base/changes';
import { openSecondCore } from '../support/second-core';
import { MAX_SAVED_VIEWS } from '../../core/views/view-types';
import type { MethodInput } from '../../core/api/contract';
import { auditSentence } from '../../renderer/manage/audit/audit-sentence';
import { copiedPart, snapshotDatabase } from '../support/db-snapshot';
import { refusal } from '../support/refusal';
import { queryRows } from '../support/sql-rows';
import { openTempCore, type TempCore } from '../support/temp-core';
import i18next, { type TFunction } from 'i18next';
import { de } from '../../renderer/i18n/de';
import { en } from '../../renderer/i18n/en';
import { formatter } from '../../renderer/ui/format';

/** Tuesday 10 March 2026, 10:30 in Vienna (the temp core's clock). */
const NOW = Date.parse('2026-03-10T09:30:00Z');

type ViewInput = MethodInput<'saveSavedView'>;

const monthly = (over: Partial<ViewInput> = {}): ViewInput => ({
  name: 'Monatsbericht Gemeinderat',
  period: { kind: 'lastMonth' },
  filters: [],
  sections: ['headline', 'monthly', 'topics'],
  ...over,
});

describe('saved views (core/views)', () => {
  let core: TempCore;
  // Without the session's bookkeeping (its last use moves with the clock): the site's data, every table of it.
  const snapshot = async () => copiedPart(await snapshotDatabase(core.database.db));
  const auditRows = () =>
    queryRows(core.database.db, "select action, entity, entity_id, old_value, new_value from audit_log where entity = 'saved_view' order by id");

  beforeEach(async () => {
    core = await openTempCore(NOW);
  });
  afterEach(() => core.dispose());

  it('creates, lists by name ignoring case, renames and deletes a view; each write is audited', async () => {
    const a = await core.client.saveSavedView(monthly({ name: '  Monatsbericht Gemeinderat  ' }));
    expect(a).toMatchObject({
      name: 'Monatsbericht Gemeinderat',
      period: { kind: 'lastMonth' },
      filters: [],
      sections: ['headline', 'monthly', 'topics'],
      publication: false,
      createdAt: new Date(NOW).toISOString(),
      updatedAt: new Date(NOW).toISOString(),
    });
    const b = await core.client.saveSavedView({
      name: 'gewaltschutz-Quartal',
      period: { kind: 'lastQuarter' },
      filters: [
        { dimension: 'topic', values: [2, 1] },
        { dimension: 'language', values: ['de'], exclude: true },
      ],
      sections: ['topics', 'languages'],
    });
    expect(b.filters).toEqual([
      { dimension: 'topic', values: [2, 1], exclude: false },
      { dimension: 'language', values: ['de'], exclude: true },
    ]);
    const c = await core.client.saveSavedView(
      monthly({ name: 'Ärztliche Fragen', period: { kind: 'fixed', from: '2025-01-01', to: '2025-06-30' }, publication: true }),
    );
    expect((await core.client.listSavedViews({})).map((v) => v.name)).toEqual(['Ärztliche Fragen', 'gewaltschutz-Quartal', 'Monatsbericht Gemeinderat']);

    core.clock.advance(60_000);
    const renamed = await core.client.saveSavedView({ ...monthly({ name: 'Zahlen für den Gemeinderat' }), id: a.id });
    expect(renamed).toMatchObject({ id: a.id, name: 'Zahlen für den Gemeinderat', createdAt: a.createdAt, updatedAt: new Date(NOW + 60_000).toISOString() });
    // Only its own case changed: the same view, not a clash.
    await core.client.saveSavedView({ ...monthly({ name: 'zahlen für den gemeinderat' }), id: a.id });

    const deleted = await core.client.deleteSavedView({ id: c.id });
    expect(deleted.name).toBe('Ärztliche Fragen');
    expect((await core.client.listSavedViews({})).map((v) => [v.id, v.name])).toEqual([
      [b.id, 'gewaltschutz-Quartal'],
      [a.id, 'zahlen für den gemeinderat'],
    ]);

    const audit = await auditRows();
    expect(audit.map((r) => [r.action, Number(r.entity_id)])).toEqual([
      ['create', a.id],
      ['create', b.id],
      ['create', c.id],
      ['amend', a.id],
      ['amend', a.id],
      ['delete', c.id],
    ]);
    expect(JSON.parse(audit[3]!.old_value)).toEqual({
      name: 'Monatsbericht Gemeinderat',
      period: { kind: 'lastMonth' },
      filters: [],
      sections: ['headline', 'monthly', 'topics'],
      publication: false,
      publicationMethod: 'cellKey',
      topicGroups: false,
    });
    expect(JSON.parse(audit[3]!.new_value).name).toBe('Zahlen für den Gemeinderat');
    expect(JSON.parse(audit[5]!.old_value)).toMatchObject({
      name: 'Ärztliche Fragen',
      period: { kind: 'fixed', from: '2025-01-01', to: '2025-06-30' },
      publication: true,
    });
  });

  it('keeps the publication method and topic groups; a filter goes with publication by the cell-key method', async () => {
    const cellKey = await core.client.saveSavedView(
      monthly({ name: 'Gewaltschutz öffentlich', filters: [{ dimension: 'topic', values: [1] }], publication: true, topicGroups: true }),
    );
    const suppression = await core.client.saveSavedView(monthly({ name: 'Jahrestabelle', publication: true, publicationMethod: 'suppression' }));
    const plain = await core.client.saveSavedView(monthly({ name: 'Intern', publicationMethod: 'suppression', topicGroups: true }));
    expect(cellKey).toMatchObject({ publication: true, publicationMethod: 'cellKey', topicGroups: true, filters: [{ dimension: 'topic', values: [1] }] });
    expect(suppression).toMatchObject({ publication: true, publicationMethod: 'suppression', topicGroups: false });
    // Kept while publication mode is off, so switching it on again brings the method back.
    expect(plain).toMatchObject({ publication: false, publicationMethod: 'suppression', topicGroups: true });
    const listed = new Map((await core.client.listSavedViews({})).map((v) => [v.id, v]));
    expect([cellKey, suppression, plain].map((v) => listed.get(v.id))).toEqual([cellKey, suppression, plain]);
    // Changing only the method is a change of its own, audited.
    const changed = await core.client.saveSavedView({ ...monthly({ name: 'Jahrestabelle', publication: true }), id: suppression.id });
    expect(changed.publicationMethod).toBe('cellKey');
    const audit = await auditRows();
    expect(JSON.parse(audit.at(-1)!.old_value)).toMatchObject({ publicationMethod: 'suppression' });
    expect(JSON.parse(audit.at(-1)!.new_value)).toMatchObject({ publicationMethod: 'cellKey' });
  });

  it('saving and deleting are announced as a views change, here and to another process on the database; a refusal announces nothing', async () => {
    const second = await openSecondCore(core);
    try {
      const here: Change[] = [];
      const there: { change: Change; origin: ChangeOrigin }[] = [];
      core.api.changes.subscribe((change) => here.push(change));
      second.api.changes.subscribe((change, origin) => there.push({ change, origin }));
      const { id } = await core.client.saveSavedView(monthly());
      await refusal(core.client.saveSavedView(monthly()));
      await core.client.deleteSavedView({ id });
      expect(here).toEqual([{ kind: 'views' }, { kind: 'views' }]);
      await vi.waitFor(() => expect(there.some(({ change, origin }) => origin === 'remote' && change.kind === 'views')).toBe(true), {
        timeout: 15_000,
        interval: 50,
      });
    } finally {
      await second.close();
    }
  });

  it('saving a view unchanged writes nothing', async () => {
    const a = await core.client.saveSavedView(monthly());
    const before = await snapshot();
    core.clock.advance(60_000);
    expect(await core.client.saveSavedView({ ...monthly(), id: a.id })).toEqual(a);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a name another view has (ignoring case), an unknown id, unknown catalog ids and bad input, naming the field and changing nothing', async () => {
    const a = await core.client.saveSavedView(monthly());
    const b = await core.client.saveSavedView(monthly({ name: 'Quartal' }));
    const before = await snapshot();
    const cases: [ViewInput, string, string][] = [
      [monthly({ name: 'MONATSBERICHT gemeinderat' }), 'invalid_input', 'name'],
      [{ ...monthly({ name: 'monatsbericht Gemeinderat' }), id: b.id }, 'invalid_input', 'name'],
      [{ ...monthly(), id: a.id + 100 }, 'not_found', 'id'],
      [monthly({ name: 'Neu', filters: [{ dimension: 'topic', values: [1, 999] }] }), 'invalid_input', 'filters.0.values.1'],
      [monthly({ name: 'Neu', filters: [{ dimension: 'language', values: ['xx'] }] }), 'invalid_input', 'filters.0.values.0'],
      [monthly({ name: 'Neu', filters: [{ dimension: 'desk', values: [] }] }), 'invalid_input', 'filters.0.values'],
      [
        monthly({ name: 'Neu', filters: [{ dimension: 'topic', values: [1] }], publication: true, publicationMethod: 'suppression' }),
        'invalid_input',
        'filters',
      ],
      [monthly({ name: 'Neu', publicationMethod: 'rounding' as never }), 'invalid_input', 'publicationMethod'],
      [monthly({ name: 'Neu', topicGroups: 'yes' as never }), 'invalid_input', 'topicGroups'],
      [monthly({ name: '   ' }), 'invalid_input', 'name'],
      [monthly({ name: 'x'.repeat(81) }), 'invalid_input', 'name'],
      [monthly({ name: 'Zwei\nZeilen' }), 'invalid_input', 'name'],
      [monthly({ name: 'Neu', sections: [] }), 'invalid_input', 'sections'],
      [monthly({ name: 'Neu', sections: ['topics', 'topics'] }), 'invalid_input', 'sections.1'],
      [monthly({ name: 'Neu', sections: ['topics', 'gossip' as never] }), 'invalid_input', 'sections.1'],
      [monthly({ name: 'Neu', period: { kind: 'nextMonth' as never } }), 'invalid_input', 'period.kind'],
      [monthly({ name: 'Neu', period: { kind: 'fixed', from: '2026-02-01', to: '2026-01-31' } }), 'invalid_input', 'period.to'],
      [monthly({ name: 'Neu', period: { kind: 'fixed', from: '2026-02-30', to: '2026-03-31' } }), 'invalid_input', 'period.from'],
      [monthly({ name: 'Neu', period: { kind: 'lastMonth', from: '2026-01-01' } as never }), 'invalid_input', 'period.from'],
    ];
    for (const [input, code, field] of cases) {
      const error = await refusal(core.client.saveSavedView(input));
      expect({ code: error.body.code, field: error.body.field }, JSON.stringify(input)).toEqual({ code, field });
    }
    expect((await refusal(core.client.deleteSavedView({ id: a.id + 100 }))).body).toMatchObject({ code: 'not_found', field: 'id' });
    expect(await snapshot()).toEqual(before);
  });

  it(`keeps at most ${MAX_SAVED_VIEWS} views: one more is refused as a conflict; changing one still works`, async () => {
    const rows = Array.from({ length: MAX_SAVED_VIEWS }, (_, i) => ({
      name: `Ansicht ${i}`,
      name_key: `ansicht ${i}`,
      period: '{"kind":"lastMonth"}',
      filters: '[]',
      sections: '["topics"]',
      publication: 0,
      created_at: NOW,
      updated_at: NOW,
    }));
    await core.database.db.insertInto('saved_views').values(rows).execute();
    const before = await snapshot();
    expect((await refusal(core.client.saveSavedView(monthly()))).body).toMatchObject({ code: 'conflict' });
    expect(await snapshot()).toEqual(before);
    const [first] = await core.client.listSavedViews({});
    expect(await core.client.saveSavedView({ ...monthly(), id: first!.id })).toMatchObject({ id: first!.id, name: monthly().name });
  });

  it('a view naming an entry merged since follows it, like a report filter', async () => {
    const view = await core.client.saveSavedView(monthly({ name: 'Wohnen', filters: [{ dimension: 'topic', values: [2] }] }));
    await core.client.mergeCatalogEntries({ kind: 'topic', sourceId: 2, targetId: 1 });
    // Still listed and still savable: the merged id resolves to its target.
    expect((await core.client.listSavedViews({}))[0]!.filters).toEqual([{ dimension: 'topic', values: [2], exclude: false }]);
    await core.client.saveSavedView({ ...monthly({ name: 'Wohnen (alt)', filters: [{ dimension: 'topic', values: [2] }] }), id: view.id });
  });

  it('the audit trail says each write in words, in German and English', async () => {
    const view = await core.client.saveSavedView(
      monthly({
        name: 'Wohnen ohne Deutsch',
        filters: [
          { dimension: 'topic', values: [2] },
          { dimension: 'language', values: ['de'], exclude: true },
          { dimension: 'referral', values: ['none'] },
        ],
      }),
    );
    await core.client.saveSavedView({ ...monthly({ name: 'Wohnen', period: { kind: 'fixed', from: '2025-01-01', to: '2025-12-31' } }), id: view.id });
    await core.client.deleteSavedView({ id: view.id });
    const page = await core.client.listAudit({ entity: 'saved_view' });
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { de: { translation: de }, en: { translation: en } }, lng: 'de', interpolation: { escapeValue: false } });
    const say = (t: TFunction, lang: 'de' | 'en') => page.entries.map((e) => auditSentence(e, page.day, t, formatter(lang))).reverse();
    expect(say(i18n.getFixedT('de'), 'de')).toEqual([
      'Gespeicherte Ansicht „Wohnen ohne Deutsch“ angelegt – Zeitraum: letzter Monat; Filter: Thema: Wohnen · ohne Sprache: Deutsch · Weitervermittlung: keine; Abschnitte: Schlagzeile, Kontakte je Monat, Themen; Veröffentlichung: nein; Veröffentlichungsverfahren: Zellschlüssel-Verfahren; Themencluster: nein.',
      'Gespeicherte Ansicht „Wohnen“ geändert – Name: Wohnen ohne Deutsch → Wohnen; Zeitraum: letzter Monat → 01.01.2025 – 31.12.2025; Filter: Thema: Wohnen · ohne Sprache: Deutsch · Weitervermittlung: keine → –.',
      'Gespeicherte Ansicht „Wohnen“ gelöscht – Zeitraum: 01.01.2025 – 31.12.2025; Filter: –; Abschnitte: Schlagzeile, Kontakte je Monat, Themen; Veröffentlichung: nein; Veröffentlichungsverfahren: Zellschlüssel-Verfahren; Themencluster: nein.',
    ]);
    expect(say(i18n.getFixedT('en'), 'en')[0]).toMatch(
      /^Saved view “Wohnen ohne Deutsch” created – Period: last month; Filters: Topic: Housing · not Language: German · Referral: none; Sections: /,
    );
  });
});

import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { closureSchema } from '../../core/closures/closure-inputs';
import type { AuditItem } from '../../core/audit/audit-types';
import { entityText } from '../../renderer/manage/audit/audit-format';
import { closureInput, closureProblems, emptyClosure, type ClosureDraft } from '../../renderer/manage/closures/closure-helpers';
import { de } from '../../renderer/i18n/de';
import { en } from '../../renderer/i18n/en';
import { formatter } from '../../renderer/ui/format';
import { closedRuns, hoursText } from '../../renderer/reports/open-hours-format';

let tDe: TFunction;
let tEn: TFunction;
beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { de: { translation: de }, en: { translation: en } }, lng: 'de', interpolation: { escapeValue: false } });
  tDe = i18n.getFixedT('de');
  tEn = i18n.getFixedT('en');
});

const draft = (over: Partial<ClosureDraft> = {}): ClosureDraft => ({ ...emptyClosure('2025-12-24'), to: '2026-01-06', note: 'Weihnachtspause', ...over });

describe('the closure form', () => {
  it('finds the same problems the contract refuses, so a refusal never surprises', () => {
    const cases: [Partial<ClosureDraft>, string[]][] = [
      [{}, []],
      [{ from: '' }, ['from']],
      [{ to: '2026-02-30' }, ['to']],
      [{ from: '2026-01-07' }, ['order']],
      [{ from: '2025-01-01', to: '2026-01-02' }, ['length']],
      [{ note: '  ' }, ['note']],
      [{ note: 'x'.repeat(81) }, ['note']],
      [{ note: 'zwei\nZeilen' }, ['note']],
      [{ from: '1999-12-31' }, ['from']],
    ];
    for (const [over, problems] of cases) {
      const d = draft(over);
      expect(closureProblems(d), JSON.stringify(over)).toEqual(problems);
      expect(closureSchema.safeParse(closureInput(d)).success, JSON.stringify(over)).toBe(problems.length === 0);
    }
  });

  it('sends the note trimmed and the id only when editing', () => {
    expect(closureInput(draft({ note: ' Weihnachtspause ' }))).toEqual({ from: '2025-12-24', to: '2026-01-06', note: 'Weihnachtspause', kind: 'closed' });
    expect(closureInput(draft({ id: 4, kind: 'open' }))).toMatchObject({ id: 4, kind: 'open' });
  });

  it('every problem reads as a sentence in both languages', () => {
    for (const p of ['from', 'to', 'order', 'length', 'note']) {
      expect(tDe(`closures.problems.${p}`, { max: 366 })).toMatch(/^[A-ZÄÖÜ].+\.$/);
      expect(tEn(`closures.problems.${p}`, { max: 366 })).toMatch(/^[A-Z].+\.$/);
    }
  });
});

describe('closed days in the report', () => {
  it('"ohne 2 Schließtage" / "without 2 closed days", and one in the singular', () => {
    expect(tDe('closures.inReport.closedDays', { count: 2 })).toBe('ohne 2 Schließtage');
    expect(tDe('closures.inReport.closedDays', { count: 1 })).toBe('ohne 1 Schließtag');
    expect(tEn('closures.inReport.closedDays', { count: 2 })).toBe('without 2 closed days');
  });

  it('open hours: whole hours plain, a slot in progress with two decimals', () => {
    expect(hoursText(formatter('de'), 51)).toBe('51');
    expect(hoursText(formatter('de'), 7.83)).toBe('7,83');
    expect(hoursText(formatter('en'), 7.5)).toBe('7.5');
    expect(hoursText(formatter('de'), 1234)).toBe('1.234');
    expect(tDe('reports.openHoursDetail', { count: 7.83 })).toBe('bei 7,83 Öffnungsstunden');
  });

  it('lists a closure over several days once, with its first and last closed day', () => {
    const holiday = (day: string, de: string) => ({ day, reason: 'holiday' as const, name: { de, en: de } });
    const closure = (day: string) => ({ day, reason: 'closure' as const, name: { de: 'Weihnachtspause', en: 'Weihnachtspause' } });
    const runs = closedRuns(
      [closure('2025-12-22'), closure('2025-12-23'), holiday('2025-12-25', 'Christtag'), closure('2025-12-29'), closure('2026-01-05')],
      'de',
    );
    expect(runs).toEqual([
      { from: '2025-12-22', to: '2025-12-23', name: 'Weihnachtspause', days: 2 },
      { from: '2025-12-25', to: '2025-12-25', name: 'Christtag', days: 1 },
      { from: '2025-12-29', to: '2026-01-05', name: 'Weihnachtspause', days: 2 },
    ]);
  });
});

describe('closures in the audit log', () => {
  const entry = (changes: AuditItem['changes'], action = 'create'): AuditItem => ({
    id: 1,
    at: '2026-03-10T09:31:00.000Z',
    time: '10:31',
    action,
    entity: 'closure',
    entityId: 3,
    entityLabel: null,
    contact: null,
    changes,
  });

  it('names a closure by its note, also once deleted, and says what its fields are', () => {
    const created = entry([
      { field: 'days', old: null, new: { kind: 'dayRange', from: '2025-12-24', to: '2026-01-06' } },
      { field: 'note', old: null, new: { kind: 'text', text: 'Weihnachtspause' } },
    ]);
    expect(entityText(created, '2026-03-10', tDe, formatter('de'))).toBe('Schließzeit „Weihnachtspause“');
    const deleted = entry([{ field: 'note', old: { kind: 'text', text: 'Osterpause' }, new: null }], 'delete');
    expect(entityText(deleted, '2026-03-10', tEn, formatter('en'))).toMatch(/^Closure .Osterpause.$/);
    expect(entityText(entry([]), '2026-03-10', tDe, formatter('de'))).toBe('Schließzeit #3');
    expect([tDe('audit.fields.days'), tDe('audit.fields.note'), tDe('audit.fields.openAnyway'), tDe('audit.filters.closure')]).toEqual([
      'Tage',
      'Anlass',
      'trotzdem geöffnet',
      'Schließtage',
    ]);
  });
});

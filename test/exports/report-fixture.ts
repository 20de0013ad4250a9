import type { Breakdown, Report } from '../../core/reports/report-types';

const label = (de: string, en = de) => ({ de, en });

const breakdown = (rows: [key: number | string, de: string, n: number | null, retired?: boolean][], total: number | null): Breakdown => ({
  rows: rows.map(([key, de, n, retired]) => ({ key, label: label(de), n, ...(retired ? { retired } : {}) })),
  total,
});

/**
 * A hand-made report for March 2026 in publication mode: small cells suppressed (null), a negative
 * change, a fractional rate, and labels that look like formulas. Figures are consistent where the
 * exports read them; it does not need to be a report the engine could produce.
 */
/** The tables of a report export, in reading order: CSV sections and XLSX sheets alike. */
export const REPORT_TABLE_TITLES = [
  'Kennzahlen',
  'Monatsverlauf',
  'Verlauf je Tag',
  'Themen – Kontakte',
  'Themen – Nennungen',
  'Beitrag zu den SDGs',
  'Weitervermittlung',
  'Sprache',
  'Kanal',
  'Wer fragt',
  'Schalter',
  'Thementage',
  'Öffnungszeiten',
  'Wochentag × Stunde',
  'Thema → Weitervermittlung',
  'Vergleiche',
];

export function reportFixture(overrides: Partial<Report> = {}): Report {
  const heatmap = Array.from({ length: 7 }, () => new Array<number | null>(24).fill(0));
  heatmap[0]![9] = 12;
  heatmap[0]![10] = null;
  heatmap[2]![14] = 7;
  return {
    generatedAt: '2026-04-01T05:00:00.000Z',
    site: { name: 'Sozial-Info im Wohnzimmer Leibnitz', timeZone: 'Europe/Vienna', openingDate: '2021-06-01' },
    period: { from: '2026-03-01', to: '2026-03-31', days: 31 },
    publication: { enabled: true, threshold: 3, method: 'suppression' },
    filters: [],
    total: 125,
    monthly: [{ month: '2026-03', n: 125, cumulative: 125 }],
    // March day by day: 4 a day, 5 on the 31st (125), two small days hidden as a pair.
    series: {
      unit: 'day',
      points: Array.from({ length: 31 }, (_, i) => {
        const day = `2026-03-${String(i + 1).padStart(2, '0')}`;
        return { key: day, from: day, to: day, n: i === 3 || i === 4 ? null : i === 30 ? 5 : 4 };
      }),
    },
    byTopic: {
      contacts: breakdown(
        [
          [1, 'Arbeit', 80],
          [2, 'Wohnen', 43],
          [3, '=HYPERLINK("x")', null],
          [4, 'Pflege', null, true],
        ],
        125,
      ),
      mentions: breakdown(
        [
          [1, 'Arbeit', 90],
          [2, 'Wohnen', 50],
          [3, '=HYPERLINK("x")', null],
          [4, 'Pflege', null, true],
        ],
        146,
      ),
    },
    byReferral: breakdown(
      [
        [10, 'AMS Leibnitz', 30],
        [11, '+49 123', null],
        [12, '@SUM(A1)', 4],
      ],
      36,
    ),
    contactsWithReferral: 33,
    byLanguage: breakdown(
      [
        [20, 'Deutsch', 110],
        [21, 'Englisch', 15],
      ],
      125,
    ),
    byChannel: breakdown(
      [
        ['in_person', 'persönlich', 100],
        ['phone', 'Telefon', 20],
        ['email', 'E-Mail', 5],
      ],
      125,
    ),
    byAsker: breakdown(
      [
        ['citizen', 'Bürger*in', 84],
        ['organisation', 'Organisation', 41],
      ],
      125,
    ),
    byDesk: breakdown([[30, 'Sozial-Info', 125]], 125),
    byThemeDay: breakdown([[40, 'Flucht und Migration', 9]], 9),
    bySdg: {
      rows: [
        { key: 1, label: label('1 Keine Armut', '1 No poverty'), n: null, topicIds: [3] },
        { key: 8, label: label('8 Menschenwürdige Arbeit und Wirtschaftswachstum', '8 Decent work and economic growth'), n: 90, topicIds: [1] },
        { key: 11, label: label('11 Nachhaltige Städte und Gemeinden', '11 Sustainable cities and communities'), n: 50, topicIds: [2] },
      ],
      total: 143,
      contacts: 131,
    },
    heatmap,
    openHours: {
      hours: 10,
      contacts: 125,
      perOpenHour: 12.5,
      bySlot: [{ weekday: 1, startHour: 9, endHour: 12, hours: 12, contacts: 30, perOpenHour: 2.5 }],
      closedDays: 1,
      closed: [{ day: '2026-03-09', reason: 'closure', name: { de: 'Betriebsausflug', en: 'Betriebsausflug' } }],
      openDays: [3, 4, 4, 4, 0, 0, 0],
    },
    comparisons: {
      previousPeriod: {
        period: { from: '2026-02-01', to: '2026-02-28', days: 28 },
        current: { from: '2026-03-01', to: '2026-03-31', days: 31 },
        basis: 'wholeMonths',
        running: false,
        partial: false,
        comparable: true,
        reason: null,
        total: 129,
        delta: -4,
        deltaPct: -3.1007751937984493,
        smallBase: false,
      },
      yearBefore: {
        period: { from: '2025-03-01', to: '2025-03-31', days: 31 },
        current: { from: '2026-03-01', to: '2026-03-31', days: 31 },
        basis: 'wholeMonths',
        running: false,
        partial: false,
        comparable: true,
        reason: null,
        total: 0,
        delta: 125,
        deltaPct: null,
        smallBase: true,
      },
    },
    themeDays: [
      {
        themeDayId: 40,
        title: 'Flucht und Migration',
        organisation: 'ZEBRA',
        occurrences: 4,
        hours: 12,
        contacts: 9,
        perOpenHour: 0.75,
        ordinaryHours: 12,
        ordinaryContacts: 6,
        ordinaryPerOpenHour: 0.5,
        ratio: 1.5,
      },
    ],
    topicReferrals: {
      rows: [
        { key: 1, label: label('Arbeit') },
        { key: 2, label: label('Wohnen') },
      ],
      columns: [
        { key: 10, label: label('AMS Leibnitz') },
        { key: 12, label: label('@SUM(A1)') },
      ],
      cells: [
        [28, null],
        [null, null],
      ],
      rowTotals: [30, null],
      columnTotals: [30, 4],
      total: 34,
    },
    headline: {
      de: 'Seit der Eröffnung am 1. Juni 2021: 6.143 Kontakte in 58 Monaten',
      en: 'Since opening on 1 June 2021: 6,143 contacts in 58 months',
      sinceOpening: { from: '2021-06-01', total: 6143, months: 58 },
    },
    ...overrides,
  };
}

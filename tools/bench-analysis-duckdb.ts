/**
 * The DuckDB side of the analysis bench (issue 16, "Speed"): the counting contacts of a Kontaktdesk SQLite file
 * loaded into an in-memory DuckDB (what an analyst would pick), and the report's twelve breakdowns and a
 * two-dimension pivot written as DuckDB SQL, for a period and a filter (core/analysis/filter-inputs.ts).
 *
 * Loading: DuckDB's sqlite extension is not available offline, so the rows are read with better-sqlite3
 * (`.raw().iterate()`) and handed over either through CSV files that `read_csv` reads in parallel, or row by
 * row through the DuckDB appender (`--analysis-load=csv|appender`, read by tools/bench-analysis.ts), so both can be
 * measured. On the bench's 1M file both load in 5–6 s, but the tables `read_csv` made answered the report queries
 * about 1.7× faster (month 29 against 53 ms, since opening 275 against 480 ms, medians on a quiet machine), so CSV is
 * the default: the bench gives DuckDB its better layout. Both load the rows in contact id order, which is day order.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import Database from 'better-sqlite3';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FilterClause, ReportFilters } from '../core/analysis/filter-inputs';
import type { PivotDimension } from '../core/analysis/pivot-inputs';

export type LoadRoute = 'csv' | 'appender';

export interface DuckSide {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  /** Rows loaded per table. */
  rows: { contacts: number; contactTopics: number; contactReferrals: number };
  loadMs: number;
  route: LoadRoute;
  close(): void;
}

/** Breakdown name → key → count, zero cells left out: what both sides are compared on. */
export type Figures = Map<string, Map<string, number>>;

const CONTACT_COLUMNS = [
  ['id', 'INTEGER'],
  ['local_day', 'DATE'],
  ['local_hour', 'TINYINT'],
  ['weekday', 'TINYINT'],
  ['language', 'VARCHAR'],
  ['channel', 'VARCHAR'],
  ['asker', 'VARCHAR'],
  ['desk_id', 'INTEGER'],
  ['theme_day_id', 'INTEGER'],
  ['entry_kind', 'VARCHAR'],
] as const;

/** Each table: its DuckDB columns and the SQLite query that reads its rows, in that column order. */
const TABLES: { name: string; columns: readonly (readonly [string, string])[]; read: string }[] = [
  {
    name: 'contacts',
    columns: CONTACT_COLUMNS,
    read: `select c.id, c.local_day, c.local_hour, c.local_weekday, l.code, c.channel, c.asker, c.desk_id, c.theme_day_id, c.entry_kind
           from contacts c join languages l on l.id = c.language_id where c.voided_at is null order by c.id`,
  },
  {
    name: 'contact_topics',
    columns: [
      ['contact_id', 'INTEGER'],
      ['topic_id', 'INTEGER'],
      ['ordinal', 'TINYINT'],
    ],
    read: `select t.contact_id, t.topic_id, t.ordinal from contact_topics t join contacts c on c.id = t.contact_id
           where c.voided_at is null order by t.contact_id, t.ordinal`,
  },
  {
    name: 'contact_referrals',
    columns: [
      ['contact_id', 'INTEGER'],
      ['organisation_id', 'INTEGER'],
    ],
    read: `select r.contact_id, r.organisation_id from contact_referrals r join contacts c on c.id = r.contact_id
           where c.voided_at is null order by r.contact_id, r.organisation_id`,
  },
  {
    // A topic's UN goals as the catalog has them now (topics.sdgs is a JSON array): for the `sdg` filter.
    name: 'topic_sdgs',
    columns: [
      ['topic_id', 'INTEGER'],
      ['sdg', 'TINYINT'],
    ],
    read: `select t.id, j.value from topics t, json_each(t.sdgs) j order by t.id, j.value`,
  },
];

const csvCell = (v: unknown) => (v === null || v === undefined ? '' : String(v));

function loadThroughCsv(sqlite: Database.Database, folder: string): { table: string; file: string; rows: number }[] {
  return TABLES.map((t) => {
    const file = join(folder, `${t.name}.csv`);
    const fd = openSync(file, 'w');
    let rows = 0;
    let chunk: string[] = [];
    try {
      for (const row of sqlite.prepare(t.read).raw().iterate() as Iterable<unknown[]>) {
        chunk.push(row.map(csvCell).join(','));
        rows++;
        if (chunk.length === 50_000) {
          writeSync(fd, `${chunk.join('\n')}\n`);
          chunk = [];
        }
      }
      if (chunk.length) writeSync(fd, `${chunk.join('\n')}\n`);
    } finally {
      closeSync(fd);
    }
    return { table: t.name, file, rows };
  });
}

async function loadThroughAppender(sqlite: Database.Database, connection: DuckDBConnection): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const appender = await connection.createAppender(t.name);
    let rows = 0;
    const kinds = t.columns.map(([, type]) => type);
    for (const row of sqlite.prepare(t.read).raw().iterate() as Iterable<unknown[]>) {
      row.forEach((v, i) => {
        if (v === null) appender.appendNull();
        else if (kinds[i] === 'VARCHAR') appender.appendVarchar(String(v));
        else if (kinds[i] === 'DATE')
          appender.appendVarchar(String(v)); // DuckDB casts '2026-03-05' to DATE on append
        else appender.appendInteger(Number(v));
      });
      appender.endRow();
      rows++;
    }
    appender.closeSync();
    out[t.name] = rows;
  }
  return out;
}

/** Loads the counting contacts of `file` (voided left out) into a new in-memory DuckDB. */
export async function loadDuckDb(file: string, route: LoadRoute = 'csv'): Promise<DuckSide> {
  const started = performance.now();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const sqlite = new Database(file, { readonly: true });
  let counts: Record<string, number>;
  try {
    if (route === 'csv') {
      const folder = mkdtempSync(join(tmpdir(), 'kontaktdesk-duckdb-'));
      try {
        const written = loadThroughCsv(sqlite, folder);
        for (const [i, w] of written.entries()) {
          const columns = Object.fromEntries(TABLES[i]!.columns.map(([name, type]) => [name, type]));
          await connection.run(
            `create table ${w.table} as select * from read_csv('${w.file}', header = false, delim = ',', columns = ${JSON.stringify(columns).replaceAll('"', "'")})`,
          );
        }
        counts = Object.fromEntries(written.map((w) => [w.table, w.rows]));
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    } else {
      for (const t of TABLES) await connection.run(`create table ${t.name} (${t.columns.map(([n, type]) => `${n} ${type}`).join(', ')})`);
      counts = await loadThroughAppender(sqlite, connection);
    }
  } finally {
    sqlite.close();
  }
  return {
    instance,
    connection,
    rows: { contacts: counts.contacts!, contactTopics: counts.contact_topics!, contactReferrals: counts.contact_referrals! },
    loadMs: performance.now() - started,
    route,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

// ---------------------------------------------------------------- SQL

const literal = (v: number | string) => (typeof v === 'number' ? String(v) : `'${v.replaceAll("'", "''")}'`);
const list = (values: (number | string)[]) => values.map(literal).join(', ');

/** The condition one clause puts on a contact `c`: any of its values (contacts with none of them when excluded). */
function clauseSql(clause: FilterClause): string {
  const ids = clause.values.filter((v) => v !== 'none');
  const none = clause.values.includes('none');
  const any = (cond: string[]) => (cond.length === 1 ? cond[0]! : `(${cond.join(' or ')})`);
  let match: string;
  switch (clause.dimension) {
    case 'topic':
      match = `c.id in (select contact_id from contact_topics where topic_id in (${list(ids)}))`;
      break;
    case 'firstTopic':
      match = `c.id in (select contact_id from contact_topics where ordinal = 0 and topic_id in (${list(ids)}))`;
      break;
    case 'sdg':
      match = `c.id in (select t.contact_id from contact_topics t join topic_sdgs s on s.topic_id = t.topic_id where s.sdg in (${list(ids)}))`;
      break;
    case 'referral':
      match = any([
        ...(ids.length ? [`c.id in (select contact_id from contact_referrals where organisation_id in (${list(ids)}))`] : []),
        ...(none ? ['c.id not in (select contact_id from contact_referrals)'] : []),
      ]);
      break;
    case 'themeDay':
      match = any([...(ids.length ? [`c.theme_day_id in (${list(ids)})`] : []), ...(none ? ['c.theme_day_id is null'] : [])]);
      break;
    case 'language':
      match = `c.language in (${list(ids)})`;
      break;
    case 'channel':
      match = `c.channel in (${list(ids)})`;
      break;
    case 'asker':
      match = `c.asker in (${list(ids)})`;
      break;
    case 'desk':
      match = `c.desk_id in (${list(ids)})`;
      break;
  }
  // `is not true`: a null (theme_day_id in (…) on a contact without one) counts as "not matched", so it is kept by an exclusion.
  return clause.exclude ? `(${match}) is not true` : match;
}

/** The WHERE condition on `contacts c` for a period and filters (all clauses must hold). */
export function whereSql(from: string, to: string, filters: ReportFilters = []): string {
  return [`c.local_day between DATE '${from}' and DATE '${to}'`, ...filters.map(clauseSql)].join(' and ');
}

/**
 * The twelve breakdowns of a report (and the topic × referral cross table), one query each as an analyst writes
 * them: [breakdown, SQL returning (key, n)]. Separate statements, because one UNION ALL over a materialized
 * selection measured several times slower in DuckDB 1.5 (its CTE materialization copies every column).
 */
export function breakdownQueries(contacts: string, w: string): [string, string][] {
  const topics = `${contacts} c join contact_topics t on t.contact_id = c.id`;
  const referrals = `${contacts} c join contact_referrals r on r.contact_id = c.id`;
  return [
    ['total', `select '', count(*) from ${contacts} c where ${w}`],
    ['firstTopic', `select t.topic_id, count(*) from ${topics} where ${w} and t.ordinal = 0 group by t.topic_id`],
    ['topicMentions', `select t.topic_id, count(*) from ${topics} where ${w} group by t.topic_id`],
    ['referral', `select r.organisation_id, count(*) from ${referrals} where ${w} group by r.organisation_id`],
    ['contactsWithReferral', `select '', count(distinct r.contact_id) from ${referrals} where ${w}`],
    ['language', `select c.language, count(*) from ${contacts} c where ${w} group by c.language`],
    ['channel', `select c.channel, count(*) from ${contacts} c where ${w} group by c.channel`],
    ['asker', `select c.asker, count(*) from ${contacts} c where ${w} group by c.asker`],
    ['desk', `select c.desk_id, count(*) from ${contacts} c where ${w} group by c.desk_id`],
    ['themeDay', `select c.theme_day_id, count(*) from ${contacts} c where ${w} and c.theme_day_id is not null group by c.theme_day_id`],
    // date_trunc, then format the few groups: strftime on every row is several times slower.
    ['monthly', `select strftime(m, '%Y-%m'), n from (select date_trunc('month', c.local_day) as m, count(*) as n from ${contacts} c where ${w} group by m)`],
    ['heatmap', `select c.weekday || ':' || c.local_hour, count(*) from ${contacts} c where ${w} group by c.weekday, c.local_hour`],
    [
      'cross',
      `select t.topic_id || ':' || r.organisation_id, count(*) from ${topics} join contact_referrals r on r.contact_id = c.id where ${w} group by t.topic_id, r.organisation_id`,
    ],
  ];
}

/** (contact id, key) pairs of one pivot dimension over the contacts matching `w`: several per contact for topic and referral. */
function pairsSql(dimension: PivotDimension, contacts: string, w: string): string {
  const single = (key: string) => `select c.id, (${key})::varchar as k from ${contacts} c where ${w}`;
  switch (dimension) {
    case 'topic':
      return `select c.id, t.topic_id::varchar as k from ${contacts} c join contact_topics t on t.contact_id = c.id where ${w}`;
    case 'firstTopic':
      return `select c.id, t.topic_id::varchar as k from ${contacts} c join contact_topics t on t.contact_id = c.id where ${w} and t.ordinal = 0`;
    case 'referral':
      return `select c.id, coalesce(r.organisation_id::varchar, 'none') as k from ${contacts} c left join contact_referrals r on r.contact_id = c.id where ${w}`;
    case 'language':
      return single('c.language');
    case 'channel':
      return single('c.channel');
    case 'asker':
      return single('c.asker');
    case 'desk':
      return single('c.desk_id');
    case 'themeDay':
      return single(`coalesce(c.theme_day_id::varchar, 'none')`);
    case 'month':
      return single(`strftime(c.local_day, '%Y-%m')`);
    case 'week':
      return single(`strftime(c.local_day, '%G-W%V')`);
    case 'weekday':
      return single('c.weekday');
    case 'hour':
      return single(`coalesce(c.local_hour::varchar, 'none')`);
  }
}

/** A pivot as four queries: cells (row key, column key, n), row totals, column totals (distinct contacts) and the total. */
export function pivotQueries(contacts: string, w: string, rows: PivotDimension, columns: PivotDimension): [string, string][] {
  const a = pairsSql(rows, contacts, w);
  const b = pairsSql(columns, contacts, w);
  return [
    ['cell', `select a.k || '|' || b.k, count(*) from (${a}) a join (${b}) b on a.id = b.id group by a.k, b.k`],
    // (id, key) pairs are distinct, so count(*) counts contacts.
    ['row', `select k, count(*) from (${a}) group by k`],
    ['column', `select k, count(*) from (${b}) group by k`],
    ['total', `select '', count(*) from ${contacts} c where ${w}`],
  ];
}

/** Runs (name, SQL returning (key, n)) queries one after another and folds their rows into Figures. */
export async function runFigures(connection: DuckDBConnection, queries: [string, string][]): Promise<Figures> {
  const figures: Figures = new Map();
  for (const [name, sql] of queries) {
    const cells = new Map<string, number>();
    for (const [key, n] of (await connection.runAndReadAll(sql)).getRowsJS()) if (Number(n) !== 0) cells.set(String(key ?? ''), Number(n));
    figures.set(name, cells);
  }
  return figures;
}

/**
 * The queries over the period's contacts that match the filters. Unfiltered: straight over `contacts`, the period
 * in each WHERE. Filtered: the matching contacts first into a temp table, then the same queries over it: repeating
 * the filter's semi-joins in each of the thirteen queries measured 3–7× slower on the 1M rows.
 */
async function overSelection(
  connection: DuckDBConnection,
  from: string,
  to: string,
  filters: ReportFilters,
  queries: (contacts: string, w: string) => [string, string][],
): Promise<Figures> {
  if (filters.length === 0) return runFigures(connection, queries('contacts', whereSql(from, to)));
  await connection.run(`create or replace temp table sel as select * from contacts c where ${whereSql(from, to, filters)}`);
  return runFigures(connection, queries('sel', 'true'));
}

export const duckReport = (connection: DuckDBConnection, from: string, to: string, filters: ReportFilters = []) =>
  overSelection(connection, from, to, filters, breakdownQueries);

export const duckPivot = (connection: DuckDBConnection, from: string, to: string, rows: PivotDimension, columns: PivotDimension, filters: ReportFilters = []) =>
  overSelection(connection, from, to, filters, (contacts, w) => pivotQueries(contacts, w, rows, columns));

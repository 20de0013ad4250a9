/**
 * The report section of `npm run bench` (issue 3, "Performance"):
 *
 *  1. a database of 1,000,000 contacts over ten years (2016-12-01 … 2026-11-30), generated once through
 *     openSqlite (same schema, same migrations) with raw prepared statements, the rollups filled by
 *     `rebuildRollup`; cached under the temp folder, keyed by GENERATION_KEY, and reused by later runs;
 *  2. month and year reports through the real core (`openCore` → `handlers.getReport`);
 *  3. the same figures from hand-written GROUP BY SQL over the base tables (not the rollups), run by the
 *     `sqlite3` command-line tool on the same file; the ratio core/CLI, and whether the figures agree;
 *  4. the raw XLSX export of ≥ 100,000 contacts;
 *  5. the renderer bundle: gzip size of dist/renderer/assets, and whether chart.js is tree-shaken.
 *
 * Options (read by scripts/bench.ts): `--only-reports`, `--skip-reports`, `--reports-regenerate` (throw the
 * cached database away), `--profile-reports` (time the queries inside computeReport even when the targets are met),
 * `--skip-bundle` (no vite build).
 */
import { sqliteHandle } from '../core/db/database-handle';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { ASKERS, CHANNELS } from '../core/api/enums';
import type { Catalog } from '../core/catalog/catalog-types';
import { seedCatalogIfEmpty } from '../core/catalog/seed-catalog';
import { openSqlite } from '../core/db/open-sqlite';
import { ASKER_WEIGHTS, isHoliday, LANGUAGE_WEIGHTS, REFERRALS_BY_TOPIC, seasonFactor, TOPIC_WEIGHTS } from '../core/demo/demo-profile';
import { poisson, seededRandom, weightedPick } from '../core/demo/random';
import { withAtomicFile } from '../core/exports/atomic-write';
import { writeExport } from '../core/exports/export-report';
import { writeToFile } from '../core/exports/sinks';
import { openCore, type Core } from '../core/open-core';
import type { Breakdown, Report } from '../core/reports/report-types';
import { ensureRollupCurrent, ROLLUP_VERSION } from '../core/reports/rollup';
import { writeSettings } from '../core/settings/site-settings';
import { readThemeDays } from '../core/theme-days/read-theme-days';
import { themeDayAt } from '../core/theme-days/theme-day-at';
import { instantOfLocal, localParts } from '../core/time/local-parts';
import { median, ms, mulberry32, round3, roundStats, stats, table, timeRepeated, type Stats } from './bench-common';
import { buildRenderer } from './build-renderer';
import { rendererDist } from './paths';

// ---------------------------------------------------------------- constants

/** Bump when the generator changes what it writes: the cached database is then made anew. */
const GENERATOR_VERSION = 1;
const CONTACTS = 1_000_000;
const DATA_FROM = '2016-12-01';
const DATA_TO = '2026-11-30';
/** The bench's clock: the morning after the last generated day, so every period lies in the past. */
const NOW = Date.parse('2026-12-01T08:00:00Z');
/** Later migrations are applied to the cached file by openCore, as they would be to a site's database. */
const GENERATION_KEY = `g${GENERATOR_VERSION}-n${CONTACTS}-r${ROLLUP_VERSION}`;

const WARMUP = 5;
const RUNS = 30;
const CLI_REPEATS = 5;
const TARGET_MONTH_MS = 50;
const TARGET_YEAR_MS = 200;
const TARGET_RATIO = 1.0;
const XLSX_MIN_ROWS = 100_000;
const XLSX_RUNS = 3;
const TARGET_XLSX_S = 3;
const TARGET_BUNDLE_KB = 250; // 1 KB = 1000 bytes
/** The periods the CLI baseline runs on: the last whole month and the last whole year of the data. */
const CLI_MONTH = { from: '2026-10-01', to: '2026-10-31' };
const CLI_YEAR = { from: '2025-01-01', to: '2025-12-31' };

/** Opening hours of the generated site: Monday–Thursday 8–17, Friday 8–13 (41 hours a week). */
const OPEN: Record<number, [number, number]> = { 1: [8, 17], 2: [8, 17], 3: [8, 17], 4: [8, 17], 5: [8, 13] };
const HOUR_SHAPE: Record<number, number> = { 8: 0.8, 9: 1.3, 10: 1.25, 11: 1.1, 12: 0.7, 13: 0.85, 14: 1.0, 15: 0.95, 16: 0.75 };
const WEEKDAY_SHAPE: Record<number, number> = { 1: 1.25, 2: 1.0, 3: 1.0, 4: 1.05, 5: 0.9 };
/** E-mails arrive at any hour, also on closed days. */
const emailWeight = (hour: number) => (hour >= 7 && hour < 22 ? 0.045 : 0.01);

interface ThemeSeed {
  title: string;
  organisation: string | null;
  kind: 'single' | 'weekly';
  day?: string;
  weekday?: number;
  startHour: number;
  endHour: number;
  validFrom?: string;
  validTo?: string;
  /** Topic position the theme day draws (first topic of 40% of its contacts). */
  topic: number | null;
}

const THEME_DAYS: ThemeSeed[] = [
  { title: 'Flucht und Migration', organisation: 'ZEBRA', kind: 'weekly', weekday: 3, startHour: 14, endHour: 17, validFrom: '2019-03-01', validTo: '2023-12-31', topic: 8 },
  { title: 'Schuldnerberatung vor Ort', organisation: 'Schuldnerberatung', kind: 'weekly', weekday: 4, startHour: 9, endHour: 12, validFrom: '2022-01-01', topic: 5 },
  { title: 'Tag der offenen Tür', organisation: null, kind: 'single', day: '2021-06-01', startHour: 8, endHour: 17, topic: null },
  { title: 'Pflegetag', organisation: 'Pflegedrehscheibe', kind: 'single', day: '2024-10-15', startHour: 8, endHour: 17, topic: 7 },
  { title: 'Gesundheitstag', organisation: 'ÖGK', kind: 'single', day: '2025-04-09', startHour: 9, endHour: 16, topic: 4 },
];
/** Topic position retired on this day (no contacts after it; its history still counts). */
const RETIRED_TOPIC = { position: 12, day: '2023-07-01' };
/** A second desk from this day on, taking a fifth of the in-person and phone contacts. */
const SECOND_DESK = { name: 'Sozial-Info mobil', from: '2022-09-01' };

// ---------------------------------------------------------------- calendar helpers (independent of the core's)

const DAY_MS = 86_400_000;
const utc = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
const plusDays = (day: string, n: number) => dayOf(utc(day) + n * DAY_MS);
const lengthOf = (from: string, to: string) => Math.round((utc(to) - utc(from)) / DAY_MS) + 1;
const monthEnd = (month: string) => dayOf(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0));
function oneYearEarlier(day: string): string {
  const y = Number(day.slice(0, 4)) - 1;
  const candidate = `${y}${day.slice(4)}`;
  return dayOf(utc(candidate)) === candidate ? candidate : `${y}-02-28`;
}

interface Period {
  from: string;
  to: string;
}

// ---------------------------------------------------------------- 1. the dataset

export interface Dataset {
  file: string;
  key: string;
  reused: boolean;
  contacts: number;
  voided: number;
  topicRows: number;
  referralRows: number;
  generationSeconds: number;
  insertSeconds: number;
  rollupSeconds: number;
  megabytes: number;
  createdAt: string;
}

function idsByPosition(sqlite: Database.Database, table: string): number[] {
  return (sqlite.prepare(`select id from ${table} order by position, id`).all() as { id: number }[]).map((r) => r.id);
}

/** Generates the 1M-contact file at `file` (via a temp name, renamed when complete). */
async function generate(file: string, log: (s: string) => void): Promise<Omit<Dataset, 'file' | 'key' | 'reused' | 'createdAt'>> {
  const started = performance.now();
  const temp = `${file}.partial`;
  for (const f of [temp, `${temp}-wal`, `${temp}-shm`]) rmSync(f, { force: true });
  const handle = await openSqlite(temp);
  const { sqlite, db } = handle;
  sqlite.pragma('synchronous = OFF'); // test data; the durability of a tap is not what is measured here
  sqlite.pragma('cache_size = -262144');
  await seedCatalogIfEmpty(db);

  // Catalog and settings of a bigger site that has been open for ten years.
  await writeSettings(db, {
    openingDate: DATA_FROM,
    openingHours: Object.entries(OPEN).map(([weekday, [startHour, endHour]]) => ({ weekday: Number(weekday), startHour, endHour })),
  });
  sqlite.prepare('insert into desks (name, position) values (?, ?)').run(SECOND_DESK.name, 2);
  const topicIds = idsByPosition(sqlite, 'topics');
  const orgIds = idsByPosition(sqlite, 'organisations');
  const languageIds = idsByPosition(sqlite, 'languages');
  const deskIds = idsByPosition(sqlite, 'desks');
  sqlite.prepare('update topics set retired_at = ? where id = ?').run(utc(RETIRED_TOPIC.day), topicIds[RETIRED_TOPIC.position - 1]);
  const orgByName = new Map(orgIds.map((id) => [(sqlite.prepare('select name from organisations where id = ?').get(id) as { name: string }).name, id]));
  const insertTheme = sqlite.prepare(
    `insert into theme_days (title, organisation_id, kind, day, weekday, start_hour, end_hour, valid_from, valid_to)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const themeTopic = new Map<number, number | null>();
  for (const t of THEME_DAYS) {
    const { lastInsertRowid } = insertTheme.run(
      t.title, t.organisation === null ? null : orgByName.get(t.organisation)!, t.kind, t.day ?? null, t.weekday ?? null,
      t.startHour, t.endHour, t.validFrom ?? null, t.validTo ?? null,
    );
    themeTopic.set(Number(lastInsertRowid), t.topic);
  }
  const themeDays = await readThemeDays(db);
  const timeZone = (sqlite.prepare(`select value from settings where key = 'timeZone'`).get() as { value: string }).value;

  // Slots: every local hour of every day; open hours carry in-person and phone contacts, every hour e-mail.
  const days: { day: string; weekday: number; month: number; monthIndex: number }[] = [];
  for (let t = utc(DATA_FROM); t <= utc(DATA_TO); t += DAY_MS) {
    const day = dayOf(t);
    const month = Number(day.slice(5, 7));
    days.push({ day, weekday: ((new Date(t).getUTCDay() + 6) % 7) + 1, month, monthIndex: (Number(day.slice(0, 4)) - 2016) * 12 + month - 12 });
  }
  const slots = days.length * 24;
  const weights = new Float64Array(slots * 2); // [slot * 2] open, [slot * 2 + 1] e-mail
  const themeOf = new Int32Array(slots);
  days.forEach((d, i) => {
    const growth = 0.6 + (0.8 * i) / days.length;
    const season = seasonFactor(d.month, d.monthIndex);
    const open = OPEN[d.weekday];
    for (let hour = 0; hour < 24; hour++) {
      const slot = i * 24 + hour;
      themeOf[slot] = themeDayAt(themeDays, d.day, d.weekday, hour) ?? 0;
      if (open && hour >= open[0] && hour < open[1] && !isHoliday(d.day)) {
        weights[slot * 2] = growth * season * HOUR_SHAPE[hour]! * WEEKDAY_SHAPE[d.weekday]! * (themeOf[slot] ? 1.5 : 1);
      }
      weights[slot * 2 + 1] = growth * emailWeight(hour);
    }
  });
  // Poisson counts around the weights, then nudged to exactly CONTACTS.
  const random = seededRandom(20161201);
  let weightSum = 0;
  for (const w of weights) weightSum += w;
  const counts = new Int32Array(weights.length);
  let total = 0;
  for (let k = 0; k < weights.length; k++) {
    if (weights[k]! > 0) total += counts[k] = poisson(random, (CONTACTS * weights[k]!) / weightSum);
  }
  const cumulative = new Float64Array(weights.length);
  weights.reduce((s, w, k) => (cumulative[k] = s + w), 0);
  const randomSlot = () => {
    const r = random() * weightSum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  while (total < CONTACTS) {
    const k = randomSlot();
    counts[k] = counts[k]! + 1;
    total++;
  }
  while (total > CONTACTS) {
    const k = randomSlot();
    if (counts[k]! > 0) {
      counts[k] = counts[k]! - 1;
      total--;
    }
  }

  const activeTopicWeights = TOPIC_WEIGHTS.filter(([p]) => p !== RETIRED_TOPIC.position);
  const channelsOpen = [['in_person', 2], ['phone', 1]] as const;
  const insertContact = sqlite.prepare(
    `insert into contacts (id, request_id, occurred_at, entered_at, local_day, local_month, local_weekday, local_hour,
       channel, asker, language_id, desk_id, entry_kind, voided_at, void_reason, theme_day_id)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertTopic = sqlite.prepare('insert into contact_topics (contact_id, topic_id, ordinal) values (?, ?, ?)');
  const insertReferral = sqlite.prepare('insert into contact_referrals (contact_id, organisation_id) values (?, ?)');
  let id = 0;
  let voided = 0;
  let topicRows = 0;
  let referralRows = 0;
  const BATCH_DAYS = 60;
  const insertDays = sqlite.transaction((first: number, last: number) => {
    for (let i = first; i < last; i++) {
      const d = days[i]!;
      for (let hour = 0; hour < 24; hour++) {
        const slot = i * 24 + hour;
        const nOpen = counts[slot * 2]!;
        const nEmail = counts[slot * 2 + 1]!;
        if (nOpen + nEmail === 0) continue;
        // Wall-clock → instant and back through the core's local-time code: a skipped hour lands after the jump.
        const start = instantOfLocal(d.day, hour, 0, timeZone);
        const local = localParts(start, timeZone);
        // The core's attribution rule, on the contact's own local time (whatever the channel).
        const themeDayId = themeDayAt(themeDays, local.day, local.weekday, local.hour);
        const retiredTopicGone = local.day >= RETIRED_TOPIC.day;
        const offsets = Array.from({ length: nOpen + nEmail }, () => Math.floor(random() * 3_600_000)).sort((a, b) => a - b);
        const emailAt = new Set<number>();
        while (emailAt.size < nEmail) emailAt.add(Math.floor(random() * offsets.length));
        offsets.forEach((offset, j) => {
          id++;
          const occurredAt = start + offset;
          const email = emailAt.has(j);
          const theme = themeDayId;
          const bias = theme === null || email ? null : (themeTopic.get(theme) ?? null);
          const first = bias !== null && random() < 0.4 ? bias : weightedPick(random, retiredTopicGone ? activeTopicWeights : TOPIC_WEIGHTS);
          let second = random() < 0.25 ? weightedPick(random, retiredTopicGone ? activeTopicWeights : TOPIC_WEIGHTS) : first;
          if (second === first) second = 0;
          const r = random();
          const referrals: number[] = [];
          if (r < 0.42) {
            const usual = REFERRALS_BY_TOPIC[first] ?? [];
            referrals.push(usual.length > 0 && random() < 0.85 ? usual[Math.floor(random() * usual.length)]! : 1 + Math.floor(random() * orgIds.length));
            if (r < 0.02) {
              const other = 1 + Math.floor(random() * orgIds.length);
              if (other !== referrals[0]) referrals.push(other);
            }
          }
          const backdated = random() < 0.04;
          const isVoided = random() < 0.01;
          const channel = email ? 'email' : weightedPick(random, channelsOpen);
          const desk = !email && local.day >= SECOND_DESK.from && random() < 0.2 ? deskIds[1]! : deskIds[0]!;
          const enteredAt = backdated ? occurredAt + 7_200_000 + Math.floor(random() * 86_400_000) : occurredAt + Math.floor(random() * 20_000);
          insertContact.run(
            id, randomUUID(), occurredAt, enteredAt, local.day, local.month, local.weekday, local.hour, channel,
            weightedPick(random, ASKER_WEIGHTS), languageIds[weightedPick(random, LANGUAGE_WEIGHTS) - 1]!, desk,
            backdated ? 'backdated' : 'live', isVoided ? enteredAt + 60_000 : null, isVoided ? (random() < 0.7 ? 'duplicate' : 'wrong_entry') : null,
            theme,
          );
          if (isVoided) voided++;
          insertTopic.run(id, topicIds[first - 1]!, 0);
          topicRows++;
          if (second) {
            insertTopic.run(id, topicIds[second - 1]!, 1);
            topicRows++;
          }
          for (const o of referrals) {
            insertReferral.run(id, orgIds[o - 1]!);
            referralRows++;
          }
        });
      }
    }
  });
  for (let i = 0; i < days.length; i += BATCH_DAYS) {
    insertDays(i, Math.min(days.length, i + BATCH_DAYS));
    if ((i / BATCH_DAYS) % 10 === 0) log(`  … ${days[i]!.day}: ${id.toLocaleString('en')} contacts`);
  }
  const inserted = performance.now();
  log(`  inserted ${id.toLocaleString('en')} contacts in ${((inserted - started) / 1000).toFixed(1)} s; filling the rollups (rebuildRollup)…`);

  await ensureRollupCurrent(db); // no rollupVersion yet: recounts everything and records the version
  const rolled = performance.now();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await handle.close();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  renameSync(temp, file);
  rmSync(`${temp}-wal`, { force: true });
  rmSync(`${temp}-shm`, { force: true });
  return {
    contacts: id,
    voided,
    topicRows,
    referralRows,
    generationSeconds: round3((performance.now() - started) / 1000),
    insertSeconds: round3((inserted - started) / 1000),
    rollupSeconds: round3((rolled - inserted) / 1000),
    megabytes: Math.round(statSync(file).size / 1e5) / 10,
  };
}

export async function ensureDataset(regenerate: boolean, log: (s: string) => void): Promise<Dataset> {
  const dir = join(tmpdir(), 'kontaktdesk-bench', `reports-${GENERATION_KEY}`);
  const file = join(dir, 'contacts-1m.sqlite');
  const metaFile = join(dir, 'dataset.json');
  if (regenerate) rmSync(dir, { recursive: true, force: true });
  if (existsSync(file) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Dataset;
    log(`dataset: reusing ${file} (key ${GENERATION_KEY}; generated ${meta.createdAt} in ${meta.generationSeconds.toFixed(1)} s)`);
    return { ...meta, file, reused: true };
  }
  mkdirSync(dir, { recursive: true });
  log(`dataset: generating ${CONTACTS.toLocaleString('en')} contacts ${DATA_FROM} … ${DATA_TO} into ${file} (key ${GENERATION_KEY})`);
  const made = await generate(file, log);
  const meta: Dataset = { ...made, file, key: GENERATION_KEY, reused: false, createdAt: new Date().toISOString() };
  writeFileSync(metaFile, JSON.stringify(meta, null, 2));
  log(
    `dataset: generated in ${made.generationSeconds.toFixed(1)} s (inserts ${made.insertSeconds.toFixed(1)} s, rollups ${made.rollupSeconds.toFixed(1)} s); ` +
      `${made.megabytes} MB, ${made.voided} voided, ${made.topicRows} topic rows, ${made.referralRows} referral rows`,
  );
  return meta;
}

// ---------------------------------------------------------------- 2. the core

const report = (core: Core, p: Period, publication = false) => core.handlers.getReport({ ...p, publication });

async function timeReports(core: Core, periods: Period[], publication = false): Promise<{ samples: number[]; stats: Stats }> {
  for (const p of periods.slice(0, WARMUP)) await report(core, p, publication);
  const samples: number[] = [];
  for (const p of periods.slice(WARMUP)) {
    const t0 = performance.now();
    await report(core, p, publication);
    samples.push(performance.now() - t0);
  }
  return { samples, stats: stats(samples) };
}

function shuffled<T>(xs: T[], seed: number): T[] {
  const rnd = mulberry32(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function monthPeriods(): Period[] {
  const months: string[] = [];
  for (let t = utc('2017-01-01'); dayOf(t) <= DATA_TO; t = utc(plusDays(monthEnd(dayOf(t).slice(0, 7)), 1))) months.push(dayOf(t).slice(0, 7));
  return shuffled(months, 11)
    .slice(0, WARMUP + RUNS)
    .map((m) => ({ from: `${m}-01`, to: monthEnd(m) }));
}

function yearPeriods(): Period[] {
  const years = shuffled(Array.from({ length: 10 }, (_, i) => 2017 + i), 12);
  return Array.from({ length: WARMUP + RUNS }, (_, i) => years[i % years.length]!).map((y) => ({ from: `${y}-01-01`, to: `${y}-12-31` }));
}

// ---------------------------------------------------------------- 3. the sqlite3 CLI baseline

interface CliInfo {
  available: boolean;
  version?: string;
  note?: string;
}

/** The `sqlite3` command-line tool (Debian package sqlite3): installed through apt when missing and run as root. */
function ensureSqliteCli(log: (s: string) => void): CliInfo {
  const probe = () => spawnSync('sqlite3', ['-version'], { encoding: 'utf8' });
  let p = probe();
  if (p.status === 0) return { available: true, version: p.stdout.trim() };
  const command = 'apt-get install -y sqlite3';
  if (process.platform === 'linux' && process.getuid?.() === 0) {
    log(`sqlite3 CLI missing; running: ${command}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    let install = spawnSync('apt-get', ['install', '-y', 'sqlite3'], { stdio: 'inherit', env });
    if (install.status !== 0) {
      spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
      install = spawnSync('apt-get', ['install', '-y', 'sqlite3'], { stdio: 'inherit', env });
    }
    p = probe();
    if (p.status === 0) return { available: true, version: p.stdout.trim() };
  }
  const note = `sqlite3 CLI not found; install it with: sudo ${command}`;
  log(note);
  return { available: false, note };
}

interface ReportPeriods {
  period: Period;
  previous: Period;
  yearBefore: Period;
  sinceOpening: Period;
}

/** The period before: whole calendar months compare with as many months just before, other periods with as many days. */
function previousOf(p: Period): Period {
  const months = (Number(p.to.slice(0, 4)) - Number(p.from.slice(0, 4))) * 12 + Number(p.to.slice(5, 7)) - Number(p.from.slice(5, 7)) + 1;
  if (p.from.endsWith('-01') && p.to === monthEnd(p.to.slice(0, 7))) {
    const index = Number(p.from.slice(0, 4)) * 12 + Number(p.from.slice(5, 7)) - 1 - months;
    return { from: `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`, to: plusDays(p.from, -1) };
  }
  const length = lengthOf(p.from, p.to);
  return { from: plusDays(p.from, -length), to: plusDays(p.from, -1) };
}

function periodsOf(p: Period): ReportPeriods {
  return {
    period: p,
    previous: previousOf(p),
    yearBefore: { from: oneYearEarlier(p.from), to: oneYearEarlier(p.to) },
    sinceOpening: { from: DATA_FROM, to: p.to },
  };
}

/**
 * One query per figure of the report, as a database engineer would write them without the rollup:
 * GROUP BY over contacts, contact_topics and contact_referrals, voided contacts left out.
 */
function cliQueries({ period, previous, yearBefore, sinceOpening }: ReportPeriods): [string, string][] {
  const inP = (q: Period, alias = 'c') => `${alias}.local_day between '${q.from}' and '${q.to}' and ${alias}.voided_at is null`;
  const w = inP(period);
  return [
    ['total', `select count(*) from contacts c where ${w};`],
    ['monthly', `select c.local_month, count(*) from contacts c where ${w} group by c.local_month;`],
    ['topic', `select ct.topic_id, count(*) from contacts c join contact_topics ct on ct.contact_id = c.id where ${w} and ct.ordinal = 0 group by ct.topic_id;`],
    ['mention', `select ct.topic_id, count(*) from contacts c join contact_topics ct on ct.contact_id = c.id where ${w} group by ct.topic_id;`],
    ['referral', `select cr.organisation_id, count(*) from contacts c join contact_referrals cr on cr.contact_id = c.id where ${w} group by cr.organisation_id;`],
    ['language', `select c.language_id, count(*) from contacts c where ${w} group by c.language_id;`],
    ['channel', `select c.channel, count(*) from contacts c where ${w} group by c.channel;`],
    ['asker', `select c.asker, count(*) from contacts c where ${w} group by c.asker;`],
    ['desk', `select c.desk_id, count(*) from contacts c where ${w} group by c.desk_id;`],
    ['theme', `select c.theme_day_id, count(*) from contacts c where ${w} and c.theme_day_id is not null group by c.theme_day_id;`],
    ['heatmap', `select c.local_weekday || ':' || c.local_hour, count(*) from contacts c where ${w} group by c.local_weekday, c.local_hour;`],
    [
      'cross',
      `select ct.topic_id || ':' || cr.organisation_id, count(*) from contacts c join contact_topics ct on ct.contact_id = c.id ` +
        `join contact_referrals cr on cr.contact_id = c.id where ${w} group by ct.topic_id, cr.organisation_id;`,
    ],
    ['previous', `select count(*) from contacts c where ${inP(previous)};`],
    ['yearBefore', `select count(*) from contacts c where ${inP(yearBefore)};`],
    ['sinceOpening', `select count(*) from contacts c where ${inP(sinceOpening)};`],
  ];
}

type Figures = Record<string, Map<string, number>>;

interface CliRun {
  /** Sum of the CLI's "Run Time: real" over all queries (excludes process start-up). */
  realMs: number;
  /** Wall time of the whole sqlite3 process, for information. */
  processMs: number;
  perQuery: Record<string, number>;
  figures: Figures;
}

function runCli(file: string, queries: [string, string][]): CliRun {
  const script = ['.timer on', '.headers off', '.mode list', ...queries.flatMap(([name, q]) => [`.print @@${name}`, q])].join('\n') + '\n';
  const t0 = performance.now();
  const out = spawnSync('sqlite3', ['-batch', '-bail', file], { input: script, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const processMs = performance.now() - t0;
  if (out.status !== 0) throw new Error(`sqlite3 failed (${out.status}): ${out.stderr}`);
  const perQuery: Record<string, number> = {};
  const figures: Figures = {};
  let current = '';
  for (const line of out.stdout.split('\n')) {
    if (line.startsWith('@@')) {
      current = line.slice(2);
      figures[current] = new Map();
      perQuery[current] = 0;
      continue;
    }
    const timer = /^Run Time: real ([\d.]+)/.exec(line);
    if (timer) {
      perQuery[current] = (perQuery[current] ?? 0) + Number(timer[1]) * 1000;
      continue;
    }
    if (line === '' || !current) continue;
    const cells = line.split('|');
    const key = cells.length === 1 ? '' : cells[0]!;
    figures[current]!.set(key, Number(cells[cells.length - 1]));
  }
  const realMs = Object.values(perQuery).reduce((s, v) => s + v, 0);
  return { realMs, processMs, perQuery, figures };
}

/** The same figures from the core's report, keyed like the CLI's output (zero cells left out). */
function reportFigures(r: Report, catalog: Catalog): Figures {
  const one = (n: number) => new Map([['', n]]);
  const rows = (b: Breakdown, key: (k: number | string) => string = String) =>
    new Map(b.rows.filter((x) => (x.n ?? 0) !== 0).map((x) => [key(x.key), x.n!]));
  const languageId = new Map(catalog.languages.map((l) => [l.code, String(l.id)]));
  const heat = new Map<string, number>();
  r.heatmap.forEach((hours, d) => hours.forEach((n, h) => n && heat.set(`${d + 1}:${h}`, n)));
  const cross = new Map<string, number>();
  r.topicReferrals.rows.forEach((t, i) => r.topicReferrals.columns.forEach((o, j) => {
    const n = r.topicReferrals.cells[i]![j];
    if (n) cross.set(`${t.key}:${o.key}`, n);
  }));
  return {
    total: one(r.total),
    monthly: new Map(r.monthly.filter((m) => m.n).map((m) => [m.month, m.n!])),
    topic: rows(r.byTopic.contacts),
    mention: rows(r.byTopic.mentions),
    referral: rows(r.byReferral),
    language: rows(r.byLanguage, (k) => languageId.get(String(k)) ?? `?${k}`),
    channel: rows(r.byChannel),
    asker: rows(r.byAsker),
    desk: rows(r.byDesk),
    theme: rows(r.byThemeDay),
    heatmap: heat,
    cross,
    previous: one(r.comparisons.previousPeriod.total),
    yearBefore: one(r.comparisons.yearBefore.total),
    sinceOpening: one(r.headline.sinceOpening.total),
  };
}

function compareFigures(core: Figures, cli: Figures): string[] {
  const out: string[] = [];
  for (const name of Object.keys(cli)) {
    const a = core[name] ?? new Map<string, number>();
    const b = cli[name]!;
    // The CLI prints nothing for an empty group and 0 for a count; the report lists zeros. Compare non-zero cells.
    const keys = new Set([...a.keys(), ...b.keys()].filter((k) => (a.get(k) ?? 0) !== 0 || (b.get(k) ?? 0) !== 0));
    for (const k of keys) if ((a.get(k) ?? 0) !== (b.get(k) ?? 0)) out.push(`${name}[${k}]: core ${a.get(k) ?? 0}, cli ${b.get(k) ?? 0}`);
  }
  return out;
}

interface Baseline {
  period: Period;
  cliRealMs: number[];
  cliMedianMs: number;
  cliProcessMedianMs: number;
  cliPerQueryMs: Record<string, number>;
  coreMs: number[];
  coreMedianMs: number;
  ratio: number;
  figuresAgree: boolean;
  mismatches: string[];
  /** Cross-checks that the bench's period arithmetic matches the report's. */
  periodsAgree: boolean;
}

async function baseline(core: Core, file: string, p: Period, catalog: Catalog): Promise<Baseline> {
  const periods = periodsOf(p);
  const queries = cliQueries(periods);
  runCli(file, queries); // warm the page cache and the CLI binary
  const cliRuns: CliRun[] = [];
  const coreMs: number[] = [];
  let last: Report | null = null;
  for (let i = 0; i < CLI_REPEATS; i++) {
    // Alternate, so noise hits both sides alike.
    cliRuns.push(runCli(file, queries));
    const t0 = performance.now();
    last = await report(core, p);
    coreMs.push(performance.now() - t0);
  }
  const mismatches = compareFigures(reportFigures(last!, catalog), cliRuns[0]!.figures);
  const c = last!.comparisons;
  const periodsAgree =
    c.previousPeriod.period.from === periods.previous.from && c.previousPeriod.period.to === periods.previous.to &&
    c.yearBefore.period.from === periods.yearBefore.from && c.yearBefore.period.to === periods.yearBefore.to &&
    last!.headline.sinceOpening.from === DATA_FROM;
  const perQuery = Object.fromEntries(Object.keys(cliRuns[0]!.perQuery).map((k) => [k, round3(median(cliRuns.map((r) => r.perQuery[k]!)))]));
  const cliMedianMs = median(cliRuns.map((r) => r.realMs));
  const coreMedianMs = median(coreMs);
  return {
    period: p,
    cliRealMs: cliRuns.map((r) => round3(r.realMs)),
    cliMedianMs: round3(cliMedianMs),
    cliProcessMedianMs: round3(median(cliRuns.map((r) => r.processMs))),
    cliPerQueryMs: perQuery,
    coreMs: coreMs.map(round3),
    coreMedianMs: round3(coreMedianMs),
    ratio: round3(coreMedianMs / cliMedianMs),
    figuresAgree: mismatches.length === 0 && periodsAgree,
    mismatches: mismatches.slice(0, 20),
    periodsAgree,
  };
}

// ---------------------------------------------------------------- profile of computeReport

interface ProfileRow {
  step: string;
  p50: number;
  max: number;
  rows?: number;
  plan?: string;
}

/**
 * The statements computeReport runs (copied from core/reports/compute-report.ts: keep in step), each alone
 * through better-sqlite3, with its query plan; the rest of a report is the catalog, Kysely and JavaScript.
 */
async function profileReport(core: Core, p: Period): Promise<ProfileRow[]> {
  const { sqlite } = sqliteHandle(core.database);
  const { previous, yearBefore, sinceOpening } = periodsOf(p);
  const totalSql = `select sum(n) as n from rollup_daily where dimension = 'desk' and day >= ? and day <= ?`;
  const { themeDays } = await core.context.catalog.catalog();
  const themeWeekdays = [...new Set(themeDays.map((t) => (t.kind === 'single' ? ((new Date(utc(t.day!)).getUTCDay() + 6) % 7) + 1 : t.weekday!)))];
  const statements: [string, string, unknown[]][] = [
    ['hourly (rollup_hourly, period)', 'select day, hour, n from rollup_hourly where day >= ? and day <= ? and n != 0', [p.from, p.to]],
    [
      'hourly, 365 days before: theme weekdays and hours',
      `select day, hour, n from rollup_hourly where day >= ? and day <= ? and n != 0 and weekday in (${themeWeekdays.join(', ')}) and hour >= ? and hour < ?`,
      [plusDays(p.from, -365), plusDays(p.from, -1), Math.min(...themeDays.map((t) => t.startHour)), Math.max(...themeDays.map((t) => t.endHour))],
    ],
    ['(hourly with the whole 365 days before, unfiltered)', 'select day, hour, n from rollup_hourly where day >= ? and day <= ? and n != 0', [plusDays(p.from, -365), p.to]],
    ['dimensions (rollup_daily, period, group by)', 'select dimension, key, sum(n) as n from rollup_daily where day >= ? and day <= ? group by dimension, key', [p.from, p.to]],
    ['total previous period', totalSql, [previous.from, previous.to]],
    ['total year before', totalSql, [yearBefore.from, yearBefore.to]],
    ['total since opening', totalSql, [sinceOpening.from, sinceOpening.to]],
    ['(since opening the old way, rollup_hourly)', 'select sum(n) as n from rollup_hourly where day >= ? and day <= ?', [sinceOpening.from, sinceOpening.to]],
  ];
  const time = (fn: () => unknown, n = 20) => timeRepeated(fn, n, 3);
  const rows: ProfileRow[] = [];
  for (const [step, text, params] of statements) {
    const stmt = sqlite.prepare(text);
    const s = await time(() => stmt.all(...params));
    const plan = (sqlite.prepare(`explain query plan ${text}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('; ');
    rows.push({ step, p50: round3(s.p50), max: round3(s.max), rows: stmt.all(...params).length, plan });
  }
  const cat = await time(() => core.context.catalog.catalog());
  rows.push({ step: 'catalog (cached)', p50: round3(cat.p50), max: round3(cat.max) });
  const whole = await time(() => report(core, p));
  rows.push({ step: 'whole getReport', p50: round3(whole.p50), max: round3(whole.max) });
  const queries = rows.slice(0, statements.length).filter((r) => !r.step.startsWith('(')).reduce((s, r) => s + r.p50, 0);
  rows.push({ step: 'rest (Kysely, catalog, JS assembly)', p50: round3(whole.p50 - queries), max: 0 });
  return rows;
}

// ---------------------------------------------------------------- 4. XLSX export

interface XlsxResult {
  period: Period;
  contacts: number;
  contract: { seconds: number[]; medianSeconds: number; rows: number; megabytes: number };
  file: { seconds: number[]; medianSeconds: number; rows: number; megabytes: number };
  targetSeconds: number;
  met: boolean;
}

/** The shortest period ending on the last generated day that holds at least XLSX_MIN_ROWS counting contacts. */
function xlsxPeriod(sqlite: Database.Database): { period: Period; contacts: number } {
  const days = sqlite.prepare('select day, sum(n) as n from rollup_hourly where day <= ? group by day order by day desc').all(DATA_TO) as { day: string; n: number }[];
  let sum = 0;
  for (const d of days) {
    sum += d.n;
    if (sum >= XLSX_MIN_ROWS) return { period: { from: d.day, to: DATA_TO }, contacts: sum };
  }
  throw new Error('not enough contacts for the XLSX export');
}

async function benchXlsx(core: Core, dir: string): Promise<XlsxResult> {
  const { period, contacts } = xlsxPeriod(sqliteHandle(core.database).sqlite);
  const input = { period: { ...period, publication: false }, format: 'raw-xlsx' as const };
  const contract = { seconds: [] as number[], rows: 0, megabytes: 0 };
  const file = { seconds: [] as number[], rows: 0, megabytes: 0 };
  for (let i = 0; i < XLSX_RUNS; i++) {
    let t0 = performance.now();
    const exported = await core.handlers.exportReport(input);
    contract.seconds.push(round3((performance.now() - t0) / 1000));
    contract.rows = exported.rows;
    const bytes = Buffer.from(exported.base64, 'base64');
    if (bytes.subarray(0, 2).toString() !== 'PK') throw new Error('the XLSX export is not a zip file');
    contract.megabytes = Math.round(bytes.length / 1e4) / 100;

    const out = join(dir, `raw-${i}.xlsx`);
    t0 = performance.now();
    // writeExport has returned a row count, and now { rows, contacts }: accept either while exports settle.
    const written = (await withAtomicFile(out, (temp) =>
      writeToFile(temp, (stream) => writeExport(core.context, input.period, 'raw-xlsx', stream)),
    )) as unknown as number | { rows: number };
    file.rows = typeof written === 'number' ? written : written.rows;
    file.seconds.push(round3((performance.now() - t0) / 1000));
    file.megabytes = Math.round(statSync(out).size / 1e4) / 100;
    rmSync(out, { force: true });
  }
  const contractMedian = round3(median(contract.seconds));
  const fileMedian = round3(median(file.seconds));
  return {
    period,
    contacts,
    contract: { ...contract, medianSeconds: contractMedian },
    file: { ...file, medianSeconds: fileMedian },
    targetSeconds: TARGET_XLSX_S,
    met: Math.max(contractMedian, fileMedian) <= TARGET_XLSX_S && contract.rows === contacts && file.rows === contacts,
  };
}

// ---------------------------------------------------------------- 5. renderer bundle

/** chart.js registerables by their registry id (`static id = '…'` / `id: '…'` survive minification). */
const CHART_USED = ['bar', 'line', 'doughnut', 'arc', 'point', 'category', 'linear', 'legend', 'tooltip'];
const CHART_UNUSED_CONTROLLERS = ['bubble', 'pie', 'polarArea', 'radar', 'scatter'];
const CHART_UNUSED_OTHER = ['logarithmic', 'radialLinear', 'time', 'timeseries', 'decimation', 'filler', 'subtitle', 'title', 'colors'];
const CHART_CLASSES = ['PolarAreaController', 'RadarController', 'BubbleController', 'ScatterController', 'PieController', 'RadialLinearScale', 'LogarithmicScale', 'TimeScale', 'TimeSeriesScale'];

interface BundleResult {
  assets: { file: string; bytes: number; gzipBytes: number }[];
  jsGzipKB: number;
  cssGzipKB: number;
  totalGzipKB: number;
  totalKB: number;
  targetKB: number;
  met: boolean;
  chartJs: { usedPresent: string[]; unusedControllersPresent: string[]; unusedOtherPresent: string[]; classNamesPresent: string[]; treeShaken: boolean };
  buildSeconds: number;
}

async function benchBundle(): Promise<BundleResult> {
  const t0 = performance.now();
  await buildRenderer({ quiet: true });
  const buildSeconds = round3((performance.now() - t0) / 1000);
  const dir = join(rendererDist, 'assets');
  const assets = readdirSync(dir)
    .filter((f) => f.endsWith('.js') || f.endsWith('.css'))
    .sort()
    .map((file) => {
      const content = readFileSync(join(dir, file));
      return { file, bytes: content.length, gzipBytes: gzipSync(content).length, text: content.toString('utf8') };
    });
  const kb = (n: number) => Math.round(n / 100) / 10;
  const sum = (ext: string, key: 'bytes' | 'gzipBytes') => assets.filter((a) => a.file.endsWith(ext)).reduce((s, a) => s + a[key], 0);
  const js = assets.filter((a) => a.file.endsWith('.js')).map((a) => a.text).join('\n');
  const hasId = (id: string) => new RegExp(`\\bid\\s*[:=]\\s*["'\`]${id}["'\`]`).test(js);
  const unusedControllersPresent = CHART_UNUSED_CONTROLLERS.filter(hasId);
  const unusedOtherPresent = CHART_UNUSED_OTHER.filter(hasId);
  const classNamesPresent = CHART_CLASSES.filter((c) => js.includes(c));
  const totalGzip = sum('.js', 'gzipBytes') + sum('.css', 'gzipBytes');
  return {
    assets: assets.map(({ file, bytes, gzipBytes }) => ({ file, bytes, gzipBytes })),
    jsGzipKB: kb(sum('.js', 'gzipBytes')),
    cssGzipKB: kb(sum('.css', 'gzipBytes')),
    totalGzipKB: kb(totalGzip),
    totalKB: kb(sum('.js', 'bytes') + sum('.css', 'bytes')),
    targetKB: TARGET_BUNDLE_KB,
    met: totalGzip <= TARGET_BUNDLE_KB * 1000,
    chartJs: {
      usedPresent: CHART_USED.filter(hasId),
      unusedControllersPresent,
      unusedOtherPresent,
      classNamesPresent,
      // The issue's criterion: no chart type the reports do not draw.
      treeShaken: unusedControllersPresent.length === 0 && classNamesPresent.length === 0,
    },
    buildSeconds,
  };
}

// ---------------------------------------------------------------- the section

export interface ReportsOptions {
  regenerate: boolean;
  profile: boolean;
  skipBundle: boolean;
  /** A scratch folder for export files; removed by the caller. */
  dir: string;
}

const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

export async function benchReports(options: ReportsOptions): Promise<Record<string, unknown>> {
  const log = (s = '') => console.log(s);
  log(`4. reports on 1,000,000 contacts over ten years (load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')})`);
  const dataset = await ensureDataset(options.regenerate, log);
  const cli = ensureSqliteCli(log);
  const opened = performance.now();
  const core = await openCore({ file: dataset.file, now: () => NOW });
  const openMs = performance.now() - opened;
  try {
    const catalog = await core.handlers.getCatalog({});
    const counted = sqliteHandle(core.database).sqlite.prepare('select count(*) as n, sum(voided_at is not null) as v from contacts').get() as { n: number; v: number };
    log(`openCore on the 1M file: ${openMs.toFixed(0)} ms (rollups current, no rebuild); contacts ${counted.n.toLocaleString('en')}, voided ${counted.v.toLocaleString('en')}`);

    const month = await timeReports(core, monthPeriods());
    const year = await timeReports(core, yearPeriods());
    const monthPub = await timeReports(core, monthPeriods(), true);
    const monthMet = month.stats.p95 <= TARGET_MONTH_MS;
    const yearMet = year.stats.p95 <= TARGET_YEAR_MS;
    const row = (label: string, s: Stats, target: number | null) => [
      label, s.n, ms(s.p50), ms(s.p95), ms(s.max), target === null ? '' : `≤ ${target}`, target === null ? '' : `${round3(s.p95 / target)}×, ${verdict(s.p95 <= target)}`,
    ];
    log(`core.handlers.getReport, ${WARMUP} warm-up then ${RUNS} runs over different periods (ms; target judged at p95; load average now ${loadavg()[0]!.toFixed(2)})`);
    log(
      table(
        ['report', 'n', 'p50', 'p95', 'max', 'target', 'p95/target'],
        [
          row('month, all dimensions', month.stats, TARGET_MONTH_MS),
          row('year', year.stats, TARGET_YEAR_MS),
          row('month, publication mode (info)', monthPub.stats, null),
        ],
      ),
    );

    let baselines: { month: Baseline; year: Baseline } | null = null;
    if (cli.available) {
      baselines = { month: await baseline(core, dataset.file, CLI_MONTH, catalog), year: await baseline(core, dataset.file, CLI_YEAR, catalog) };
      log();
      log(
        `hand-written GROUP BY over contacts/contact_topics/contact_referrals in the sqlite3 CLI (${cli.version?.split(' ')[0]}; ` +
          `better-sqlite3 bundles ${(sqliteHandle(core.database).sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v}), ` +
          `15 queries per report, sum of "Run Time: real", median of ${CLI_REPEATS}; core alternated with it on the same period (ms)`,
      );
      const b = baselines;
      log(
        table(
          ['period', 'CLI median', 'CLI runs', 'CLI process', 'core median', 'core/CLI', 'target', 'figures agree'],
          (['month', 'year'] as const).map((k) => [
            `${k} ${b[k].period.from}…${b[k].period.to}`,
            ms(b[k].cliMedianMs),
            b[k].cliRealMs.map((v) => v.toFixed(0)).join(' '),
            ms(b[k].cliProcessMedianMs),
            ms(b[k].coreMedianMs),
            `${b[k].ratio.toFixed(3)}×`,
            `≤ ${TARGET_RATIO}× ${verdict(b[k].ratio <= TARGET_RATIO)}`,
            b[k].figuresAgree ? 'yes' : 'NO',
          ]),
        ),
      );
      log(
        `CLI per query, median ms: month ${Object.entries(b.month.cliPerQueryMs).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}; ` +
          `year ${Object.entries(b.year.cliPerQueryMs).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`,
      );
      log(`core p50 over ${RUNS} months / years against the CLI median: ${(month.stats.p50 / b.month.cliMedianMs).toFixed(3)}× / ${(year.stats.p50 / b.year.cliMedianMs).toFixed(3)}×`);
      const agree = b.month.figuresAgree && b.year.figuresAgree;
      log(`figures agree: ${agree ? 'yes' : 'no'} (every figure of both reports: totals, monthly, topics as contacts and mentions, referrals, language, channel, asker, desk, theme days, heat map, cross-table, comparisons, since opening)`);
      for (const m of [...b.month.mismatches, ...b.year.mismatches]) log(`  mismatch ${m}`);
    } else {
      log(`CLI baseline skipped: ${cli.note}`);
    }

    let profile: Record<string, ProfileRow[]> | undefined;
    if (options.profile || !monthMet || !yearMet || (baselines && (baselines.month.ratio > TARGET_RATIO || baselines.year.ratio > TARGET_RATIO))) {
      profile = { month: await profileReport(core, CLI_MONTH), year: await profileReport(core, CLI_YEAR) };
      for (const [k, rows] of Object.entries(profile)) {
        log();
        log(`profile of computeReport, ${k} (each statement alone via better-sqlite3, ms)`);
        log(table(['step', 'p50', 'max', 'rows', 'plan'], rows.map((r) => [r.step, ms(r.p50), ms(r.max), r.rows ?? '', r.plan ?? ''])));
      }
    }

    log();
    const xlsx = await benchXlsx(core, options.dir);
    log(`raw XLSX export of ${xlsx.period.from} … ${xlsx.period.to} (${xlsx.contacts.toLocaleString('en')} contacts), ${XLSX_RUNS} runs (s)`);
    log(
      table(
        ['path', 'rows', 'runs', 'median', 'MB', 'target', 'median/target'],
        [
          ['handlers.exportReport (base64)', xlsx.contract.rows, xlsx.contract.seconds.map((s) => s.toFixed(2)).join(' '), xlsx.contract.medianSeconds.toFixed(2), xlsx.contract.megabytes, `≤ ${TARGET_XLSX_S}`, `${(xlsx.contract.medianSeconds / TARGET_XLSX_S).toFixed(2)}×`],
          ['writeExport → atomic file', xlsx.file.rows, xlsx.file.seconds.map((s) => s.toFixed(2)).join(' '), xlsx.file.medianSeconds.toFixed(2), xlsx.file.megabytes, `≤ ${TARGET_XLSX_S}`, `${(xlsx.file.medianSeconds / TARGET_XLSX_S).toFixed(2)}×`],
        ],
      ),
    );
    log(`XLSX: ${verdict(xlsx.met)}`);

    let bundle: BundleResult | { skipped: true } | { error: string } = { skipped: true };
    if (!options.skipBundle) {
      try {
        bundle = await benchBundle();
        log();
        log(`renderer bundle (vite build in ${bundle.buildSeconds.toFixed(1)} s; gzip by node:zlib, default level; KB = 1000 bytes)`);
        log(table(['asset', 'bytes', 'gzip'], bundle.assets.map((a) => [a.file, a.bytes, a.gzipBytes])));
        log(
          `total ${bundle.totalKB} KB, gzip ${bundle.totalGzipKB} KB (JS ${bundle.jsGzipKB}, CSS ${bundle.cssGzipKB}); target ≤ ${TARGET_BUNDLE_KB} KB: ` +
            `${(bundle.totalGzipKB / TARGET_BUNDLE_KB).toFixed(2)}×, ${verdict(bundle.met)}`,
        );
        const c = bundle.chartJs;
        log(
          `chart.js: used ids present ${c.usedPresent.join(', ') || 'none'}; unused controllers present: ${c.unusedControllersPresent.join(', ') || 'none'}; ` +
            `class names present: ${c.classNamesPresent.join(', ') || 'none'} → tree-shaken: ${c.treeShaken ? 'yes' : 'NO'}` +
            (c.unusedOtherPresent.length > 0 ? `; unused scales/plugins still bundled: ${c.unusedOtherPresent.join(', ')}` : ''),
        );
      } catch (err) {
        bundle = { error: (err as Error).message };
        log(`renderer bundle failed: ${(err as Error).message}`);
      }
    }
    log();

    return {
      dataset: { ...dataset, from: DATA_FROM, to: DATA_TO },
      openCoreMs: round3(openMs),
      month: { ...roundStats(month.stats), targetMs: TARGET_MONTH_MS, met: monthMet, ratioP95ToTarget: round3(month.stats.p95 / TARGET_MONTH_MS) },
      year: { ...roundStats(year.stats), targetMs: TARGET_YEAR_MS, met: yearMet, ratioP95ToTarget: round3(year.stats.p95 / TARGET_YEAR_MS) },
      monthPublication: roundStats(monthPub.stats),
      cli: { ...cli, targetRatio: TARGET_RATIO, ...(baselines && { month: baselines.month, year: baselines.year, figuresAgree: baselines.month.figuresAgree && baselines.year.figuresAgree }) },
      profile,
      xlsx,
      bundle,
    };
  } finally {
    await core.close();
  }
}

/**
 * Part 1 of the report bench: the database of 1,000,000 contacts over ten years, generated once through
 * openSqlite (same schema, same migrations) with raw prepared statements, the rollups filled by
 * `rebuildRollup`; cached under the temp folder, keyed by GENERATION_KEY, and reused by later runs.
 * What the generated site looks like is in tools/bench-reports-site.ts.
 *
 * Why this is not the demo's generator (core/demo/seed-demo-history.ts): both draw from the same pieces
 * (core/demo/random.ts for the seeded random numbers, Poisson counts and weighted picks;
 * core/demo/demo-profile.ts for the topic, language, asker and referral weights, seasons and holidays),
 * but the bench's database is a fixed yardstick: exactly 1,000,000 contacts over ten years, e-mails at
 * every hour, a second desk, a retired topic, back-dated and voided contacts, theme days of every kind,
 * cached under GENERATION_KEY and compared run against run (and against the sqlite3 CLI). Generating it
 * with the demo's code would change every figure the bench has recorded, and the demo's (smaller,
 * Kysely-written) history would change with every bench tweak. Tests that need random data use the same
 * seeded generator (test/support/large-import.ts, test/reports/*).
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { seedCatalogIfEmpty } from '../core/catalog/seed-catalog';
import { openSqlite } from '../core/db/open-sqlite';
import { ASKER_WEIGHTS, isHoliday, LANGUAGE_WEIGHTS, REFERRALS_BY_TOPIC, seasonFactor, TOPIC_WEIGHTS } from '../core/demo/demo-profile';
import { poisson, seededRandom, weightedPick } from '../core/demo/random';
import { ensureRollupCurrent } from '../core/rollups/rollup';
import { writeSettings } from '../core/settings/site-settings';
import { readThemeDays } from '../core/theme-days/read-theme-days';
import { themeDayAt } from '../core/theme-days/theme-day-at';
import { instantOfLocal, localParts } from '../core/time/local-parts';
import { round3 } from './bench-common';
import { DAY_MS, dayOf, utc } from './bench-reports-calendar';
import {
  CONTACTS,
  DATA_FROM,
  DATA_TO,
  emailWeight,
  GENERATION_KEY,
  HOUR_SHAPE,
  OPEN,
  RETIRED_TOPIC,
  SECOND_DESK,
  THEME_DAYS,
  WEEKDAY_SHAPE,
} from './bench-reports-site';

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

/** Generates the file of `contacts` contacts (1M by default) at `file` (via a temp name, renamed when complete). */
async function generate(file: string, log: (s: string) => void, contacts: number): Promise<Omit<Dataset, 'file' | 'key' | 'reused' | 'createdAt'>> {
  const started = performance.now();
  const temp = `${file}.partial`;
  for (const f of [temp, `${temp}-wal`, `${temp}-shm`]) rmSync(f, { force: true });
  const handle = await openSqlite(temp);
  const { sqlite, db } = handle;
  sqlite.pragma('synchronous = OFF'); // test data; the durability of a tap is not what is measured here
  sqlite.pragma('cache_size = -262144');
  await seedCatalogIfEmpty(db);

  // Catalog and settings of a bigger site that has been open for ten years, its first-visit setup long confirmed.
  await writeSettings(db, {
    setupConfirmedAt: `${DATA_FROM}T08:00:00.000Z`,
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
      t.title,
      t.organisation === null ? null : orgByName.get(t.organisation)!,
      t.kind,
      t.day ?? null,
      t.weekday ?? null,
      t.startHour,
      t.endHour,
      t.validFrom ?? null,
      t.validTo ?? null,
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
  // Poisson counts around the weights, then nudged to exactly `contacts`.
  const random = seededRandom(20161201);
  let weightSum = 0;
  for (const w of weights) weightSum += w;
  const counts = new Int32Array(weights.length);
  let total = 0;
  for (let k = 0; k < weights.length; k++) {
    if (weights[k]! > 0) total += counts[k] = poisson(random, (contacts * weights[k]!) / weightSum);
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
  while (total < contacts) {
    const k = randomSlot();
    counts[k] = counts[k]! + 1;
    total++;
  }
  while (total > contacts) {
    const k = randomSlot();
    if (counts[k]! > 0) {
      counts[k] = counts[k]! - 1;
      total--;
    }
  }

  const activeTopicWeights = TOPIC_WEIGHTS.filter(([p]) => p !== RETIRED_TOPIC.position);
  const channelsOpen = [
    ['in_person', 2],
    ['phone', 1],
  ] as const;
  // Record keys drawn by SQLite (a random unsigned 32-bit integer each), so the seeded stream above stays as it was.
  const insertContact = sqlite.prepare(
    `insert into contacts (id, request_id, occurred_at, entered_at, local_day, local_month, local_weekday, local_hour,
       channel, asker, language_id, desk_id, entry_kind, voided_at, void_reason, theme_day_id, record_key)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, random() & 4294967295)`,
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
            id,
            randomUUID(),
            occurredAt,
            enteredAt,
            local.day,
            local.month,
            local.weekday,
            local.hour,
            channel,
            weightedPick(random, ASKER_WEIGHTS),
            languageIds[weightedPick(random, LANGUAGE_WEIGHTS) - 1]!,
            desk,
            backdated ? 'backdated' : 'live',
            isVoided ? enteredAt + 60_000 : null,
            isVoided ? (random() < 0.7 ? 'duplicate' : 'wrong_entry') : null,
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

/**
 * The cached file of `contacts` contacts (CONTACTS, 1M, unless the analysis bench asks for 10M with `--analysis-10m`),
 * generated when missing; other sizes are cached beside the 1M one, under their own key.
 */
export async function ensureDataset(regenerate: boolean, log: (s: string) => void, contacts = CONTACTS): Promise<Dataset> {
  const key = contacts === CONTACTS ? GENERATION_KEY : GENERATION_KEY.replace(`-n${CONTACTS}-`, `-n${contacts}-`);
  const dir = join(tmpdir(), 'kontaktdesk-bench', `reports-${key}`);
  const file = join(dir, contacts === CONTACTS ? 'contacts-1m.sqlite' : `contacts-${contacts / 1e6}m.sqlite`);
  const metaFile = join(dir, 'dataset.json');
  if (regenerate) rmSync(dir, { recursive: true, force: true });
  if (existsSync(file) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Dataset;
    log(`dataset: reusing ${file} (key ${key}; generated ${meta.createdAt} in ${meta.generationSeconds.toFixed(1)} s)`);
    return { ...meta, file, reused: true };
  }
  mkdirSync(dir, { recursive: true });
  log(`dataset: generating ${contacts.toLocaleString('en')} contacts ${DATA_FROM} … ${DATA_TO} into ${file} (key ${key})`);
  const made = await generate(file, log, contacts);
  const meta: Dataset = { ...made, file, key, reused: false, createdAt: new Date().toISOString() };
  writeFileSync(metaFile, JSON.stringify(meta, null, 2));
  log(
    `dataset: generated in ${made.generationSeconds.toFixed(1)} s (inserts ${made.insertSeconds.toFixed(1)} s, rollups ${made.rollupSeconds.toFixed(1)} s); ` +
      `${made.megabytes} MB, ${made.voided} voided, ${made.topicRows} topic rows, ${made.referralRows} referral rows`,
  );
  return meta;
}

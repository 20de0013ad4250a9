import { sql } from 'kysely';
import type { Asker, Channel } from '../base/enums';
import { contactRow } from '../contacts/contact-row';
import type { CoreContext } from '../context';
import { themeDayIdSql } from '../theme-days/theme-day-at';
import { rebuildRollup } from '../rollups/rollup';
import { localParts, instantOfLocal } from '../time/local-parts';
import {
  ASKER_WEIGHTS,
  CHANNEL_WEIGHTS,
  DEMO_CHRISTMAS_BREAK,
  DEMO_OPEN_HOURS,
  DEMO_START_DAY,
  DEMO_THEME_DAYS,
  LANGUAGE_WEIGHTS,
  REFERRALS_BY_TOPIC,
  TOPIC_WEIGHTS,
  hourMean,
  isHoliday,
  seasonFactor,
} from './demo-profile';
import { poisson, seededRandom, weightedPick } from './random';
import { writeTransaction } from '../db/write-transaction';
import { writeSettings } from '../settings/site-settings';
import { newRecordKeys } from '../publication/cell-key';

interface DemoContact {
  occurredAt: number;
  topics: number[];
  referrals: number[];
  language: number;
  channel: Channel;
  asker: Asker;
  voided: boolean;
}

const BATCH = 400;

function* days(from: string, toExclusive: string) {
  for (let t = Date.parse(`${from}T12:00:00Z`); ; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (day >= toExclusive) return;
    yield { day, weekday: ((new Date(t).getUTCDay() + 6) % 7) + 1 };
  }
}

/** Synthetic contacts for every open hour from the demo start until yesterday, by catalog position. */
export function generateDemoContacts(untilDay: string, timeZone: string, seed = 20210601): DemoContact[] {
  const random = seededRandom(seed);
  const out: DemoContact[] = [];
  const [startYear, startMonth] = DEMO_START_DAY.split('-').map(Number) as [number, number];
  for (const { day, weekday } of days(DEMO_START_DAY, untilDay)) {
    const open = DEMO_OPEN_HOURS[weekday];
    if (!open || isHoliday(day)) continue;
    const [year, month] = day.split('-').map(Number) as [number, number];
    const factor = seasonFactor(month, (year - startYear) * 12 + month - startMonth);
    for (let hour = open[0]; hour < open[1]; hour++) {
      const theme = DEMO_THEME_DAYS.find((t) => t.weekday === weekday && hour >= t.startHour && hour < t.endHour && day >= t.validFrom);
      const n = poisson(random, hourMean(hour - open[0]) * factor * (theme?.boost ?? 1));
      for (let i = 0; i < n; i++) {
        const first = theme && random() < 0.35 ? theme.topicPosition : weightedPick(random, TOPIC_WEIGHTS);
        const second = random() < 0.18 ? weightedPick(random, TOPIC_WEIGHTS) : first;
        const topics = second === first ? [first] : [first, second];
        const candidates = REFERRALS_BY_TOPIC[first] ?? [];
        const referrals = random() < 0.45 && candidates.length > 0 ? [candidates[Math.floor(random() * candidates.length)]!] : [];
        out.push({
          occurredAt: instantOfLocal(day, hour, Math.floor(random() * 60), timeZone),
          topics,
          referrals,
          language: weightedPick(random, LANGUAGE_WEIGHTS),
          channel: weightedPick(random, CHANNEL_WEIGHTS),
          asker: weightedPick(random, ASKER_WEIGHTS),
          voided: random() < 0.01,
        });
      }
    }
  }
  return out.sort((a, b) => a.occurredAt - b.occurredAt);
}

/**
 * The demo stands for a site set up long ago: it opened on the first demo day, and its first-visit
 * setup is confirmed (also in a demo file made before the setup existed), so it never asks.
 */
async function confirmDemoSetup(ctx: CoreContext): Promise<void> {
  const { settings } = await ctx.catalog.catalog();
  if (settings.setupConfirmedAt !== '') return;
  await writeSettings(ctx.db, { openingDate: DEMO_START_DAY, setupConfirmedAt: new Date(ctx.now()).toISOString() });
  ctx.catalog.invalidate();
}

/**
 * Fills an empty database with demo history up to yesterday. Positions in the profile are
 * mapped to the catalog's ids; a database that already has contacts is left alone.
 */
export async function seedDemoHistory(ctx: CoreContext): Promise<{ added: number }> {
  await confirmDemoSetup(ctx);
  const any = await ctx.db.selectFrom('contacts').select('id').limit(1).executeTakeFirst();
  if (any) return { added: 0 };
  const catalog = await ctx.catalog.catalog();
  const tz = catalog.settings.timeZone;
  const idAt = (list: { id: number }[], position: number) => list[(position - 1) % list.length]!.id;
  const desk = catalog.desks.find((d) => !d.retired) ?? catalog.desks[0]!;
  const today = localParts(ctx.now(), tz).day;
  const contacts = generateDemoContacts(today, tz);
  const recordKeys = newRecordKeys(contacts.length);

  await writeTransaction(ctx.db, async (trx) => {
    for (let start = 0; start < contacts.length; start += BATCH) {
      const batch = contacts.slice(start, start + BATCH);
      const ids = await trx
        .insertInto('contacts')
        .values(
          batch.map((c, i) => ({
            ...contactRow(
              {
                requestId: null,
                occurredAt: c.occurredAt,
                enteredAt: c.occurredAt,
                channel: c.channel,
                asker: c.asker,
                languageId: idAt(catalog.languages, c.language),
                deskId: desk.id,
                entryKind: 'live',
                themeDayId: null, // set below, once the demo's theme days exist
                recordKey: recordKeys[start + i]!,
              },
              localParts(c.occurredAt, tz),
            ),
            voided_at: c.voided ? c.occurredAt + 60_000 : null,
            void_reason: c.voided ? 'duplicate' : null,
          })),
        )
        .returning('id')
        .execute();
      const topicRows = batch.flatMap((c, i) =>
        c.topics.map((position, ordinal) => ({ contact_id: ids[i]!.id, topic_id: idAt(catalog.topics, position), ordinal })),
      );
      const referralRows = batch.flatMap((c, i) =>
        c.referrals.map((position) => ({ contact_id: ids[i]!.id, organisation_id: idAt(catalog.organisations, position) })),
      );
      await trx.insertInto('contact_topics').values(topicRows).execute();
      if (referralRows.length > 0) await trx.insertInto('contact_referrals').values(referralRows).execute();
    }
    await trx
      .insertInto('theme_days')
      .values(
        DEMO_THEME_DAYS.map((t) => ({
          title: t.title,
          organisation_id: idAt(catalog.organisations, t.organisationPosition),
          kind: 'weekly',
          weekday: t.weekday,
          start_hour: t.startHour,
          end_hour: t.endHour,
          valid_from: t.validFrom,
        })),
      )
      .execute();
    // The Christmas break the contacts above leave out, as the site would enter it: one entry a year up to this one.
    const firstYear = Number(DEMO_START_DAY.slice(0, 4));
    await trx
      .insertInto('closures')
      .values(
        Array.from({ length: Number(today.slice(0, 4)) - firstYear + 1 }, (_, i) => ({
          first_day: `${firstYear + i}-${DEMO_CHRISTMAS_BREAK.from}`,
          last_day: `${firstYear + i + 1}-${DEMO_CHRISTMAS_BREAK.to}`,
          note: DEMO_CHRISTMAS_BREAK.note,
          kind: 'closed',
        })),
      )
      .execute();
    await sql`update contacts as c set theme_day_id = ${themeDayIdSql}`.execute(trx);
    await rebuildRollup(trx);
  });
  ctx.catalog.invalidate();
  return { added: contacts.length };
}

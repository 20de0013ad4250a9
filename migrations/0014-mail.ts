import type { Kysely } from 'kysely';
import type { Migration } from '../core/db/migrator';
import { withIdColumn } from './column-types';

/**
 * Scheduled e-mail of reports (core/mail). The mail server's settings live in `settings` (keys
 * `mail.*`); its password never enters the database (core/mail/secret-store.ts).
 * - `mail_schedules`: recipients and formats as JSON text; `rule` lastMonth | lastQuarter | lastYear.
 * - `mail_deliveries`: the delivery log. One row per schedule and period (unique): the row is written
 *   (`sending`) before the message goes out and marked `sent` after the server accepted it, so a report
 *   is never sent twice, across processes and crashes; `message_id` stays the same on a resend.
 */
export const mail: Migration = {
  version: 14,
  name: 'mail',
  async up(db: Kysely<any>) {
    await withIdColumn(db, db.schema.createTable('mail_schedules'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('recipients', 'text', (c) => c.notNull())
      .addColumn('rule', 'text', (c) => c.notNull())
      .addColumn('view_id', 'integer')
      .addColumn('publication', 'integer', (c) => c.notNull())
      .addColumn('publication_method', 'text', (c) => c.notNull())
      .addColumn('formats', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await withIdColumn(db, db.schema.createTable('mail_deliveries'))
      .addColumn('schedule_id', 'integer', (c) => c.notNull())
      .addColumn('schedule_name', 'text', (c) => c.notNull())
      .addColumn('period_from', 'text', (c) => c.notNull())
      .addColumn('period_to', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('recipients', 'integer', (c) => c.notNull())
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('finished_at', 'bigint')
      .addColumn('next_attempt_at', 'bigint')
      .addColumn('outcome', 'text')
      .addUniqueConstraint('mail_deliveries_schedule_period', ['schedule_id', 'period_from', 'period_to'])
      .execute();
  },
};

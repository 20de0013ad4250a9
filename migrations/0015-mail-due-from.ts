import { sql, type Kysely } from 'kysely';
import type { Migration } from '../core/db/migrator';

/**
 * `mail_schedules.due_from`: the moment a schedule's periods count from (core/mail/due-periods.ts). It is
 * its creation, moved to the moment it is switched on again after a pause or given another rule, so
 * neither sends the periods that fell due before (a summer's pause is not caught up in September).
 * Existing schedules count from their creation, as before.
 */
export const mailDueFrom: Migration = {
  version: 15,
  name: 'mail-due-from',
  async up(db: Kysely<any>) {
    await db.schema.alterTable('mail_schedules').addColumn('due_from', 'bigint').execute();
    await sql`update mail_schedules set due_from = created_at`.execute(db);
  },
};

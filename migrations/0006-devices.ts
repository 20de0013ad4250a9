import type { Kysely } from 'kysely';
import type { Migration } from '../core/db/migrator';
import { withIdColumn } from './column-types';

/**
 * Paired devices of LAN desk mode (core/devices): a tablet or another PC that logs contacts into
 * this database over the local network. Only the SHA-256 of a device's token is stored, so a copy
 * of the database (a backup on a USB stick) cannot be used to pose as a device. A revoked device
 * keeps its row, so the audit trail still names it.
 */
export const devices: Migration = {
  version: 6,
  name: 'devices',
  async up(db: Kysely<any>) {
    await withIdColumn(db, db.schema.createTable('devices'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('desk_id', 'integer', (c) => c.references('desks.id'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('paired_at', 'bigint', (c) => c.notNull())
      .addColumn('last_seen_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .execute();
  },
};

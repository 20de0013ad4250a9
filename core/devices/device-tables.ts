import type { Generated, Kysely } from 'kysely';
import type { Schema } from '../db/schema';

/** The `devices` table as migration 0006 creates it. Times are epoch milliseconds (UTC). */
export type DeviceTable = {
  id: Generated<number>;
  name: string;
  desk_id: number | null;
  /** Hex SHA-256 of the device's token; the token itself is never stored here. */
  token_hash: string;
  paired_at: number;
  last_seen_at: number | null;
  revoked_at: number | null;
};

export type DeviceTables = {
  devices: DeviceTable;
};

/** The core's database with the device table typed: kept beside the capability, so the shared schema file stays untouched. */
export const deviceDb = (db: Kysely<Schema>): Kysely<Schema & DeviceTables> => db.withTables<DeviceTables>();

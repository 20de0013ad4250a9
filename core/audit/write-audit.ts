import type { Kysely } from 'kysely';
import { insertRows } from '../db/compiled-once';
import type { Schema } from '../db/schema';
import type { AuditAction } from './audit-types';

export interface AuditEntry {
  /** Listed in AUDIT_ACTIONS, so the audit view (and its test) knows every action there is. */
  action: AuditAction;
  entity:
    | 'contact'
    | 'theme_day'
    | 'settings'
    | 'topic'
    | 'organisation'
    | 'language'
    | 'desk'
    | 'topic_group'
    | 'import'
    | 'device'
    | 'backup'
    | 'closure'
    | 'saved_view'
    | 'mail_schedule';
  entityId: number;
  field?: string;
  oldValue?: unknown;
  newValue?: unknown;
}

const encode = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/** Written in the same transaction as the change it describes; never holds anything about a person. */
export async function writeAudit(db: Kysely<Schema>, at: number, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e) => ({
    at,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId,
    field: e.field ?? null,
    old_value: encode(e.oldValue),
    new_value: encode(e.newValue),
  }));
  await insertRows(db, { table: 'audit_log', rows });
}

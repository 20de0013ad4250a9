import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { CatalogReference } from './catalog-references';

/**
 * Moves every row of one reference from the source entry to the target. Where the row's key
 * (`uniqueWith`) already holds the target, the source row is folded into the target row: the
 * target keeps the earlier `ordinal` (later rows move up one to close the gap) and adds the
 * source's `sum` (and its `keySum`, modulo 2^32). Plain SQL over the names in CATALOG_REFERENCES, valid in SQLite and PostgreSQL.
 */
export async function repointReference(db: Kysely<any>, ref: CatalogReference, sourceId: number, targetId: number): Promise<void> {
  const table = sql.table(ref.table);
  const column = sql.ref(ref.column);
  if (ref.uniqueWith?.length) {
    const sameKey = (alias: string) =>
      sql.join(
        ref.uniqueWith!.map((k) => sql`${sql.ref(`${alias}.${k}`)} = ${sql.ref(`${ref.table}.${k}`)}`),
        sql` and `,
      );
    const has = (alias: string, id: number | RawBuilder<unknown>) =>
      sql`exists (select 1 from ${table} as ${sql.id(alias)} where ${sameKey(alias)} and ${sql.ref(`${alias}.${ref.column}`)} = ${id})`;
    const holdsBoth = sql`${has('s', sourceId)} and ${has('t', targetId)}`;

    if (ref.ordinal) {
      const ordinal = sql.ref(ref.ordinal);
      const ofPair = (fn: 'min' | 'max') =>
        sql`(select ${sql.raw(fn)}(${sql.ref(`p.${ref.ordinal}`)}) from ${table} as p where ${sameKey('p')} and ${sql.ref(`p.${ref.column}`)} in (${sourceId}, ${targetId}))`;
      // The later of the pair goes; rows behind it move up one. The pair's own rows are read, never written, here.
      await sql`update ${table} set ${ordinal} = ${ordinal} - 1 where ${holdsBoth} and ${ordinal} > ${ofPair('max')}`.execute(db);
      await sql`update ${table} set ${ordinal} = ${ofPair('min')} where ${column} = ${targetId} and ${has('s', sourceId)}`.execute(db);
    }
    const addFromSource = async (target: string, value: (from: RawBuilder<unknown>) => RawBuilder<unknown>) => {
      const of = sql`(select ${sql.ref(`s.${target}`)} from ${table} as s where ${sameKey('s')} and ${sql.ref(`s.${ref.column}`)} = ${sourceId})`;
      await sql`update ${table} set ${sql.ref(target)} = ${value(of)} where ${column} = ${targetId} and ${has('s', sourceId)}`.execute(db);
    };
    if (ref.sum) await addFromSource(ref.sum, (of) => sql`${sql.ref(ref.sum!)} + ${of}`);
    if (ref.keySum) await addFromSource(ref.keySum, (of) => sql`(${sql.ref(ref.keySum!)} + ${of}) % 4294967296`);
    await sql`delete from ${table} where ${column} = ${sourceId} and ${has('t', targetId)}`.execute(db);
  }
  await sql`update ${table} set ${column} = ${targetId} where ${column} = ${sourceId}`.execute(db);
}

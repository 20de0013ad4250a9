/**
 * Ids bound by one statement at most. SQLite refuses more than 32,766 bound values ("too many SQL
 * variables") and PostgreSQL's protocol carries at most 65,535; this stays far below both, leaving room
 * for a query's other parameters, while a list of a few thousand ids still takes a single statement.
 */
export const IDS_PER_STATEMENT = 5_000;

/** A list of ids (or other values) in pieces of at most `size`, in order. */
export function idChunks<T>(ids: readonly T[], size = IDS_PER_STATEMENT): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < ids.length; i += size) chunks.push(ids.slice(i, i + size));
  return chunks;
}

/**
 * Runs a query that binds a list of ids (`where x in (…)`) for a list of any length: one statement
 * per chunk, one after the other (a desk's connection is never flooded), rows in chunk order.
 * Rows that belong to one id come from one statement, so an `order by` within an id still holds.
 */
export async function readByIds<T, R>(ids: readonly T[], read: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  if (ids.length === 0) return [];
  if (ids.length <= IDS_PER_STATEMENT) return read([...ids]);
  const rows: R[] = [];
  for (const chunk of idChunks(ids)) for (const row of await read(chunk)) rows.push(row);
  return rows;
}

import type { ForeignWriteHint } from '../catalog/catalog-cache';
import type { DatabaseHandle } from '../db/database-handle';
import type { ChangeFeed } from './change-feed';
import { relayThroughPostgres } from './postgres-relay';
import { watchSqliteFile } from './sqlite-watch';

export interface OtherProcesses {
  /** For the catalog cache: whether another process may have written since it last asked. */
  hint: ForeignWriteHint;
  close(): Promise<void>;
}

/** Connects this core to the other processes on its database, in whichever way the dialect allows. */
export async function connectOtherProcesses(database: DatabaseHandle, feed: ChangeFeed): Promise<OtherProcesses> {
  if (database.dialect === 'postgres') return relayThroughPostgres(database, feed);
  const watch = watchSqliteFile(database.sqlite, feed);
  return { hint: watch.hint, close: async () => watch.close() };
}

import type Database from 'better-sqlite3';
import { ANY_DAY, type Change } from '../base/changes';
import type { ForeignWriteHint } from '../catalog/catalog-cache';
import type { ChangeFeed } from './change-feed';

/** How often the file is looked at for other processes' commits: well inside the 2 s a desk may lag. */
export const SQLITE_WATCH_MS = 500;

/**
 * A new hint each call, each with its own memory: `PRAGMA data_version` changes whenever another
 * connection (another process, or another core in this one) commits to the file, never for this
 * connection's own commits. A statement in memory, no file read.
 */
export function foreignCommitHint(sqlite: Database.Database): ForeignWriteHint {
  const dataVersion = sqlite.prepare('pragma data_version').pluck();
  let seen = dataVersion.get();
  return () => {
    const now = dataVersion.get();
    if (now === seen) return false;
    seen = now;
    return true;
  };
}

/**
 * Tells this process's screens what another process wrote to the SQLite file: `npm run import`
 * beside the app, a tool, a second core in a test. A second app on the same data folder is refused
 * by the instance lock, so such writes are rare, and this says only which kinds changed: any contact,
 * device or saved view (each such write leaves an audit entry; an import's hidden staging does not)
 * and the catalog (the change marker moved).
 */
export function watchSqliteFile(sqlite: Database.Database, feed: ChangeFeed): { hint: ForeignWriteHint; close(): void } {
  const foreignCommit = foreignCommitHint(sqlite);
  const marker = sqlite.prepare('select version from change_marker where id = 1').pluck();
  const lastAudit = sqlite.prepare('select coalesce(max(id), 0) from audit_log').pluck();
  let seen = { marker: marker.get(), audit: lastAudit.get() };
  const look = () => {
    // Inside this connection's own open transaction the rows read would include its uncommitted ones.
    if (!sqlite.open || sqlite.inTransaction || !foreignCommit()) return;
    const now = { marker: marker.get(), audit: lastAudit.get() };
    const changes: Change[] = [];
    if (now.marker !== seen.marker) changes.push({ kind: 'catalog' });
    if (now.audit !== seen.audit) changes.push({ kind: 'contacts', days: ANY_DAY }, { kind: 'devices' }, { kind: 'views' }, { kind: 'mail' });
    seen = now;
    for (const change of changes) feed.publish(change, 'remote');
  };
  const timer = setInterval(look, SQLITE_WATCH_MS);
  timer.unref();
  return { hint: foreignCommitHint(sqlite), close: () => clearInterval(timer) };
}

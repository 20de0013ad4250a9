import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../core/db/open-sqlite';
import type { SqliteHandle } from '../../core/db/database-handle';
import { writeTransaction } from '../../core/db/write-transaction';
import { projectRoot } from '../../scripts/paths';

/**
 * Issue 12, defect 5: a transaction that reads before it writes, while another connection holds the
 * write lock (`npm run import` beside the app), must wait for the lock, not fail at once. A plain
 * (deferred) BEGIN got SQLITE_BUSY at the first write without ever calling the busy handler.
 */

let dir: string;
let handle: SqliteHandle;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontaktdesk-begin-'));
  handle = await openSqlite(join(dir, 'kontaktdesk.sqlite'), { busyTimeoutMs: 10_000 });
});
afterEach(async () => {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Another connection, in a worker thread, holds the write lock for `holdMs` and then commits on its
 * own: this thread blocks inside SQLite's busy handler meanwhile and could not tell it to.
 */
async function otherWriter(file: string, holdMs: number): Promise<{ committed: Promise<number> }> {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const Database = require(require.resolve('better-sqlite3', { paths: [workerData.root] }));
     const db = new Database(workerData.file);
     db.exec('begin immediate');
     db.prepare("insert into settings (key, value) values ('other', 'x')").run();
     parentPort.postMessage('locked');
     setTimeout(() => { db.exec('commit'); db.close(); parentPort.postMessage('committed'); }, workerData.holdMs);`,
    { eval: true, workerData: { file, root: projectRoot, holdMs } },
  );
  await new Promise((resolve) => worker.once('message', resolve));
  // Wrapped: an async function returning the promise itself would wait for it.
  return { committed: new Promise<void>((resolve) => worker.once('message', () => resolve())).then(() => worker.terminate()) };
}

describe('a write transaction while another connection writes', () => {
  it('that reads first waits for the lock and then commits, instead of failing with "database is locked"', async () => {
    const { committed } = await otherWriter(handle.file, 300);
    const seen = await writeTransaction(handle.db, async (trx) => {
      const before = await trx.selectFrom('settings').select('key').where('key', '=', 'other').executeTakeFirst();
      await trx.insertInto('settings').values({ key: 'mine', value: 'y' }).execute();
      return before?.key ?? null;
    });
    await committed;
    // The transaction began after the other one committed: it saw its row, and both rows are there.
    expect(seen).toBe('other');
    const keys = (await handle.db.selectFrom('settings').select('key').where('key', 'in', ['other', 'mine']).orderBy('key').execute()).map((r) => r.key);
    expect(keys).toEqual(['mine', 'other']);
  });
});

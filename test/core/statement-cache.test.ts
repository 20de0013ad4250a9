import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../../core/db/statement-cache';

describe('prepared-statement cache under Kysely', () => {
  let sqlite: Database.Database;
  beforeEach(() => {
    sqlite = new Database(':memory:');
    sqlite.exec('create table t (x integer)');
  });
  afterEach(() => {
    if (sqlite.open) sqlite.close();
  });

  it('prepares each SQL text once and reuses it', () => {
    const db = withStatementCache(sqlite);
    const a = db.prepare('insert into t (x) values (?)');
    a.run([1]);
    expect(db.prepare('insert into t (x) values (?)')).toBe(a);
    expect(db.prepare('select x from t').all([])).toEqual([{ x: 1 }]);
  });

  it('keeps only the most recently used statements', () => {
    const db = withStatementCache(sqlite, 2);
    const first = db.prepare('select 1');
    db.prepare('select 2');
    db.prepare('select 1'); // touch: now "select 2" is the oldest
    db.prepare('select 3');
    expect(db.prepare('select 1')).toBe(first);
    db.prepare('select 2'); // "select 3" is evicted
    db.prepare('select 4'); // now "select 1" is the oldest and goes
    expect(db.prepare('select 1')).not.toBe(first);
  });

  it('still works after a schema change on a cached statement', () => {
    const db = withStatementCache(sqlite);
    db.prepare('select * from t').all([]);
    sqlite.exec('alter table t add column y text');
    db.prepare('insert into t (x, y) values (?, ?)').run([2, 'b']);
    expect(db.prepare('select * from t').all([])).toEqual([{ x: 2, y: 'b' }]);
  });

  it('closes the underlying database', () => {
    withStatementCache(sqlite).close();
    expect(sqlite.open).toBe(false);
  });
});

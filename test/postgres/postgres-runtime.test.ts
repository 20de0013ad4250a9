import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../core/api/dispatch';
import { openCore } from '../../core/open-core';
import { startApp } from '../../core/app/start-app';
import { startTempPostgres } from '../../tools/postgres-server';
import { queryRows, queryValue } from '../support/sql-rows';
import { clientsOf } from '../support/temp-core';
import { createTestPostgresDatabase } from '../support/test-database';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function freshDatabase() {
  const database = await createTestPostgresDatabase();
  cleanups.push(() => database.drop());
  return database.url;
}

describe('PostgreSQL at run time', () => {
  it('two desks starting at once against a new database: one migrates and seeds, the other waits; one schema, one catalog', async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([openCore({ postgres: url }), openCore({ postgres: url })]);
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    const versions = await queryRows<{ version: number }>(a.database.db, 'select version from schema_migrations order by version');
    expect(versions.map((v) => v.version)).toEqual([...Array(versions.length).keys()].map((i) => i + 1));
    expect((await (await clientsOf(a)).client.getCatalog({})).topics).toEqual((await (await clientsOf(b)).client.getCatalog({})).topics);
    const seededTopics = await queryValue(a.database.db, 'select count(*) from topics');
    expect(seededTopics).toBe((await (await clientsOf(a)).client.getCatalog({})).topics.length);
  });

  it('100 concurrent taps with the same topics in different orders all land once, and the rollups count each', async () => {
    const url = await freshDatabase();
    const core = await openCore({ postgres: url });
    cleanups.push(() => core.close());
    const { deskClient } = await clientsOf(core);
    const catalog = await deskClient.getCatalog({});
    const [t1, t2, t3] = catalog.topics.map((t) => t.id);
    const [o1, o2] = catalog.organisations.map((o) => o.id);
    const taps = Array.from({ length: 100 }, (_, i) =>
      deskClient.logContact({
        topicIds: i % 2 ? [t1!, t2!, t3!] : [t3!, t2!, t1!],
        referralIds: i % 3 ? [o1!, o2!] : [o2!, o1!],
        languageId: catalog.languages[0]!.id,
        channel: 'in_person',
        asker: 'citizen',
      }),
    );
    const results = await Promise.allSettled(taps);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await queryValue(core.database.db, 'select count(*) from contacts')).toBe(100);
    const mentions = await queryRows<{ key: number; n: number }>(
      core.database.db,
      "select key, sum(n) as n from rollup_daily where dimension = 'mention' group by key order by key",
    );
    expect(mentions).toEqual([t1!, t2!, t3!].sort((x, y) => x - y).map((key) => ({ key, n: 100 })));
  });

  it('a lost database server answers "unavailable" (never "internal"), which the desk shows as not saved', async () => {
    const server = await startTempPostgres();
    cleanups.push(() => server.stop());
    const core = await openCore({ postgres: server.url });
    cleanups.push(() => core.close());
    const catalog = await (await clientsOf(core)).deskClient.getCatalog({});
    server.stop();
    const answer = await dispatch(
      core.api,
      'logContact',
      { topicIds: [catalog.topics[0]!.id], languageId: catalog.languages[0]!.id, channel: 'phone', asker: 'citizen' },
      {},
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('the app does not start on a server it cannot reach, and says which one (without the password)', async () => {
    const server = await startTempPostgres();
    const unreachable = server.url.replace('postgres@', 'postgres:s3cret@');
    server.stop();
    const started = startApp({ dataDir: '/nonexistent', postgres: unreachable });
    await expect(started).rejects.toThrow(
      /Cannot open the PostgreSQL database postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/postgres: .*ECONNREFUSED|connect/,
    );
    await expect(started).rejects.not.toThrow(/s3cret/);
  });
});

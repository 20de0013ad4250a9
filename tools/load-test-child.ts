/**
 * One app process of `npm run load-test` (started by tools/load-test-processes.ts, not by hand):
 * opens the database the way `npm start` does (startApp: on SQLite with the single-instance lock and
 * the start backup, on PostgreSQL straight onto the server), serves the contract over the real HTTP
 * server on loopback, and prints `LOAD_CHILD {"url":…,"pid":…}` once it listens.
 *
 *   node --import tsx tools/load-test-child.ts --data DIR
 *   KONTAKTDESK_LOAD_TEST_POSTGRES=postgres://… node --import tsx tools/load-test-child.ts
 *
 * It stops (server, then database) when its stdin ends: the load test closes it when done, and a load
 * test that dies closes it too, so no app process outlives the run.
 */
import { parseArgs } from 'node:util';
import { startApp } from '../core/app/start-app';
import { startHttpServer } from '../server/http-server';
import { CHILD_POSTGRES_ENV, READY_PREFIX } from './load-test-processes';

async function main() {
  const { values } = parseArgs({ args: process.argv.slice(2), strict: true, options: { data: { type: 'string' } } });
  const postgres = process.env[CHILD_POSTGRES_ENV] || undefined;
  if ((values.data === undefined) === (postgres === undefined)) throw new Error(`give exactly one of --data DIR or ${CHILD_POSTGRES_ENV}=URL`);
  const app = await startApp({ dataDir: values.data ?? '', postgres });
  const server = await startHttpServer({ api: app.api, port: 0 }).catch(async (err: unknown) => {
    await app.close();
    throw err;
  });
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await server.close();
      await app.close();
    })().then(
      () => process.exit(0),
      (err: Error) => {
        console.error(`load-test process ${process.pid}: closing failed: ${err.stack ?? err.message}`);
        process.exit(1);
      },
    ));
  process.stdin.on('end', stop);
  process.stdin.resume();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  console.log(`${READY_PREFIX}${JSON.stringify({ url: server.url, pid: process.pid })}`);
}

main().catch((err: Error) => {
  console.error(`load-test process ${process.pid}: ${err.stack ?? err.message}`);
  process.exit(1);
});

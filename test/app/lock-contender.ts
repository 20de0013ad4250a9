import { createInterface } from 'node:readline';
import { acquireInstanceLock, AlreadyRunningError } from '../../core/app/instance-lock';

/**
 * One of several app starts racing for the same lock, as its own process: it prints `ready`, tries
 * the lock when a line arrives on stdin (so all of them go at once), prints `held` or `refused`,
 * and keeps a held lock until stdin closes.
 */
const [databaseFile] = process.argv.slice(2);
if (!databaseFile) throw new Error('usage: lock-contender.ts DATABASE_FILE');

const lines = createInterface({ input: process.stdin });
lines.once('line', () => {
  try {
    const lock = acquireInstanceLock(databaseFile, { address: `contender ${process.pid}`, report: () => undefined });
    console.log('held');
    lines.once('close', () => lock.release());
  } catch (err) {
    if (!(err instanceof AlreadyRunningError)) throw err;
    console.log('refused');
    lines.close();
  }
});
console.log('ready');

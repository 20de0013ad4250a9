/**
 * The process the crash test kills. It starts the app as both shells do (startApp: instance lock,
 * start-up check, leftovers of killed backups cleared, start backup) and then, by mode:
 *
 * - `stream`: logs contacts through the real core as fast as it can;
 * - `daily`: logs a few contacts, runs the daily (automatic) backup with its rotation, and again;
 * - `restore`: logs a few, backs up now, logs a few more, restores that backup, and again.
 *
 * It writes one line `ack <id> <requestId>` per contact only after `logContact` resolved, i.e. after
 * SQLite committed it (WAL, synchronous=FULL), and marks each backup and restore before it begins
 * and after it ended, so the parent can kill in the middle of one and knows what to expect after.
 * It never stops by itself; the parent SIGKILLs it.
 *
 * Usage: node crash-child.cjs <data folder>/kontaktdesk.sqlite stream|daily|restore
 */
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { databaseFile } from '../../core/app/data-location';
import { startApp } from '../../core/app/start-app';

const CHILD_MODES = ['stream', 'daily', 'restore'] as const;
type ChildMode = (typeof CHILD_MODES)[number];

/** Contacts logged between two backups or restores. */
const BURST = 5;

/** Straight to the pipe, unbuffered: a line the parent reads was written after the commit, never before. */
const say = (line: string) => {
  const bytes = Buffer.from(`${line}\n`);
  for (let done = 0; done < bytes.length; ) {
    try {
      done += writeSync(1, bytes, done);
    } catch (err) {
      // A full non-blocking pipe: wait for the parent to read, then write the rest.
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
};

async function main() {
  const [file, mode] = process.argv.slice(2) as [string | undefined, ChildMode | undefined];
  if (!file || !mode || !CHILD_MODES.includes(mode)) throw new Error('usage: crash-child <database file> stream|daily|restore');
  const dataDir = dirname(file);
  if (databaseFile(dataDir, false) !== file) throw new Error(`the database file must be named ${basename(databaseFile(dataDir, false))}`);
  const app = await startApp({ dataDir, report: (message) => process.stderr.write(`${message}\n`) });
  const core = app.core();
  if (!core) throw new Error(`the app did not open the database: ${JSON.stringify(app.startup())}`);
  const { handlers } = core;
  const { topics, languages } = await handlers.getCatalog({});
  const active = topics.filter((t) => !t.retired);
  const language = languages.find((l) => !l.retired) ?? languages[0]!;
  say('ready');

  let i = 0;
  const logOne = async () => {
    const requestId = randomUUID();
    const { contact } = await handlers.logContact({
      requestId,
      topicIds: [active[i % active.length]!.id],
      referralIds: [],
      languageId: language.id,
      channel: i % 3 === 0 ? 'phone' : 'in_person',
      asker: i % 3 === 2 ? 'organisation' : 'citizen',
      count: 1,
    });
    i++;
    say(`ack ${contact.id} ${requestId}`);
  };
  const burst = async () => {
    for (let n = 0; n < BURST; n++) await logOne();
  };

  for (;;) {
    if (mode === 'stream') {
      await logOne();
    } else if (mode === 'daily') {
      await burst();
      say('backup-start');
      const backup = await core.context.backups.automatic();
      say(`backup-done ${backup.name}`);
    } else {
      await burst();
      const { name } = await handlers.backupNow({});
      say(`backup ${name}`);
      await burst();
      say(`restoring ${name}`);
      const { safetyBackup } = await handlers.restoreBackup({ file: name, dryRun: false });
      say(`restored ${name} ${safetyBackup!.name}`);
    }
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

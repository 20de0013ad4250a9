/**
 * The process the crash test kills: logs contacts through the real core as fast as it can and
 * writes one line `ack <id> <requestId>` per contact only after `logContact` resolved, i.e. after
 * SQLite committed it (WAL, synchronous=FULL). It never stops by itself; the parent SIGKILLs it.
 *
 * Usage: node crash-child.cjs <database file>
 */
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import { openCore } from '../../core/open-core';

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
  const file = process.argv[2];
  if (!file) throw new Error('usage: crash-child <database file>');
  const core = await openCore({ file });
  const { topics, languages } = await core.handlers.getCatalog({});
  const active = topics.filter((t) => !t.retired);
  const language = languages.find((l) => !l.retired) ?? languages[0]!;
  say('ready');
  for (let i = 0; ; i++) {
    const requestId = randomUUID();
    const { contact } = await core.handlers.logContact({
      requestId,
      topicIds: [active[i % active.length]!.id],
      referralIds: [],
      languageId: language.id,
      channel: i % 3 === 0 ? 'phone' : 'in_person',
      asker: i % 3 === 2 ? 'organisation' : 'citizen',
      count: 1,
    });
    say(`ack ${contact.id} ${requestId}`);
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

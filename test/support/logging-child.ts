/**
 * A desk that never pauses, as its own process: logs contacts through the real core as fast as it
 * can and writes `ack <id> <requestId>` after each `logContact` resolved (i.e. after SQLite committed
 * it). A refused tap ends it with the error on stderr and exit code 1. It never stops by itself.
 *
 * Usage: node --import tsx test/support/logging-child.ts <database file>
 */
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import { openCore } from '../../core/open-core';

/** Straight to the pipe, unbuffered, waiting out a full pipe: a line read by the parent was written after the commit. */
function say(line: string) {
  const bytes = Buffer.from(`${line}\n`);
  for (let done = 0; done < bytes.length; ) {
    try {
      done += writeSync(1, bytes, done);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

async function main() {
  const file = process.argv[2];
  if (!file) throw new Error('usage: logging-child <database file>');
  const core = await openCore({ file });
  const { topics, languages } = await core.handlers.getCatalog({});
  const active = topics.filter((t) => !t.retired);
  const language = languages.find((l) => !l.retired)!;
  say('ready');
  for (let i = 0; ; i++) {
    const requestId = randomUUID();
    const { contact } = await core.handlers.logContact({
      requestId,
      topicIds: [active[i % active.length]!.id],
      referralIds: [],
      languageId: language.id,
      channel: i % 3 === 0 ? 'phone' : 'in_person',
      asker: 'citizen',
      count: 1,
    });
    say(`ack ${contact.id} ${requestId}`);
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

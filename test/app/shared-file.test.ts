import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { touchesDay, type Change } from '../../core/base/changes';
import type { Client } from '../../core/api/contract';
import type { Catalog } from '../../core/catalog/catalog-types';
import { projectRoot } from '../../scripts/paths';
import { createHttpClient } from '../../renderer/api/http-transport';
import { startAppProcess, type AppProcess } from '../support/app-process';
import { openEventStream, type EventStreamReply } from '../support/event-stream';
import { refusal } from '../support/refusal';

/**
 * Issue 14 on SQLite: a running app, and another OS process (a tool like `npm run import`) that
 * opens a core of its own on the same file and writes through it. The app acts on what the other
 * process wrote at its next tap, and its open pages hear of it (the app looks at the file twice a second).
 */

/** Generous against a busy 2-core machine: only arrival is asserted, never speed. */
const ARRIVAL_MS = 15_000;

let dataDir: string;
let app: AppProcess;
let desk: Client;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kontaktdesk-shared-file-'));
  app = await startAppProcess({ dataDir });
  desk = createHttpClient(app.url);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs test/app/shared-file-writer.ts on the app's file as its own Node process; its JSON line. */
function otherProcess(action: 'retire' | 'tap', topicId: number): Promise<{ committedAt: number; localDay?: string; id?: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(projectRoot, 'test', 'app', 'shared-file-writer.ts'), app.dataFile, action, String(topicId)],
      { cwd: projectRoot },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(`the other process exited with ${code}:\n${out}`)),
    );
  });
}

/** The first change on `stream` that `wanted` accepts, and when it came; null if none within ARRIVAL_MS. */
async function heard(stream: EventStreamReply, wanted: (change: Change) => boolean): Promise<{ change: Change; at: number } | null> {
  const giveUp = setTimeout(() => stream.close(), ARRIVAL_MS);
  try {
    for (let data = await stream.nextData(); data !== null; data = await stream.nextData()) {
      if (wanted(data as Change)) return { change: data as Change, at: Date.now() };
    }
    return null;
  } finally {
    clearTimeout(giveUp);
  }
}

const german = (catalog: Catalog) => catalog.languages.find((l) => l.code === 'de')!.id;
const tap = (catalog: Catalog, topicId: number) => ({
  topicIds: [topicId],
  languageId: german(catalog),
  channel: 'in_person' as const,
  asker: 'citizen' as const,
});

describe('a running app and another process on the same SQLite file', { timeout: 120_000 }, () => {
  it('a topic the other process retired is refused at the app’s next tap, and its pages hear of a catalog change', async () => {
    const catalog = await desk.getCatalog({});
    const topic = catalog.topics.find((t) => !t.retired)!;
    // The app has read (and cached) the catalog, and taps with it.
    await desk.logContact(tap(catalog, topic.id));
    const stream = await openEventStream(app.url);
    try {
      await otherProcess('retire', topic.id);
      const refused = await refusal(desk.logContact(tap(catalog, topic.id)));
      expect(refused.body).toMatchObject({ code: 'invalid_input', field: 'topicIds.0' });
      expect((await desk.getCatalog({})).topics.find((t) => t.id === topic.id)?.retired).toBe(true);
      expect(await heard(stream, (change) => change.kind === 'catalog'), `no catalog change on the app's stream within ${ARRIVAL_MS} ms`).not.toBeNull();
    } finally {
      stream.close();
    }
  });

  it('a contact the other process logged is announced on the app’s /api/events stream and listed by the app', async () => {
    const catalog = await desk.getCatalog({});
    const topic = catalog.topics.filter((t) => !t.retired).at(-1)!;
    const stream = await openEventStream(app.url);
    try {
      expect(stream.status).toBe(200);
      const written = await otherProcess('tap', topic.id);
      const event = await heard(stream, (change) => change.kind === 'contacts' && touchesDay(change.days, written.localDay!));
      expect(event, `no contacts change of ${written.localDay} on the app's stream within ${ARRIVAL_MS} ms`).not.toBeNull();
      console.log(`SQLite, contact committed by another process → event on the app's /api/events: ${event!.at - written.committedAt} ms`);
      expect((await desk.listDay({ day: written.localDay })).contacts.map((c) => c.id)).toContain(written.id);
    } finally {
      stream.close();
    }
  });
});

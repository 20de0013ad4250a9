import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Transport } from '../../core/api/client';
import type { Client } from '../../core/api/contract';
import { dispatch } from '../../core/api/dispatch';
import { openCore, type Core } from '../../core/open-core';
import { writeSettings } from '../../core/settings/site-settings';
import { createTestPostgresDatabase, onPostgres } from './test-database';

export interface TempCore extends Core {
  /** The typed client over `dispatch`, with an unlocked management session: input is parsed exactly as the transports parse it. */
  client: Client;
  /** The same without a session, as the desk screen calls. */
  deskClient: Client;
  /** The session `client` holds, opened directly on the gate (no PIN is set). */
  session: string;
  dir: string;
  /** The SQLite file; on the PostgreSQL run a file name that does not exist (the data lives on the server). */
  file: string;
  /** Where the data is, for opening a second core on it (test/support/second-core.ts). */
  location: { file: string } | { postgres: string };
  /** Moves the injected clock; starts at `startAt`. */
  clock: { now: number; advance(ms: number): void };
  dispose(): Promise<void>;
}

/**
 * A real core on a real SQLite file in a fresh temp folder, with a clock the test controls. In the
 * `postgres` vitest project the same core runs on a fresh database of a real PostgreSQL server.
 */
export async function openTempCore(startAt = Date.parse('2026-03-10T09:30:00Z'), { setUp = true }: { setUp?: boolean } = {}): Promise<TempCore> {
  const dir = mkdtempSync(join(tmpdir(), 'kontaktdesk-test-'));
  const file = join(dir, 'kontaktdesk.sqlite');
  const clock = {
    now: startAt,
    advance(ms: number) {
      clock.now += ms;
    },
  };
  const postgres = onPostgres() ? await createTestPostgresDatabase() : undefined;
  // On PostgreSQL too the temp folder is this "PC's" data folder: the mail password is kept there (core/mail/secret-store.ts).
  const core = await openCore(postgres ? { postgres: postgres.url, now: () => clock.now, dataDir: dir } : { file, now: () => clock.now });
  if (setUp) {
    // A site past its first management visit, so reports count "since opening" (test/core/first-visit-setup.test.ts
    // opens one before it). Written directly: no audit entry for the tests that count those.
    await writeSettings(core.database.db, { setupConfirmedAt: new Date(startAt).toISOString() });
    core.context.catalog.invalidate();
  }
  const { client, deskClient, session } = await clientsOf(core);
  return {
    ...core,
    client,
    deskClient,
    session,
    dir,
    file,
    location: postgres ? { postgres: postgres.url } : { file },
    clock,
    async dispose() {
      await core.close();
      await postgres?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Typed clients over `dispatch` for any core: one with an unlocked management session, one as the desk calls. */
export async function clientsOf(core: Core): Promise<{ client: Client; deskClient: Client; session: string }> {
  const transport: Transport = (method, input, session) => dispatch(core.api, method, input, { session });
  const session = await core.context.gate.open();
  return { client: createClient(transport, () => session), deskClient: createClient(transport), session };
}

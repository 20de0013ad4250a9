import { databaseFile } from './data-location';
import { databaseLabel } from '../db/database-handle';
import { openCore, type Core } from '../open-core';
import { seedDemoHistory } from '../demo/seed-demo-history';

export interface AppCoreOptions {
  dataDir: string;
  demo?: boolean;
  /** A `postgres://` URL to run on instead of the SQLite file in `dataDir`. */
  postgres?: string;
  now?: () => number;
}

/** What both shells open at start: the site's database (a SQLite file, or PostgreSQL), or the separate demo database with history. */
export async function openAppCore({ dataDir, demo = false, postgres, now }: AppCoreOptions): Promise<Core & { file: string }> {
  if (postgres !== undefined) {
    const core = await openCore({ postgres, now });
    return { ...core, file: databaseLabel(core.database) };
  }
  const file = databaseFile(dataDir, demo);
  const core = await openCore({ file, now });
  if (demo) await seedDemoHistory(core.context);
  return { ...core, file };
}

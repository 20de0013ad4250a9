import { databaseFile } from './data-location';
import { openCore, type Core } from '../open-core';
import { seedDemoHistory } from '../demo/seed-demo-history';

export interface AppCoreOptions {
  dataDir: string;
  demo?: boolean;
  now?: () => number;
}

/** What both shells open at start: the site's database, or the separate demo database with history. */
export async function openAppCore({ dataDir, demo = false, now }: AppCoreOptions): Promise<Core & { file: string }> {
  const file = databaseFile(dataDir, demo);
  const core = await openCore({ file, now });
  if (demo) await seedDemoHistory(core.context);
  return { ...core, file };
}

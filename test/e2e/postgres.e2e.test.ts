import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '../../core/app/data-location';
import { projectRoot } from '../../scripts/paths';
import { createDatabase, startTempPostgres, type TempPostgres } from '../../tools/postgres-server';
import { startAppProcess, type AppProcess } from '../support/app-process';
import { managementSession, unlockedContext } from './support/management';
import { startE2e, stopE2e } from './support/e2e-app';

const resultsDir = join(projectRoot, 'test-results');

let server: TempPostgres;
let url: string;
let dataDir: string;
let app: AppProcess;
let browser: Browser;

async function contactsInPostgres(): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('select count(*)::int as n from contacts where voided_at is null')).rows[0].n;
  } finally {
    await client.end();
  }
}

async function openDesk(): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await page.goto(app.url);
  await expect.poll(() => page.getByTestId('today-count').textContent()).toMatch(/^\d+$/);
  return page;
}
const count = async (page: Page) => Number(await page.getByTestId('today-count').textContent());

// Its own throw-away PostgreSQL server: this suite runs in the SQLite project, which has none.
beforeAll(async () => {
  server = await startTempPostgres();
  url = (await createDatabase(server.url, 'kontaktdesk')).url;
  ({ dataDir, app, browser } = await startE2e('postgres', ['--database', url]));
  mkdirSync(resultsDir, { recursive: true });
}, 120_000);

afterAll(async () => {
  await stopE2e({ dataDir, app, browser });
  server?.stop();
});

// Generous: the first test starts the app twice, which on a busy 2-core machine can take a minute each.
describe('npm start -- --database postgres://…: the same app on PostgreSQL, in real Chromium', { timeout: 240_000 }, () => {
  it('a tap is stored in PostgreSQL, no SQLite file is made, and a restarted app shows it again', async () => {
    expect(app.output()).toMatch(/Database: postgres:\/\/postgres@127\.0\.0\.1:\d+\/kontaktdesk/);
    const page = await openDesk();
    expect(await count(page)).toBe(0);
    await page.getByTestId('topic-1').click();
    await expect.poll(() => count(page)).toBe(1);
    expect(await contactsInPostgres()).toBe(1);
    expect(existsSync(databaseFile(dataDir, false))).toBe(false);

    await app.stop();
    app = await startAppProcess({ dataDir, extra: ['--database', url] });
    const again = await openDesk();
    expect(await count(again)).toBe(1);
  });

  it('the backup tab says the server is backed up by IT, not by the app', async () => {
    const { session } = await managementSession(app.url);
    const page = await (await unlockedContext(browser, session)).newPage();
    await page.addInitScript(() => localStorage.setItem('kontaktdesk.uiLanguage', 'de'));
    await page.goto(`${app.url}#/reports/backup`);
    const note = page.getByTestId('backup-on-server');
    await note.waitFor();
    expect(await note.textContent()).toMatch(
      /PostgreSQL-Datenbank postgres:\/\/postgres@127\.0\.0\.1:\d+\/kontaktdesk\. Gesichert wird sie auf dem Datenbank-Server/,
    );
    expect(await page.getByTestId('backup-now').count()).toBe(0);
    await page.screenshot({ path: join(resultsDir, 'postgres-backup-tab.png') });
  });
});

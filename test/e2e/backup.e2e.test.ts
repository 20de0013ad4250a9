import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../core/api/contract';
import { databaseFile } from '../../core/app/data-location';
import { projectRoot } from '../../scripts/paths';
import { backupSize } from '../../renderer/manage/backup/backup-format';
import { startAppProcess, type AppProcess } from '../support/app-process';
import { managementSession, unlockedContext } from './support/management';
import { startE2e, stopE2e } from './support/e2e-app';

const resultsDir = join(projectRoot, 'test-results');
const SLOW = { timeout: 10_000 };

let dataDir: string;
let app: AppProcess;
let browser: Browser;
let api: Client;
let session: string;

beforeAll(async () => {
  ({ dataDir, app, browser } = await startE2e('backup'));
  ({ api, session } = await managementSession(app.url));
  mkdirSync(resultsDir, { recursive: true });
}, 120_000);

afterAll(() => stopE2e({ dataDir, app, browser }));

async function tap() {
  const catalog = await api.getCatalog({});
  return api.logContact({ topicIds: [catalog.topics[0]!.id], languageId: catalog.languages[0]!.id, channel: 'in_person', asker: 'citizen' });
}
const todayCount = async () => (await api.listDay({})).count;

async function openBackupTab(): Promise<Page> {
  const context = await unlockedContext(browser, session);
  await context.addInitScript(() => localStorage.setItem('kontaktdesk.uiLanguage', 'de'));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(`${app.url}#/reports/backup`);
  await page.getByTestId('backup-panel').waitFor();
  return page;
}

describe('backups in real Chromium against browser mode', { timeout: 60_000 }, () => {
  it('backs up now, and restoring that backup after another contact brings the count back', async () => {
    await tap();
    await tap();
    const before = await todayCount();
    const page = await openBackupTab();
    expect(await page.getByTestId('reports-tab-backup').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('backup-folder').textContent()).toBe(join(dataDir, 'backups'));
    expect(await page.getByTestId('backup-rotation').textContent()).toBe('7 tägliche, 4 wöchentliche, 12 monatliche Sicherungen');
    // The start backup is already there.
    await expect.poll(() => page.getByTestId('backup-row').count(), SLOW).toBeGreaterThanOrEqual(1);

    await page.getByTestId('backup-now').click();
    await expect.poll(() => page.getByTestId('backup-done').textContent(), SLOW).toMatch(/^Gesichert und geprüft: /);
    const newest = page.getByTestId('backup-row').first();
    // The list is read again after the message (BackupPanel: done, then load); on a busy machine a moment later.
    await expect.poll(() => newest.textContent(), SLOW).toContain('von Hand');
    expect(await newest.textContent()).toContain('✓ geprüft');
    const manualName = await newest.getAttribute('data-name');

    await tap();
    expect(await todayCount()).toBe(before + 1);

    await page.locator(`[data-testid="backup-row"][data-name="${manualName}"]`).getByTestId('backup-restore').click();
    const dialog = page.getByTestId('restore-confirm');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Vorher wird der jetzige Stand gesichert');
    await page.screenshot({ path: join(resultsDir, 'backup-confirm.png') });
    await page.getByTestId('restore-confirm-ok').click();
    await expect.poll(() => page.getByTestId('backup-done').textContent(), SLOW).toMatch(/^Wiederhergestellt: .*, 2 Kontakte\./);
    expect(await todayCount()).toBe(before);
    // The state before the restore (with the third contact) was backed up first.
    // The list is read again after the restore; on a busy machine that comes a moment after the message.
    await expect.poll(() => page.getByTestId('backup-row').first().textContent(), SLOW).toContain('vor Wiederherstellung');
    // The transport still works after the restore: a new contact counts.
    await tap();
    expect(await todayCount()).toBe(before + 1);
    await page.screenshot({ path: join(resultsDir, 'backup.png'), fullPage: true });
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
  });

  it('shows the space the backups take, and deletes one only after a confirmation naming it, audited', async () => {
    const manual = await api.backupNow({});
    const page = await openBackupTab();
    const listed = await api.listBackups({});
    expect(listed.backups.map((b) => b.kind)).toEqual(expect.arrayContaining(['manual', 'prerestore']));
    expect(await page.getByTestId('backup-total').textContent()).toBe(`${backupSize(listed.totalSize, 'de')} in ${listed.backups.length} Sicherungen`);
    const row = page.locator(`[data-testid="backup-row"][data-name="${manual.name}"]`);
    expect(await row.getByTestId('backup-kept').textContent()).toBe('bis gelöscht');
    const automatic = listed.backups.find((b) => b.automatic)!;
    expect(await page.locator(`[data-testid="backup-row"][data-name="${automatic.name}"]`).getByTestId('backup-kept').textContent()).toBe('nach Plan');

    // Cancelled: nothing happens.
    await row.getByTestId('backup-delete').click();
    const dialog = page.getByTestId('delete-backup-confirm');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toMatch(/^Sicherung vom .+ löschen\?/);
    expect(text).toContain('von Hand');
    expect(text).toContain(backupSize(manual.size, 'de'));
    expect(text).toContain(manual.name);
    expect(text).toContain('löscht Kontaktdesk nie selbst');
    await page.screenshot({ path: join(resultsDir, 'backup-delete-confirm.png') });
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(existsSync(join(dataDir, 'backups', manual.name))).toBe(true);
    expect((await api.listAudit({ entity: 'backup' })).total).toBe(0);

    // Confirmed: gone from the folder and the list, the total follows, and the trail names it.
    await row.getByTestId('backup-delete').click();
    await page.getByTestId('delete-backup-ok').click();
    await expect.poll(() => page.getByTestId('backup-done').textContent(), SLOW).toMatch(/^Gelöscht: Sicherung vom .+ \(von Hand\)\.$/);
    await expect.poll(() => row.count(), SLOW).toBe(0);
    expect(existsSync(join(dataDir, 'backups', manual.name))).toBe(false);
    const after = await api.listBackups({});
    expect(after.totalSize).toBe(listed.totalSize - manual.size);
    expect(await page.getByTestId('backup-total').textContent()).toBe(`${backupSize(after.totalSize, 'de')} in ${after.backups.length} Sicherungen`);
    const audit = await api.listAudit({ entity: 'backup' });
    expect(audit.entries).toMatchObject([
      {
        action: 'delete',
        entity: 'backup',
        changes: [{ field: 'file', old: { text: manual.name } }, { field: 'kind' }, { field: 'takenAt' }, { field: 'size' }],
      },
    ]);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
  });

  it('a backup to a folder that does not exist is refused with a clear message', async () => {
    const page = await openBackupTab();
    await page.getByTestId('backup-target').fill('/keine/solche/platte');
    await page.getByTestId('backup-now-to').click();
    await expect.poll(() => page.getByTestId('backup-error').textContent(), SLOW).toBe('Eingabe abgelehnt (folder).');
  });

  it('a damaged database shows the recovery screen, and restoring the newest good backup brings the desk back', async () => {
    const list = await api.listBackups({});
    const count = await todayCount();
    await api.backupNow({});
    await app.stop();
    const file = databaseFile(dataDir, false);
    const sqlite = new Database(file, { readonly: true });
    const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
    const root = Number(sqlite.prepare("select rootpage from sqlite_master where name = 'contacts'").pluck().get());
    sqlite.close();
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(pageSize / 2, 0x5a), 0, pageSize / 2, (root - 1) * pageSize + 8);
    closeSync(fd);

    app = await startAppProcess({ dataDir, port: 0 });
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.addInitScript(() => localStorage.setItem('kontaktdesk.uiLanguage', 'de'));
    const page = await context.newPage();
    await page.goto(app.url);
    const screen = page.getByTestId('startup-problem');
    await screen.waitFor();
    expect(await screen.getAttribute('data-state')).toBe('damaged');
    expect(await screen.textContent()).toContain('Die Datenbank ist beschädigt');
    expect(await screen.textContent()).toMatch(/Die neueste gute Sicherung ist vom /);
    await page.screenshot({ path: join(resultsDir, 'startup-damaged.png') });
    await page.getByTestId('startup-restore').click();
    await page.getByTestId('startup-restored').waitFor();
    await page.getByTestId('startup-continue').click();
    await expect.poll(() => page.getByTestId('today-count').textContent(), SLOW).toBe(String(count));
    expect(readdirSync(dataDir).some((n) => n.startsWith('kontaktdesk.sqlite.damaged-'))).toBe(true);
    expect(list.backups.length).toBeGreaterThan(0);
  });
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../core/api/contract';
import type { AppProcess } from '../support/app-process';
import { managementSession, unlockedContext } from './support/management';
import { startE2e, stopE2e } from './support/e2e-app';

/** Where the screenshots go: set KONTAKTDESK_SHOTS to keep them elsewhere. */
const shotsDir = process.env.KONTAKTDESK_SHOTS ?? join(process.cwd(), 'test-results');
/** Polls wait this long: the app answers over HTTP and re-renders, on a machine that may be busy. */
const SLOW = { timeout: 10_000 };

let dataDir: string;
let app: AppProcess;
let browser: Browser;
let api: Client;
let session: string;

beforeAll(async () => {
  ({ dataDir, app, browser } = await startE2e('topic-groups', ['--demo']));
  ({ api, session } = await managementSession(app.url));
  mkdirSync(shotsDir, { recursive: true });
}, 120_000);

afterAll(() => stopE2e({ dataDir, app, browser }));

/** The catalog's topic groups in a management tab, already unlocked, at this size and in this language. */
async function openGroups(viewport = { width: 1366, height: 768 }, lang: 'de' | 'en' = 'de'): Promise<Page & { errors: string[] }> {
  const context = await unlockedContext(browser, session, { viewport });
  await context.addInitScript((l) => localStorage.setItem('kontaktdesk.uiLanguage', l), lang);
  const page = (await context.newPage()) as Page & { errors: string[] };
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(`${app.url}#/reports/catalog`);
  await page.getByTestId('catalog-panel').waitFor();
  // By keyboard, as someone without a mouse would.
  await page.getByTestId('catalog-kind-topicGroup').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('catalog-groups-explain').waitFor();
  return page;
}

const topicId = async (labelDe: string) => (await api.getCatalog({})).topics.find((t) => t.labelDe === labelDe)!.id;
const groupNamed = async (labelDe: string) => (await api.getCatalog({})).topicGroups.find((g) => g.labelDe === labelDe);
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('topic groups (Themencluster) in the catalog editor, in real Chromium', { timeout: 90_000 }, () => {
  it('creates a group by keyboard: labels typed, topics ticked with Space, saved with Enter; the list shows its topics', async () => {
    const page = await openGroups();
    expect(squash(await page.getByTestId('catalog-panel').textContent())).toContain('Noch keine Einträge.');
    await page.getByTestId('catalog-new').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('catalog-entry-dialog').waitFor();
    await page.getByTestId('catalog-field-label-de').focus();
    await page.keyboard.type('Existenzsicherung');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Livelihood');
    for (const label of ['Arbeit', 'Grundsicherung/Sozialhilfe', 'Armut/Schulden']) {
      await page.getByTestId(`catalog-member-${await topicId(label)}`).focus();
      await page.keyboard.press('Space');
    }
    await page.screenshot({ path: join(shotsDir, 'topic-groups-dialog-1366.png') });
    await page.getByTestId('catalog-field-label-de').focus();
    await page.keyboard.press('Enter');

    await expect.poll(() => page.getByTestId('catalog-notice').textContent(), SLOW).toBe('„Existenzsicherung“ gespeichert.');
    const group = (await groupNamed('Existenzsicherung'))!;
    expect(group.topicIds).toEqual([await topicId('Arbeit'), await topicId('Grundsicherung/Sozialhilfe'), await topicId('Armut/Schulden')]);
    expect(squash(await page.getByTestId(`catalog-members-${group.id}`).textContent())).toBe('Arbeit, Grundsicherung/Sozialhilfe, Armut/Schulden');
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('refuses a topic another active group holds, naming both, and saves nothing', async () => {
    const page = await openGroups();
    await page.getByTestId('catalog-new').click();
    await page.getByTestId('catalog-field-label-de').fill('Schulden');
    await page.getByTestId('catalog-field-label-en').fill('Debt');
    await page.getByTestId(`catalog-member-${await topicId('Armut/Schulden')}`).check();
    await page.getByTestId('catalog-entry-save').click();
    await expect
      .poll(() => page.getByTestId('catalog-problems').textContent(), SLOW)
      .toBe('„Armut/Schulden“ gehört schon zum Themencluster „Existenzsicherung“ – dort zuerst herausnehmen.');
    expect(await groupNamed('Schulden')).toBeUndefined();

    // Another topic instead: saved.
    await page.getByTestId(`catalog-member-${await topicId('Armut/Schulden')}`).uncheck();
    await page.getByTestId(`catalog-member-${await topicId('Wohnen')}`).check();
    await page.getByTestId('catalog-entry-save').click();
    await expect.poll(() => page.getByTestId('catalog-notice').textContent(), SLOW).toBe('„Schulden“ gespeichert.');
    await page.context().close();
  });

  it('reorders with the keyboard, merges with a preview, and retires; the core agrees at each step', async () => {
    const page = await openGroups();
    const first = (await groupNamed('Existenzsicherung'))!;
    const second = (await groupNamed('Schulden'))!;
    await page.getByTestId(`catalog-up-${second.id}`).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await api.getCatalog({})).topicGroups.map((g) => g.id), SLOW).toEqual([second.id, first.id]);

    await page.getByTestId(`catalog-merge-${second.id}`).click();
    await page.getByTestId('catalog-merge-target').selectOption(String(first.id));
    await page.getByTestId('catalog-merge-check').click();
    await expect.poll(() => page.getByTestId('catalog-merge-preview').textContent(), SLOW).toBe('1 Thema kommt zu „Existenzsicherung“ dazu.');
    await page.getByTestId('catalog-merge-confirm').click();
    await expect.poll(() => page.getByTestId('catalog-notice').textContent(), SLOW).toBe('„Schulden“ in „Existenzsicherung“ zusammengeführt.');
    expect(await groupNamed('Schulden')).toMatchObject({ retired: true, mergedInto: first.id, topicIds: [] });
    expect((await groupNamed('Existenzsicherung'))!.topicIds).toContain(await topicId('Wohnen'));

    await page.getByTestId(`catalog-retire-${first.id}`).click();
    await page.getByTestId('catalog-retire-confirm').click();
    await expect.poll(async () => (await groupNamed('Existenzsicherung'))!.retired, SLOW).toBe(true);
    await page.getByTestId(`catalog-reactivate-${first.id}`).click();
    await expect.poll(async () => (await groupNamed('Existenzsicherung'))!.retired, SLOW).toBe(false);
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('looks right at 1366×768 and 390×844, in German and in English (screenshots)', async () => {
    await api.saveCatalogEntry({
      kind: 'topicGroup',
      labelDe: 'Gesundheit & Pflege',
      labelEn: 'Health & care',
      topicIds: [await topicId('Gesundheit'), await topicId('Pflege & Demenz')],
    });
    for (const [name, viewport] of [
      ['1366', { width: 1366, height: 768 }],
      ['390', { width: 390, height: 844 }],
    ] as const) {
      const page = await openGroups(viewport);
      await page.screenshot({ path: join(shotsDir, `topic-groups-${name}.png`), fullPage: true });
      await page.getByTestId(`catalog-edit-${(await groupNamed('Gesundheit & Pflege'))!.id}`).click();
      await page.getByTestId('catalog-entry-dialog').waitFor();
      await page.screenshot({ path: join(shotsDir, `topic-groups-dialog-${name}.png`) });
      // Nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      const english = await openGroups(viewport, 'en');
      expect(await english.getByTestId('catalog-kind-topicGroup').textContent()).toBe('Topic groups');
      await english.screenshot({ path: join(shotsDir, `topic-groups-en-${name}.png`), fullPage: true });
      await page.context().close();
      await english.context().close();
    }
  });
});

import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../core/api/contract';
import type { Topic } from '../../core/catalog/catalog-types';
import { contrastRatio, DARK_INK } from '../../renderer/ui/text-contrast';
import { quickPeriod, todayIn } from '../../renderer/reports/period';
import { projectRoot } from '../../scripts/paths';
import type { AppProcess } from '../support/app-process';
import { managementSession, unlockedContext } from './support/management';
import { startE2e, stopE2e } from './support/e2e-app';

const require = createRequire(import.meta.url);
const resultsDir = join(projectRoot, 'test-results');
/** Polls wait this long: the app answers over HTTP and re-renders, on a machine that may be busy. */
const SLOW = { timeout: 10_000 };

let dataDir: string;
let app: AppProcess;
let browser: Browser;
let api: Client;
let session: string;

beforeAll(async () => {
  ({ dataDir, app, browser } = await startE2e('catalog', ['--demo']));
  ({ api, session } = await managementSession(app.url));
  mkdirSync(resultsDir, { recursive: true });
}, 120_000);

afterAll(() => stopE2e({ dataDir, app, browser }));

/** A management tab, already unlocked, in the given UI language. */
async function openManagement(hash: string, lang: 'de' | 'en' = 'de'): Promise<Page> {
  const context = await unlockedContext(browser, session);
  await context.addInitScript((l) => localStorage.setItem('kontaktdesk.uiLanguage', l), lang);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(app.url + hash);
  await page.getByTestId('catalog-panel').waitFor();
  return page;
}

/** The desk as the counter sees it: no management session. `bypassCSP` lets a test inject axe-core. */
async function openDesk(options: { bypassCSP?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: options.bypassCSP ?? false });
  await context.addInitScript(() => localStorage.setItem('kontaktdesk.uiLanguage', 'de'));
  const page = await context.newPage();
  await page.goto(app.url);
  await expect.poll(() => page.getByTestId('today-count').textContent(), SLOW).toMatch(/^\d+$/);
  return page;
}

const topicByLabel = async (labelDe: string): Promise<Topic | undefined> => (await api.getCatalog({})).topics.find((t) => t.labelDe === labelDe);
const activeTopicIds = async () => (await api.getCatalog({})).topics.filter((t) => !t.retired).map((t) => t.id);
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
const thisMonth = async () => {
  const { settings } = await api.getCatalog({});
  return quickPeriod('thisMonth', todayIn(settings.timeZone), settings.openingDate);
};
/** A computed CSS colour, "rgb(29, 29, 31)", as #1d1d1f. */
const cssHex = (rgb: string) =>
  `#${rgb
    .match(/\d+/g)!
    .slice(0, 3)
    .map((c) => Number(c).toString(16).padStart(2, '0'))
    .join('')}`;
/** Text and background colour as Chromium renders an element. */
const renderedColours = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((el) => {
    const style = getComputedStyle(el);
    return { text: style.color, background: style.backgroundColor };
  });
const mentions = async (topicId: number) => {
  const report = await api.getReport({ ...(await thisMonth()), publication: false });
  return report.byTopic.mentions.rows.find((r) => r.key === topicId)?.n ?? 0;
};

describe('catalog editor in real Chromium against browser mode with demo history', { timeout: 60_000 }, () => {
  let debt: Topic;

  it('adds a topic with a hotkey and SDGs; the desk shows it as a button and its hotkey logs it', async () => {
    const page = await openManagement('#/reports/catalog');
    expect(await page.getByTestId('reports-tab-catalog').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('catalog-kind-topic').getAttribute('aria-pressed')).toBe('true');

    await page.getByTestId('catalog-new').click();
    const dialog = page.getByTestId('catalog-entry-dialog');
    await dialog.waitFor();
    await page.getByTestId('catalog-field-label-de').fill('Schulden');
    await page.getByTestId('catalog-field-label-en').fill('Debt');
    await page.getByTestId('catalog-field-hotkey').fill('x');
    await page.getByTestId('catalog-sdg-1').check();
    await page.getByTestId('catalog-sdg-10').check();
    await page.screenshot({ path: join(resultsDir, 'catalog-dialog.png') });
    await page.getByTestId('catalog-entry-save').click();

    await expect.poll(() => page.getByTestId('catalog-notice').textContent(), SLOW).toBe('„Schulden“ gespeichert.');
    debt = (await topicByLabel('Schulden'))!;
    expect(debt).toMatchObject({ labelEn: 'Debt', hotkey: 'x', sdgs: [1, 10], retired: false });
    const row = page.getByTestId(`catalog-row-${debt.id}`);
    expect(squash(await row.textContent())).toContain('X');
    expect(await row.locator('.sdg-badge').allTextContents()).toEqual(['1', '10']);

    const desk = await openDesk();
    const button = desk.getByTestId(`topic-${debt.id}`);
    expect(squash(await button.textContent())).toContain('Schulden');
    const before = Number(await desk.getByTestId('today-count').textContent());
    await desk.keyboard.press('x');
    await expect.poll(async () => Number(await desk.getByTestId('today-count').textContent()), SLOW).toBe(before + 1);
    await button.click();
    await expect.poll(async () => Number(await desk.getByTestId('today-count').textContent()), SLOW).toBe(before + 2);
    const today = await api.listDay({});
    expect(today.contacts.filter((c) => c.topicIds.includes(debt.id))).toHaveLength(2);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await desk.context().close();
    await page.context().close();
  });

  it('renames a topic: the desk shows the new name', async () => {
    const page = await openManagement('#/reports/catalog');
    await page.getByTestId(`catalog-edit-${debt.id}`).click();
    await page.getByTestId('catalog-field-label-de').fill('Schulden & Kredite');
    // Enter in the dialog saves.
    await page.getByTestId('catalog-field-label-de').press('Enter');
    await expect.poll(() => page.getByTestId('catalog-notice').textContent(), SLOW).toBe('„Schulden & Kredite“ gespeichert.');
    expect(await page.getByTestId(`catalog-name-${debt.id}`).textContent()).toBe('Schulden & Kredite');

    const desk = await openDesk();
    expect(squash(await desk.getByTestId(`topic-${debt.id}`).textContent())).toContain('Schulden & Kredite');
    await desk.context().close();
    await page.context().close();
  });

  it('refuses a hotkey another topic has, naming that topic, and saves nothing', async () => {
    const page = await openManagement('#/reports/catalog');
    await page.getByTestId('catalog-new').click();
    await page.getByTestId('catalog-field-label-de').fill('Mietrecht');
    await page.getByTestId('catalog-field-label-en').fill('Tenancy law');
    await page.getByTestId('catalog-field-hotkey').fill('1');
    await page.getByTestId('catalog-entry-save').click();
    await expect.poll(() => page.getByTestId('catalog-problems').textContent(), SLOW).toBe('Die Taste „1“ hat schon „Arbeit“.');
    expect(await page.getByTestId('catalog-field-hotkey').getAttribute('aria-invalid')).toBe('true');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('catalog-entry-dialog').count(), SLOW).toBe(0);
    expect(await topicByLabel('Mietrecht')).toBeUndefined();
    await page.context().close();
  });

  it('reorders with the keyboard: the up button moves the topic and keeps the focus; the desk follows', async () => {
    const page = await openManagement('#/reports/catalog');
    const before = await activeTopicIds();
    expect(before.at(-1)).toBe(debt.id);
    await page.getByTestId(`catalog-up-${debt.id}`).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('catalog-notice').textContent(), SLOW).toContain('Reihenfolge gespeichert');
    const expected = [...before.slice(0, -2), debt.id, before.at(-2)!];
    expect(await activeTopicIds()).toEqual(expected);
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    await expect.poll(focused, SLOW).toBe(`catalog-up-${debt.id}`);
    await page.keyboard.press('Enter');
    await expect.poll(activeTopicIds, SLOW).toEqual([...before.slice(0, -3), debt.id, before.at(-3)!, before.at(-2)!]);

    const desk = await openDesk();
    const order = await desk.locator('[data-testid^="topic-"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-testid')!.slice(6))));
    expect(order.filter((n) => Number.isInteger(n) && n > 0)).toEqual(await activeTopicIds());
    await desk.context().close();
    await page.context().close();
  });

  it('retires a topic: it vanishes from the desk and its past contacts still count in the report', async () => {
    const education = (await topicByLabel('Bildung'))!;
    const period = { ...(await thisMonth()), publication: false };
    const before = await api.getReport(period);
    const counted = before.byTopic.mentions.rows.find((r) => r.key === education.id)!.n!;
    expect(counted).toBeGreaterThan(0);

    const page = await openManagement('#/reports/catalog');
    await page.getByTestId(`catalog-retire-${education.id}`).click();
    // It asks first, and says what happens: off the desk, history kept, hotkey A free.
    const dialog = page.getByTestId('catalog-retire-dialog');
    await dialog.waitFor();
    expect(squash(await dialog.innerText())).toBe(
      '„Bildung“ ausscheiden? Der Schalter bietet dieses Thema danach nicht mehr an. Bisherige Kontakte zählen weiter in den Auswertungen, auch in früheren Monaten. ' +
        '„Reaktivieren“ holt den Eintrag jederzeit zurück. Die Taste A wird frei für ein anderes Thema; beim Reaktivieren bekommt „Bildung“ sie nicht von selbst zurück. Abbrechen Ausscheiden',
    );
    expect(await topicByLabel('Bildung')).toMatchObject({ retired: false, hotkey: 'a' });
    await page.screenshot({ path: join(resultsDir, 'catalog-retire-dialog.png') });
    await page.getByTestId('catalog-retire-confirm').click();
    await expect
      .poll(() => page.getByTestId('catalog-notice').textContent(), SLOW)
      .toBe('„Bildung“ ausgeschieden. Bisherige Kontakte bleiben in den Auswertungen.');
    expect(await dialog.count()).toBe(0);
    expect(await topicByLabel('Bildung')).toMatchObject({ retired: true, hotkey: null });
    expect(squash(await page.getByTestId(`catalog-row-${education.id}`).textContent())).toContain('ausgeschieden');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), SLOW).toBe(`catalog-reactivate-${education.id}`);

    const desk = await openDesk();
    expect(await desk.getByTestId(`topic-${education.id}`).count()).toBe(0);
    await desk.context().close();

    const after = await api.getReport(period);
    expect(after.byTopic.mentions.rows.find((r) => r.key === education.id)).toMatchObject({ n: counted, retired: true });
    await page.getByTestId('reports-tab-report').click();
    await expect.poll(async () => squash(await page.getByTestId('table-topics').textContent()), SLOW).toContain('Bildung');
    await page.context().close();
  });

  it('cancelling the retire question changes nothing; reactivating is one click', async () => {
    const housing = (await topicByLabel('Wohnen'))!;
    expect(housing).toMatchObject({ retired: false, hotkey: '2' });
    const page = await openManagement('#/reports/catalog');
    await page.getByTestId(`catalog-retire-${housing.id}`).click();
    const dialog = page.getByTestId('catalog-retire-dialog');
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toBe('„Wohnen“ ausscheiden?');
    expect(await page.getByTestId('catalog-retire-hotkey').textContent()).toContain('Die Taste 2 wird frei');
    await page.getByTestId('catalog-retire-cancel').click();
    await expect.poll(() => dialog.count(), SLOW).toBe(0);
    // The keyboard is back on the button it came from.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), SLOW).toBe(`catalog-retire-${housing.id}`);
    expect(await topicByLabel('Wohnen')).toMatchObject({ retired: false, hotkey: '2' });
    expect(squash(await page.getByTestId(`catalog-row-${housing.id}`).textContent())).toContain('aktiv');
    expect(await page.getByTestId('catalog-notice').count()).toBe(0);

    // Bildung, retired above, comes back without a question.
    const education = (await topicByLabel('Bildung'))!;
    await page.getByTestId(`catalog-reactivate-${education.id}`).click();
    await expect.poll(() => page.getByTestId('catalog-notice').textContent(), SLOW).toBe('„Bildung“ ist wieder aktiv.');
    expect(await dialog.count()).toBe(0);
    expect(await topicByLabel('Bildung')).toMatchObject({ retired: false });
    await page.context().close();
  });

  it('merges with a dry-run message first, then confirms; the report shows the merged total', async () => {
    const poverty = (await topicByLabel('Armut/Schulden'))!;
    const [povertyBefore, debtBefore] = [await mentions(poverty.id), await mentions(debt.id)];
    expect(debtBefore).toBe(2);

    const page = await openManagement('#/reports/catalog');
    await page.getByTestId(`catalog-merge-${debt.id}`).click();
    await page.getByTestId('catalog-merge-target').selectOption(String(poverty.id));
    await page.getByTestId('catalog-merge-check').click();
    await expect.poll(() => page.getByTestId('catalog-merge-preview').textContent(), SLOW).toBe('2 Kontakte werden „Armut/Schulden“ zugeordnet.');
    // Nothing happened yet.
    expect(await mentions(debt.id)).toBe(2);
    await page.screenshot({ path: join(resultsDir, 'catalog-merge.png') });

    await page.getByTestId('catalog-merge-confirm').click();
    await expect
      .poll(() => page.getByTestId('catalog-notice').textContent(), SLOW)
      .toBe('„Schulden & Kredite“ in „Armut/Schulden“ zusammengeführt; 2 Kontakte neu zugeordnet.');
    expect(squash(await page.getByTestId(`catalog-row-${debt.id}`).textContent())).toContain('zusammengeführt in „Armut/Schulden“');
    expect(await page.getByTestId(`catalog-merge-${debt.id}`).count()).toBe(0);
    expect(await mentions(poverty.id)).toBe(povertyBefore + debtBefore);
    expect(await topicByLabel('Schulden & Kredite')).toMatchObject({ retired: true, mergedInto: poverty.id });

    // The report screen (this month) shows the merged figure on the target's row.
    await page.getByTestId('reports-tab-report').click();
    const report = await api.getReport({ ...(await thisMonth()), publication: false });
    const contacts = report.byTopic.contacts.rows.find((r) => r.key === poverty.id)!.n!;
    const row = page.getByTestId('table-topics').locator('tbody tr', { hasText: 'Armut/Schulden' });
    await expect.poll(async () => squash(await row.textContent()), SLOW).toContain(new Intl.NumberFormat('de').format(contacts));
    expect(await page.getByTestId('table-topics').locator('tbody tr', { hasText: 'Schulden & Kredite' }).count()).toBe(0);
    await page.context().close();
  });

  it('a light topic colour gets dark text at the desk (at least 4.5 : 1, axe agrees), and the editor previews it', async () => {
    const saved = await api.saveCatalogEntry({ kind: 'topic', labelDe: 'Energiekosten', labelEn: 'Energy costs', color: '#ffd54f', hotkey: 'g', sdgs: [7] });
    const energy = saved.entry;

    const desk = await openDesk({ bypassCSP: true });
    const testId = `topic-${energy.id}`;
    await desk.getByTestId(testId).waitFor();
    const onDesk = await renderedColours(desk, testId);
    expect(cssHex(onDesk.background)).toBe('#ffd54f');
    expect(cssHex(onDesk.text)).toBe(DARK_INK);
    expect(contrastRatio(cssHex(onDesk.text), cssHex(onDesk.background))).toBeGreaterThanOrEqual(4.5);
    // Every other topic button reads too: the seed's dark colours keep white text.
    const buttons = await desk
      .locator('.topic-button')
      .evaluateAll((els) => els.map((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]));
    expect(buttons.length).toBeGreaterThan(10);
    for (const [text, background] of buttons) expect(contrastRatio(cssHex(text!), cssHex(background!)), `${text} on ${background}`).toBeGreaterThanOrEqual(4.5);
    await desk.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const violations = await desk.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(options: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
      return (await axe.run({ runOnly: { type: 'rule', values: ['color-contrast'] } })).violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
    });
    expect(violations).toEqual([]);
    await desk.screenshot({ path: join(resultsDir, 'desk-light-topic.png') });
    await desk.context().close();

    // The editor shows the desk button as it will look, and follows the colour field live.
    const page = await openManagement('#/reports/catalog');
    await page.getByTestId(`catalog-edit-${energy.id}`).click();
    await page.getByTestId('catalog-entry-dialog').waitFor();
    const preview = await renderedColours(page, 'catalog-topic-preview');
    expect([cssHex(preview.background), cssHex(preview.text)]).toEqual(['#ffd54f', DARK_INK]);
    const previewButton = page.getByTestId('catalog-topic-preview');
    expect([await previewButton.locator('.topic-label').textContent(), await previewButton.locator('kbd').textContent()]).toEqual(['Energiekosten', 'G']);
    expect(await page.getByTestId('catalog-topic-contrast').textContent()).toBe('Kontrast der Schrift: 11,9 : 1');
    await page.screenshot({ path: join(resultsDir, 'catalog-dialog-light-topic.png') });
    await page.getByTestId('catalog-field-color').fill('#1d5f8a');
    await expect.poll(async () => cssHex((await renderedColours(page, 'catalog-topic-preview')).text), SLOW).toBe('#ffffff');
    expect(await page.getByTestId('catalog-topic-contrast').textContent()).toBe('Kontrast der Schrift: 6,9 : 1');
    // Only a preview: closing the dialog saves nothing.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('catalog-entry-dialog').count(), SLOW).toBe(0);
    expect((await topicByLabel('Energiekosten'))!.color).toBe('#ffd54f');
    await page.context().close();
  });

  it('looks right in German and in English (screenshots)', async () => {
    const page = await openManagement('#/reports/catalog');
    await page.screenshot({ path: join(resultsDir, 'catalog.png'), fullPage: true });
    await page.getByTestId('catalog-kind-language').click();
    expect(squash(await page.getByTestId('catalog-list').textContent())).toContain('Deutsch');
    await page.screenshot({ path: join(resultsDir, 'catalog-languages.png') });

    const english = await openManagement('#/reports/catalog', 'en');
    expect(await english.getByTestId('catalog-panel').locator('h2').textContent()).toBe('Catalog');
    expect(await english.getByTestId('catalog-kind-organisation').textContent()).toBe('Referrals');
    await english.screenshot({ path: join(resultsDir, 'catalog-en.png'), fullPage: true });
    await english.getByTestId(`catalog-edit-${(await topicByLabel('Gewaltschutz'))!.id}`).click();
    await english.getByTestId('catalog-entry-dialog').waitFor();
    await english.screenshot({ path: join(resultsDir, 'catalog-dialog-en.png') });
    await page.context().close();
    await english.context().close();
  });
});

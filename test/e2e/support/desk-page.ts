import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The four screen sizes the desk must work at: desk PC, small laptop/tablet landscape, tablet portrait, phone. */
export const SCREENS = [
  { name: '1366x768', width: 1366, height: 768 },
  { name: '1024x768', width: 1024, height: 768 },
  { name: '768x1024', width: 768, height: 1024 },
  { name: '390x844', width: 390, height: 844 },
] as const;

/** A desk tab as a desk PC opens it: in the site's zone and language, at the given size. */
export async function openDesk(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number } = { width: 1366, height: 768 },
  options: { bypassCSP?: boolean } = {},
): Promise<Page> {
  // bypassCSP only where a test injects axe-core; the app's own CSP stays on otherwise.
  const context = await browser.newContext({ viewport, timezoneId: 'Europe/Vienna', locale: 'de-AT', bypassCSP: options.bypassCSP ?? false });
  // German unless someone on the page picked another language (a reload keeps that pick).
  await context.addInitScript(() => localStorage.getItem('kontaktdesk.uiLanguage') ?? localStorage.setItem('kontaktdesk.uiLanguage', 'de'));
  const page = await context.newPage();
  await page.goto(url);
  await expect.poll(() => page.getByTestId('today-count').getAttribute('data-count')).toMatch(/^\d+$/);
  return page;
}

/** "Kontakte heute" as a number (read from its attribute: the text has thousands separators). */
export const todayCount = async (page: Page) => Number(await page.getByTestId('today-count').getAttribute('data-count'));

/** What the database file itself says, read beside the running app (WAL allows a second reader). */
export function dbRows<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Every topic button's box, by test id: what must not move while people tap. */
export const topicBoxes = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll<HTMLElement>('#topics .topic-button')].map((b) => {
        const r = b.getBoundingClientRect();
        return [b.dataset.testid!, { x: r.x, y: r.y + window.scrollY, width: r.width, height: r.height }];
      }),
    ),
  );

/** axe-core's serious and critical findings on the page as it is now. */
export async function seriousAxeViolations(page: Page, axePath: string): Promise<{ id: string; impact: string; nodes: number }[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

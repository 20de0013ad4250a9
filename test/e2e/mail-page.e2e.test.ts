import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeReportMail } from '../../core/mail/compose-mail';
import { MAIL_WORDS } from '../../core/mail/mail-text';
import { PUBLICATION_NOTES } from '../../core/publication/publication-notes';
import { launchChromium } from '../../tools/chromium';
import { MARCH, openFilterFixture, type FilterFixture } from '../exports/filter-fixture';
import { deliver, scheduleOf } from '../mail/compose-fixture';
import { startSmtpServer, type SmtpServer } from '../support/smtp-server';

/**
 * The report mail's HTML body as a recipient's mail client gets it (issue 18): composed, sent through
 * a real SMTP server (aiosmtpd), parsed with mailparser, then shown in real Chromium with
 * `page.setContent`, as a mail client renders a message. axe-core finds no violation at all (every
 * impact), in German and in English, and the body loads nothing from anywhere.
 */

const require = createRequire(import.meta.url);

let f: FilterFixture;
let smtp: SmtpServer;
let browser: Browser;

beforeAll(async () => {
  f = await openFilterFixture();
  smtp = await startSmtpServer();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await smtp?.stop();
  await f?.core.dispose();
});

/** Every axe-core violation on the page, whatever its impact. */
async function axeViolations(page: Page): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
}

describe('the report mail in a browser', () => {
  it('has no axe-core violation in either language, and loads nothing', async () => {
    for (const [i, language] of (['de', 'en'] as const).entries()) {
      const schedule = scheduleOf({ language, formats: ['pdf'] });
      await deliver(smtp, await composeReportMail(f.core.context, schedule, MARCH), schedule.recipients, `<kontaktdesk-axe-${language}@leibnitz.at>`);
      const received = (await smtp.waitForMessages(i + 1))[i]!;
      expect(received.messageId).toBe(`<kontaktdesk-axe-${language}@leibnitz.at>`);
      const html = received.html as string;
      expect(html).toContain('<main>');

      for (const viewport of [
        { width: 1366, height: 768 },
        { width: 390, height: 844 },
      ]) {
        const context = await browser.newContext({ viewport, locale: language === 'de' ? 'de-AT' : 'en-GB' });
        const page = await context.newPage();
        const requests: string[] = [];
        page.on('request', (r) => requests.push(r.url()));
        await page.setContent(html, { waitUntil: 'load' });
        expect(await page.locator('html').getAttribute('lang')).toBe(language);
        // The line about the PDF left out (browser mode) is on the page, in its language.
        expect(await page.locator('.publication-note').allTextContents()).toEqual([PUBLICATION_NOTES.cellKey[language], MAIL_WORDS[language].pdfLeftOut]);
        expect(requests).toEqual([]);
        expect(await axeViolations(page)).toEqual([]);
        await context.close();
      }
    }
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_MAX_PAYLOAD_BYTES } from '../../core/base/limits';
import { LOCKED_MESSAGE } from '../../core/management/management-gate';
import { SESSION_HEADER } from '../../server/http-server';
import type { AppProcess } from '../support/app-process';
import { startE2e, stopE2e } from './support/e2e-app';
import { managementSession } from './support/management';

/**
 * A page in real Chromium uploading megabytes that the app refuses before reading them (no
 * management session; a file over the import limit): the page reads the refusal every time, not a
 * network error. Chromium sends the whole body before it reads any answer, so the server must not
 * close the connection while the body is still coming.
 */

const TRIES = 10;

let dataDir: string;
let app: AppProcess;
let browser: Browser;
let page: Page;
let session: string;

beforeAll(async () => {
  ({ dataDir, app, browser } = await startE2e('early-refusals'));
  ({ session } = await managementSession(app.url));
  page = await browser.newPage();
  await page.goto(app.url);
}, 120_000);

afterAll(() => stopE2e({ dataDir, app, browser }));

/** `TRIES` POSTs from the page of a JSON body of `bytes` bytes; each try's status and JSON, or the error fetch threw. */
const tryFromPage = (method: string, bytes: number, headers: Record<string, string> = {}) =>
  page.evaluate(
    async ({ method, bytes, headers, tries }) => {
      const body = `{"pad":"${'A'.repeat(bytes - 10)}"}`;
      const answers: unknown[] = [];
      for (let i = 0; i < tries; i++) {
        try {
          const res = await fetch(`/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
          answers.push({ status: res.status, body: await res.json() });
        } catch (err) {
          answers.push(String(err));
        }
      }
      return answers;
    },
    { method, bytes, headers, tries: TRIES },
  );

const every = (status: number, error: Record<string, unknown>) =>
  Array.from({ length: TRIES }, () => ({ status, body: { ok: false, error: expect.objectContaining(error) } }));

describe('early refusals of large uploads in real Chromium', { timeout: 120_000 }, () => {
  it('a 7 MB import without a management session: the page reads the 401 every time', async () => {
    const answers = await tryFromPage('commitImport', 7 * 1024 * 1024);

    expect(answers).toEqual(every(401, { code: 'locked', message: LOCKED_MESSAGE }));
  });

  it('an import over its payload limit with a session: the page reads the 413 every time', async () => {
    const answers = await tryFromPage('commitImport', IMPORT_MAX_PAYLOAD_BYTES + 1024 * 1024, { [SESSION_HEADER]: session });

    expect(answers).toEqual(every(413, { code: 'payload_too_large', message: expect.stringContaining(String(IMPORT_MAX_PAYLOAD_BYTES)) }));
  });

  it('the page still works afterwards: a contact logged through the same connection pool', async () => {
    const status = await page.evaluate(async () => {
      const res = await fetch('/api/listDay', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      return res.status;
    });

    expect(status).toBe(200);
  });
});

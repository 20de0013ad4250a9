import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../core/catalog/catalog-types';
import { seedCatalogIfEmpty } from '../../core/catalog/seed-catalog';
import { openCore } from '../../core/open-core';
import { snapshotDatabase } from '../support/db-snapshot';
import { queryValue } from '../support/sql-rows';
import { openTempCore, type TempCore } from '../support/temp-core';
import { createTestPostgresDatabase, onPostgres } from '../support/test-database';

let core: TempCore;
let catalog: Catalog;

beforeEach(async () => {
  core = await openTempCore();
  catalog = await core.handlers.getCatalog({});
});

afterEach(async () => {
  await core.dispose();
});

const count = async (table: string) => Number(await queryValue(core.database.db, `select count(*) as n from ${table}`));

describe('a new database', () => {
  it('has about a dozen topics, in order, each with a label in German and English and a colour', () => {
    expect(catalog.topics.length).toBeGreaterThanOrEqual(10);
    expect(catalog.topics.length).toBeLessThanOrEqual(14);
    for (const topic of catalog.topics) {
      expect(topic.labelDe.trim()).not.toBe('');
      expect(topic.labelEn.trim()).not.toBe('');
      expect(topic.color).toMatch(/^#[0-9a-f]{6}$/i);
      expect(topic.retired).toBe(false);
    }
    const labels = catalog.topics.map((t) => t.labelDe);
    expect(labels).toEqual(expect.arrayContaining(['Arbeit', 'Wohnen', 'Gesundheit', 'Gewaltschutz']));
    const positions = catalog.topics.map((t) => t.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('gives the topics unique hotkeys: 1 to 9 first, then letters', () => {
    const hotkeys = catalog.topics.map((t) => t.hotkey);

    expect(new Set(hotkeys).size).toBe(hotkeys.length);
    expect(hotkeys.slice(0, 9)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    for (const key of hotkeys.slice(9)) expect(key).toMatch(/^[a-z]$/);
  });

  it('knows the partner organisations of Leibnitz', () => {
    const names = catalog.organisations.map((o) => o.name);
    const expected = [
      /^AMS\b/,
      /^BH Leibnitz$/,
      /^Caritas\b/,
      /^Volkshilfe\b/,
      /^ZEBRA\b/,
      /^StoP\b/,
      /^Frauen- und Mädchenberatung\b/,
      /^Schuldnerberatung\b/,
      /^Pflegedrehscheibe\b/,
    ];
    for (const pattern of expected)
      expect(
        names.some((n) => pattern.test(n)),
        `an organisation matching ${pattern}`,
      ).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it('offers about a dozen languages under valid, unique ISO 639-1 codes, German first', () => {
    const codes = catalog.languages.map((l) => l.code);
    const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

    expect(codes.length).toBeGreaterThanOrEqual(10);
    expect(codes.length).toBeLessThanOrEqual(15);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(code).toMatch(/^[a-z]{2}$/);
      expect(names.of(code), `ISO 639-1 code "${code}"`).toBeTruthy();
    }
    expect(codes[0]).toBe('de');
  });

  it('has the desk "Sozial-Info" and the site settings in Vienna time', () => {
    expect(catalog.desks.map((d) => d.name)).toEqual(['Sozial-Info']);
    expect(catalog.settings.timeZone).toBe('Europe/Vienna');
    expect(catalog.settings.openingDate).toBe('2021-06-01');
  });

  it('holds no contacts and no audit rows', async () => {
    expect(await count('contacts')).toBe(0);
    expect(await count('contact_topics')).toBe(0);
    expect(await count('contact_referrals')).toBe(0);
    expect(await count('audit_log')).toBe(0);
  });
});

describe('reopening', () => {
  /** These tests open one database twice, so they make their own: a file in a temp folder, or a fresh database on the run's PostgreSQL server. */
  async function ownDatabase(): Promise<{ location: { file: string } | { postgres: string }; remove(): Promise<void> }> {
    if (onPostgres()) {
      const database = await createTestPostgresDatabase();
      return { location: { postgres: database.url }, remove: () => database.drop() };
    }
    const dir = mkdtempSync(join(tmpdir(), 'kontaktdesk-reopen-'));
    return { location: { file: join(dir, 'kontaktdesk.sqlite') }, remove: async () => rmSync(dir, { recursive: true, force: true }) };
  }

  it('the same database is not seeded twice', async () => {
    const own = await ownDatabase();
    try {
      const first = await openCore(own.location);
      const before = await snapshotDatabase(first.database.db);
      await first.close();

      const again = await openCore(own.location);
      try {
        expect(await snapshotDatabase(again.database.db)).toEqual(before);
        expect(await seedCatalogIfEmpty(again.database.db)).toBe(false);
        expect(await snapshotDatabase(again.database.db)).toEqual(before);
      } finally {
        await again.close();
      }
    } finally {
      await own.remove();
    }
  });

  it('a catalog the site has changed is kept as it is', async () => {
    const own = await ownDatabase();
    try {
      const first = await openCore(own.location);
      const catalog = await first.handlers.getCatalog({});
      await first.context.db.updateTable('topics').set({ retired_at: 1 }).where('id', '=', catalog.topics[0]!.id).execute();
      await first.close();

      const again = await openCore(own.location);
      try {
        const reopened = await again.handlers.getCatalog({});
        expect(reopened.topics.length).toBe(catalog.topics.length);
        expect(reopened.topics[0]!.retired).toBe(true);
      } finally {
        await again.close();
      }
    } finally {
      await own.remove();
    }
  });
});

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseBackupName } from '../../core/backup/backup-names';
import { automaticBackupsToDelete, automaticKind, backupsToDelete, DEFAULT_ROTATION } from '../../core/backup/rotation';
import { BACKUP_KINDS, type BackupKind } from '../../core/backup/backup-kinds';
import { startBackupSchedule } from '../../core/app/backup-schedule';
import { openTempCore, type TempCore } from '../support/temp-core';

const DAY = 86_400_000;
const at = (iso: string) => Date.parse(iso);
const days = (start: string, n: number, hour = 'T06:00:00Z') =>
  Array.from({ length: n }, (_, i) => ({ name: String(i), at: at(start + hour) + i * DAY, seq: 0 }));

describe('rotation', () => {
  it('keeps the newest backup of the last 7 days, 4 ISO weeks and 12 months', () => {
    // One backup a day from 1 Jan 2025 to 25 Nov 2026 (Wednesday).
    const all = days('2025-01-01', 694);
    const kept = all.filter((b) => !backupsToDelete(all, DEFAULT_ROTATION).includes(b)).map((b) => new Date(b.at).toISOString().slice(0, 10));
    expect(kept).toEqual(
      [
        // 7 days
        '2026-11-19',
        '2026-11-20',
        '2026-11-21',
        '2026-11-22',
        '2026-11-23',
        '2026-11-24',
        '2026-11-25',
        // ISO weeks: this one's newest is 25 Nov, last week's Sunday 22 Nov is a day already; then the Sundays 15 and 8 Nov
        '2026-11-08',
        '2026-11-15',
        // last day of the 11 months before November
        '2025-12-31',
        '2026-01-31',
        '2026-02-28',
        '2026-03-31',
        '2026-04-30',
        '2026-05-31',
        '2026-06-30',
        '2026-07-31',
        '2026-08-31',
        '2026-09-30',
        '2026-10-31',
      ].sort(),
    );
  });

  it('keeps several backups of one day as one slot, the newest', () => {
    const sameDay = [0, 1, 2].map((h) => ({ name: `h${h}`, at: at('2026-11-25T06:00:00Z') + h * 3_600_000, seq: 0 }));
    expect(backupsToDelete(sameDay, DEFAULT_ROTATION).map((b) => b.name)).toEqual(['h1', 'h0']);
  });

  it('labels an automatic backup by the largest slot it opens', () => {
    const existing = [{ at: at('2026-11-24T06:00:00Z'), kind: 'daily' as const }]; // Tuesday
    expect(automaticKind(at('2026-11-25T06:00:00Z'), existing)).toBe('daily');
    expect(automaticKind(at('2026-11-30T06:00:00Z'), existing)).toBe('weekly'); // next Monday
    expect(automaticKind(at('2026-12-01T06:00:00Z'), existing)).toBe('monthly');
    expect(automaticKind(at('2026-12-01T06:00:00Z'), [])).toBe('monthly');
  });

  it('only ever deletes automatic backups: the other kinds are neither deleted nor fill a slot', () => {
    const automatic = days('2025-01-01', 694).map((b) => ({ ...b, kind: 'daily' as BackupKind }));
    // One of every other kind on every 5th day, all through the same calendar, and one newer than every automatic one.
    const others = BACKUP_KINDS.filter((k) => !['daily', 'weekly', 'monthly'].includes(k)).flatMap((kind) =>
      days('2025-01-01', 695, 'T07:00:00Z')
        .filter((_, i) => i % 5 === 0 || i === 694)
        .map((b) => ({ ...b, name: `${kind}-${b.name}`, kind })),
    );
    const deleted = automaticBackupsToDelete([...others, ...automatic], DEFAULT_ROTATION);
    expect(deleted.filter((b) => !['daily', 'weekly', 'monthly'].includes(b.kind))).toEqual([]);
    // Exactly what the automatic ones alone would lose: the others never take a day, week or month away from them.
    expect(deleted.map((b) => b.name).sort()).toEqual(
      backupsToDelete(automatic, DEFAULT_ROTATION)
        .map((b) => b.name)
        .sort(),
    );
    expect(automatic.length - deleted.length).toBe(20);
  });

  it('labels by the automatic backups only: a manual backup or safety copy does not take the month’s or week’s slot', () => {
    const monday = at('2026-11-30T06:00:00Z');
    for (const kind of ['manual', 'prerestore', 'premigration'] as const) {
      expect(
        automaticKind(at('2026-12-01T06:00:00Z'), [
          { at: at('2026-12-01T05:00:00Z'), kind },
          { at: monday, kind: 'daily' },
        ]),
      ).toBe('monthly');
      expect(
        automaticKind(at('2026-12-02T06:00:00Z'), [
          { at: at('2026-12-01T05:00:00Z'), kind },
          { at: at('2026-11-20T06:00:00Z'), kind: 'daily' },
        ]),
      ).toBe('monthly');
    }
    expect(
      automaticKind(at('2026-12-08T06:00:00Z'), [
        { at: at('2026-12-07T05:00:00Z'), kind: 'manual' },
        { at: at('2026-12-01T06:00:00Z'), kind: 'monthly' },
      ]),
    ).toBe('weekly');
  });
});

describe('automatic backups over months', () => {
  let core: TempCore;
  afterEach(async () => {
    vi.useRealTimers();
    await core.dispose();
  });

  it('the daily timer backs up and rotates the folder, across month ends', async () => {
    core = await openTempCore(at('2026-01-01T05:00:00Z'));
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const schedule = await startBackupSchedule(core.context.backups, {
      intervalMs: DAY,
      report: (err) => {
        throw err;
      },
    });
    for (let i = 1; i <= 120; i++) {
      core.clock.advance(DAY);
      await vi.advanceTimersByTimeAsync(DAY);
      await schedule.idle();
    }
    schedule.stop();
    const names = readdirSync(join(core.dir, 'backups')).sort();
    const parsed = names.map((n) => parseBackupName(n)!);
    const daysKept = parsed.map((b) => new Date(b.at).toISOString().slice(0, 10));
    // 121 backups (1 Jan to 1 May): 7 days, the Sundays of 3 earlier weeks, and the month ends of Jan–Mar (Apr's is a week's).
    expect(daysKept).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-12',
      '2026-04-19',
      '2026-04-25',
      '2026-04-26',
      '2026-04-27',
      '2026-04-28',
      '2026-04-29',
      '2026-04-30',
      '2026-05-01',
    ]);
    // The first backup of each month was labelled monthly when written (kept only if it still fills a slot).
    expect(parsed.find((b) => daysKept[parsed.indexOf(b)] === '2026-05-01')?.kind).toBe('monthly');
    expect(parsed.filter((b) => b.kind === 'daily').length).toBeGreaterThan(0);
    // A timer that fires no more after stop().
    const before = readdirSync(join(core.dir, 'backups')).length;
    core.clock.advance(DAY);
    await vi.advanceTimersByTimeAsync(DAY);
    await schedule.idle();
    expect(readdirSync(join(core.dir, 'backups')).length).toBe(before);
  });
});

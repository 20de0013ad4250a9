import { describe, expect, it } from 'vitest';
import { backupSize, backupTime } from '../../renderer/manage/backup/backup-format';
import { keepCountsValid } from '../../renderer/manage/backup/keep-counts';

describe('backup panel formats', () => {
  it('shows a backup’s time in the site’s zone, across summer time', () => {
    expect(backupTime(Date.parse('2026-11-25T05:30:12Z'), 'de', 'Europe/Vienna')).toBe('25.11.2026, 06:30');
    expect(backupTime(Date.parse('2026-07-01T05:30:12Z'), 'de', 'Europe/Vienna')).toBe('01.07.2026, 07:30');
    expect(backupTime(Date.parse('2026-11-25T05:30:12Z'), 'de', 'UTC', true)).toBe('25.11.2026, 05:30 UTC');
  });

  it('sizes in KB below a megabyte, MB below a gigabyte, then GB, in the language’s number format', () => {
    expect(backupSize(163_840, 'de')).toBe('160 KB');
    expect(backupSize(19_000_000, 'de')).toBe('18,1 MB');
    expect(backupSize(19_000_000, 'en')).toBe('18.1 MB');
    expect(backupSize(1_000_000_000, 'de')).toBe('953,7 MB');
    expect(backupSize(1_073_217_536, 'de')).toBe('1.023,5 MB');
    expect(backupSize(3_650_000_000, 'de')).toBe('3,4 GB');
    expect(backupSize(3_650_000_000, 'en')).toBe('3.4 GB');
    // An empty folder's total.
    expect(backupSize(0, 'de')).toBe('0 KB');
  });

  it('accepts whole rotation counts with at least one daily backup', () => {
    expect(keepCountsValid({ daily: '7', weekly: '4', monthly: '12' })).toBe(true);
    expect(keepCountsValid({ daily: '0', weekly: '4', monthly: '12' })).toBe(false);
    expect(keepCountsValid({ daily: '7', weekly: '', monthly: '12' })).toBe(false);
    expect(keepCountsValid({ daily: '7', weekly: '2.5', monthly: '12' })).toBe(false);
  });
});

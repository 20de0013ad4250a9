import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../support/run-script';

interface Phase {
  sent: number;
  acknowledged: number;
  failed: number;
}

interface ProcessFigures extends Phase {
  process: number;
  pid: number;
  url: string;
  phases: Phase[];
  storedOnce: number;
  missing: number;
  duplicated: number;
}

interface LoadJson {
  database: string;
  processes?: number;
  phases: Phase[];
  total: Phase;
  check: Record<string, number | boolean>;
  perProcess?: ProcessFigures[];
}

function loadJson(stdout: string): LoadJson {
  const line = stdout.split('\n').find((l) => l.startsWith('LOAD_JSON '));
  expect(line).toBeDefined();
  return JSON.parse(line!.slice('LOAD_JSON '.length)) as LoadJson;
}

describe('npm run load-test', () => {
  it('logs over HTTP from several desks and a burst; every acknowledged contact is stored exactly once', async () => {
    const run = await runScript('tools/load-test.ts', ['--desks', '3', '--seconds', '2', '--burst', '20']);
    expect(run.stderr).toBe('');
    const json = loadJson(run.stdout);
    expect(json.phases.map((p) => p.sent)).toEqual([6, 20]);
    for (const p of [...json.phases, json.total]) expect(p.sent).toBe(p.acknowledged + p.failed);
    expect(json.check).toMatchObject({ missing: 0, duplicated: 0, unexpected: 0, ok: true });
    expect(json.check.totalRows).toBe(json.total.acknowledged + (json.check.storedUnacknowledged as number));
    expect(run.code).toBe(0);
  });

  it('on PostgreSQL too: a throw-away server, the same taps, every acknowledged contact stored exactly once', async () => {
    const run = await runScript('tools/load-test.ts', ['--database', 'postgres', '--desks', '3', '--seconds', '2', '--burst', '20']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/load test: postgres postgres:\/\/postgres@127\.0\.0\.1:\d+\/kontaktdesk_load \(throw-away local server, fsync on\)/);
    const json = loadJson(run.stdout);
    expect(json.database).toBe('postgres');
    expect(json.phases.map((p) => p.sent)).toEqual([6, 20]);
    expect(json.check).toMatchObject({ missing: 0, duplicated: 0, unexpected: 0, ok: true, totalRows: json.total.acknowledged });
    expect(run.code).toBe(0);
  });

  it('with --processes 2 on PostgreSQL: two app processes on one database, each served its desks and its half of the burst, every contact stored once', async () => {
    const run = await runScript('tools/load-test.ts', ['--processes', '2', '--desks', '2', '--seconds', '2', '--burst', '10', '--database', 'postgres']);
    expect(run.stderr).toBe('');
    const json = loadJson(run.stdout);
    expect(json).toMatchObject({ database: 'postgres', processes: 2 });
    // 2 processes × 2 desks × 2 s, then the burst of 10.
    expect(json.phases.map((p) => p.sent)).toEqual([8, 10]);
    expect(json.check).toMatchObject({ missing: 0, duplicated: 0, unexpected: 0, ok: true, totalRows: json.total.acknowledged });
    const [first, second] = json.perProcess!;
    expect(json.perProcess).toHaveLength(2);
    // Two separate OS processes, each at its own address.
    expect(first!.pid).not.toBe(second!.pid);
    expect(first!.url).not.toBe(second!.url);
    for (const p of json.perProcess!) {
      expect(p.phases.map((phase) => phase.sent)).toEqual([4, 5]);
      expect(p.acknowledged).toBeGreaterThan(0);
      expect(p).toMatchObject({ storedOnce: p.acknowledged, missing: 0, duplicated: 0 });
    }
    expect(first!.acknowledged + second!.acknowledged).toBe(json.total.acknowledged);
    expect(run.stdout).toMatch(/^process 1 +\d+ /m);
    expect(run.stdout).toMatch(/^process 2 +\d+ /m);
    expect(run.code).toBe(0);
  }, 120_000);

  it('refuses --processes 2 on SQLite (the single-instance lock) with exit code 2, pointing to PostgreSQL, and creates nothing', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'kontaktdesk-load-refused-'));
    try {
      const dataDir = join(parent, 'data');
      const run = await runScript('tools/load-test.ts', ['--processes', '2', '--seconds', '1', '--data', dataDir]);
      expect(run.stderr).toMatch(/--processes 2 needs PostgreSQL/);
      expect(run.stderr).toMatch(/single-instance lock/);
      expect(run.stderr).toMatch(/--database postgres/);
      expect(run.stdout).toBe('');
      expect(existsSync(dataDir)).toBe(false);
      expect(run.code).toBe(2);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('refuses an unknown database kind clearly, with exit code 2', async () => {
    const run = await runScript('tools/load-test.ts', ['--database', 'mysql://127.0.0.1/kontaktdesk']);
    expect(run.stderr).toMatch(/--database must be sqlite, postgres or a postgres:\/\/ URL/);
    expect(run.code).toBe(2);
  });
});

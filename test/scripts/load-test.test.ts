import { describe, expect, it } from 'vitest';
import { runScript } from '../support/run-script';

interface Phase {
  sent: number;
  acknowledged: number;
  failed: number;
}

interface LoadJson {
  database: string;
  phases: Phase[];
  total: Phase;
  check: Record<string, number | boolean>;
}

function loadJson(stdout: string): LoadJson {
  const line = stdout.split('\n').find((l) => l.startsWith('LOAD_JSON '));
  expect(line).toBeDefined();
  return JSON.parse(line!.slice('LOAD_JSON '.length)) as LoadJson;
}

describe('npm run load-test', () => {
  it('logs over HTTP from several desks and a burst; every acknowledged contact is stored exactly once', async () => {
    const run = await runScript('load-test.ts', ['--desks', '3', '--seconds', '2', '--burst', '20']);
    expect(run.stderr).toBe('');
    const json = loadJson(run.stdout);
    expect(json.phases.map((p) => p.sent)).toEqual([6, 20]);
    for (const p of [...json.phases, json.total]) expect(p.sent).toBe(p.acknowledged + p.failed);
    expect(json.check).toMatchObject({ missing: 0, duplicated: 0, unexpected: 0, ok: true });
    expect(json.check.totalRows).toBe(json.total.acknowledged + (json.check.storedUnacknowledged as number));
    expect(run.code).toBe(0);
  });

  it('on PostgreSQL too: a throw-away server, the same taps, every acknowledged contact stored exactly once', async () => {
    const run = await runScript('load-test.ts', ['--database', 'postgres', '--desks', '3', '--seconds', '2', '--burst', '20']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/load test: postgres postgres:\/\/postgres@127\.0\.0\.1:\d+\/kontaktdesk_load \(throw-away local server, fsync on\)/);
    const json = loadJson(run.stdout);
    expect(json.database).toBe('postgres');
    expect(json.phases.map((p) => p.sent)).toEqual([6, 20]);
    expect(json.check).toMatchObject({ missing: 0, duplicated: 0, unexpected: 0, ok: true, totalRows: json.total.acknowledged });
    expect(run.code).toBe(0);
  });

  it('refuses an unknown database kind clearly, with exit code 2', async () => {
    const run = await runScript('load-test.ts', ['--database', 'mysql://127.0.0.1/kontaktdesk']);
    expect(run.stderr).toMatch(/--database must be sqlite, postgres or a postgres:\/\/ URL/);
    expect(run.code).toBe(2);
  });
});

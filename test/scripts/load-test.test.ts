import { describe, expect, it } from 'vitest';
import { runScript } from '../support/run-script';

interface Phase {
  sent: number;
  acknowledged: number;
  failed: number;
}

describe('npm run load-test', () => {
  it('logs over HTTP from several desks and a burst; every acknowledged contact is stored exactly once', async () => {
    const run = await runScript('load-test.ts', ['--desks', '3', '--seconds', '2', '--burst', '20']);
    expect(run.stderr).toBe('');
    const line = run.stdout.split('\n').find((l) => l.startsWith('LOAD_JSON '));
    expect(line).toBeDefined();
    const json = JSON.parse(line!.slice('LOAD_JSON '.length)) as { phases: Phase[]; total: Phase; check: Record<string, number | boolean> };
    expect(json.phases.map((p) => p.sent)).toEqual([6, 20]);
    for (const p of [...json.phases, json.total]) expect(p.sent).toBe(p.acknowledged + p.failed);
    expect(json.check).toMatchObject({ missing: 0, duplicated: 0, unexpected: 0, ok: true });
    expect(json.check.totalRows).toBe(json.total.acknowledged + (json.check.storedUnacknowledged as number));
    expect(run.code).toBe(0);
  });

  it('refuses PostgreSQL for now, clearly, with exit code 2', async () => {
    const run = await runScript('load-test.ts', ['--database', 'postgres://127.0.0.1/kontaktdesk']);
    expect(run.stderr).toMatch(/PostgreSQL is not available yet/);
    expect(run.code).toBe(2);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeFindings, readReviewed, scanShell, type Finding } from '../../tools/electronegativity';

// Electronegativity parses every file of electron/ and renderer/: a few seconds.
const SCAN_TIMEOUT = 60_000;

describe('Electronegativity over the desktop shell and the renderer', () => {
  let findings: Finding[];
  beforeAll(async () => {
    findings = await scanShell();
  }, SCAN_TIMEOUT);

  it('reports no high-severity finding', () => {
    expect(judgeFindings(findings, []).high).toEqual([]);
  });

  it('reports no medium finding that is not reviewed in electron/electronegativity-reviewed.json', () => {
    expect(judgeFindings(findings, readReviewed()).unreviewedMedium).toEqual([]);
  });

  it('has a one-line reason for every reviewed finding, and no review of a finding that is gone', () => {
    const reviewed = readReviewed();
    for (const review of reviewed) expect(review.reason.trim().length, review.id).toBeGreaterThan(20);
    expect(judgeFindings(findings, reviewed).staleReviews).toEqual([]);
  });

  it('sees the options at the window constructor: isolation, sandbox, no Node, no middle-click popups', () => {
    const ids = findings.map((f) => f.id);
    for (const id of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'NODE_INTEGRATION_JS_CHECK', 'AUXCLICK_JS_CHECK']) expect(ids).not.toContain(id);
    // Found across files: navigation limits, the permission handler and a CSP.
    for (const id of ['LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']) expect(ids).not.toContain(id);
    expect(findings.filter((f) => f.id === 'CSP_GLOBAL_CHECK').every((f) => f.severity === 'LOW' || f.severity === 'INFORMATIONAL')).toBe(true);
  });
});

describe('the Electronegativity gate', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'kontaktdesk-insecure-shell-'));
    mkdirSync(join(root, 'electron'));
    mkdirSync(join(root, 'renderer'));
    writeFileSync(
      join(root, 'electron', 'main.ts'),
      "import { BrowserWindow } from 'electron';\nexport const win = new BrowserWindow({ webPreferences: { contextIsolation: false, nodeIntegration: true, sandbox: false } });\n",
    );
    writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>x</title><script src="http://cdn.example/x.js"></script>');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('fails an insecure shell', { timeout: SCAN_TIMEOUT }, async () => {
    const verdict = judgeFindings(await scanShell(root), readReviewed());
    expect(verdict.high.map((f) => f.id)).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']));
    expect(verdict.unreviewedMedium.length).toBeGreaterThan(0);
  });

  it('flags a review whose finding is gone', () => {
    const verdict = judgeFindings([], [{ id: 'PRELOAD_JS_CHECK', file: 'electron/old.ts', reason: 'reviewed long ago' }]);
    expect(verdict.staleReviews).toHaveLength(1);
  });
});

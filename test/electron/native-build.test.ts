import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../../scripts/build-electron';
import { buildDesktopRun, hasElectronBuild, markElectronBuild } from '../../scripts/rebuild-native';
import { stageApp } from '../../scripts/stage-app';

const ROOT = join(__dirname, '..', '..');

// The rebuild itself needs Electron's headers from the network; here the staged copy keeps its
// Node build and stands in for the rebuilt one.
describe('the desktop dev run (npm start with Electron)', () => {
  let work: string;
  let appDir: string;
  let rendererDir: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'kontaktdesk-native-'));
    const builtDir = join(work, 'built');
    await buildElectron(join(builtDir, 'electron'));
    mkdirSync(join(builtDir, 'renderer'), { recursive: true });
    writeFileSync(join(builtDir, 'renderer', 'index.html'), '<!doctype html><title>staged</title>');
    appDir = join(work, 'native-app');
    stageApp(ROOT, appDir, builtDir);
    rendererDir = join(work, 'renderer-now');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>current</title>');
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('counts a copy as rebuilt only for the Electron version it was built for', () => {
    expect(hasElectronBuild(appDir, '45.4.0')).toBe(false);
    markElectronBuild(appDir, '45.4.0');
    expect(hasElectronBuild(appDir, '45.4.0')).toBe(true);
    expect(hasElectronBuild(appDir, '46.0.0')).toBe(false);
  });

  it('runs the shell from the rebuilt copy, where better-sqlite3 resolves to the Electron build', async () => {
    markElectronBuild(appDir, '45.4.0');
    writeFileSync(join(appDir, 'dist', 'renderer', 'stale.js'), 'old');
    const { main, rebuilt } = await buildDesktopRun({ appDir, rendererDir, electronVersion: '45.4.0' });
    expect(rebuilt).toBe(true);
    expect(main).toBe(join(appDir, 'dist', 'electron', 'main.cjs'));
    const fromMain = createRequire(main);
    expect(fromMain.resolve('better-sqlite3').startsWith(join(appDir, 'node_modules') + sep)).toBe(true);
    expect(fromMain.resolve('better-sqlite3').startsWith(join(ROOT, 'node_modules'))).toBe(false);
    // main.ts serves ../renderer next to its own folder: the current renderer, nothing stale.
    expect(readFileSync(join(appDir, 'dist', 'renderer', 'index.html'), 'utf8')).toContain('current');
    expect(existsSync(join(appDir, 'dist', 'renderer', 'stale.js'))).toBe(false);
  });
});

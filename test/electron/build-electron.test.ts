import { builtinModules } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../core/base/method-names';
import { buildElectron, type ElectronBuild } from '../../scripts/build-electron';

let outDir: string;
let built: ElectronBuild;
let mainCode: string;
let preloadCode: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'kontaktdesk-electron-build-'));
  built = await buildElectron(outDir);
  mainCode = readFileSync(built.main, 'utf8');
  preloadCode = readFileSync(built.preload, 'utf8');
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const requiredModules = (code: string) => [...code.matchAll(/\brequire\(\s*([^)]*?)\s*\)/g)].map((m) => m[1]);
const enablesNode = /nodeIntegration\w*\s*:\s*(true|!0|1)\b/;

describe('electron bundle', () => {
  it('writes main.cjs and preload.cjs side by side', () => {
    expect(built.main).toBe(join(outDir, 'main.cjs'));
    expect(built.preload).toBe(join(outDir, 'preload.cjs'));
    expect(existsSync(built.main)).toBe(true);
    expect(existsSync(built.preload)).toBe(true);
  });

  it('the preload requires nothing but electron, as a sandboxed preload must', () => {
    const modules = requiredModules(preloadCode);
    expect(modules.length).toBeGreaterThan(0);
    expect(new Set(modules)).toEqual(new Set(['"electron"']));
  });

  it('the preload runs with only electron available and exposes the contract methods', () => {
    const exposed: Record<string, Record<string, unknown>> = {};
    const sandboxRequire = (id: string) => {
      if (id !== 'electron') throw new Error(`a sandboxed preload cannot require "${id}"`);
      return {
        contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => (exposed[key] = api) },
        ipcRenderer: { invoke: async () => ({ ok: true, value: null }) },
      };
    };
    new Function('require', 'module', 'exports', preloadCode)(sandboxRequire, { exports: {} }, {});
    expect(Object.keys(exposed)).toEqual(['kontaktdesk', 'kontaktdeskShell', 'kontaktdeskChanges']);
    expect(Object.keys(exposed.kontaktdesk!).sort()).toEqual([...methodNames].sort());
    expect(Object.keys(exposed.kontaktdeskChanges!)).toEqual(['subscribe']);
  });

  it('main keeps electron and the native better-sqlite3 external and bundles the rest', () => {
    const modules = new Set(requiredModules(mainCode));
    expect(modules).toContain('"electron"');
    expect(modules).toContain('"better-sqlite3"');
    const builtins = new Set(builtinModules.map((name) => `"${name}"`));
    const others = [...modules].filter((m) => !['"electron"', '"better-sqlite3"'].includes(m!) && !m!.startsWith('"node:') && !builtins.has(m!));
    expect(others).toEqual([]);
    expect(mainCode).toContain('preload.cjs');
  });

  it('main.cjs starts under a stand-in electron and, as a second instance, quits', () => {
    const app = {
      setPath: vi.fn(),
      getPath: () => outDir,
      requestSingleInstanceLock: vi.fn(() => false),
      quit: vi.fn(),
    };
    // Resolve externals from the project, as the packaged app does from its own node_modules.
    const nodeRequire = createRequire(import.meta.url);
    const requireInBundle = (id: string) => (id === 'electron' ? { app } : nodeRequire(id));
    const module = { exports: {} };
    new Function('require', 'module', 'exports', '__filename', '__dirname', mainCode)(requireInBundle, module, module.exports, built.main, outDir);
    expect(app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(app.quit).toHaveBeenCalled();
  });

  it('neither bundle turns Node integration on', () => {
    expect(mainCode).toContain('nodeIntegration: false');
    expect(mainCode).not.toMatch(enablesNode);
    expect(preloadCode).not.toMatch(enablesNode);
  });
});

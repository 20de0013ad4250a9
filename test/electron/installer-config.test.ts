import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { minimatch } from 'minimatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_NAME } from '../../core/app/data-location';
import { buildElectron } from '../../scripts/build-electron';
import { packageTargets, STAGING_DIR } from '../../scripts/package';
import { bundleRequires, productionPackages, stageApp } from '../../scripts/stage-app';

const ROOT = join(__dirname, '..', '..');
const projectManifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const config = JSON.parse(readFileSync(join(ROOT, 'electron-builder.json'), 'utf8'));
const devDependencies = Object.keys(projectManifest.devDependencies);
const NODE_BUILT_SQLITE = join(ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

/** electron-builder's reading of `files`: a path ships when the last pattern that matches it is not a negation. */
function shipped(path: string): boolean {
  let included = false;
  for (const pattern of config.files as string[]) {
    const negated = pattern.startsWith('!');
    if (minimatch(path, negated ? pattern.slice(1) : pattern, { dot: true })) included = !negated;
  }
  return included;
}

function pngSize(file: string) {
  const png = readFileSync(file);
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const fingerprint = (file: string) => ({
  sha256: createHash('sha256').update(readFileSync(file)).digest('hex'),
  mtimeMs: statSync(file).mtimeMs,
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema validation", async () => {
    const require = createRequire(join(ROOT, 'node_modules', 'app-builder-lib', 'package.json'));
    const { validateConfiguration } = require('./out/util/config/config.js');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, nsis: { ...config.nsis, oneClik: false } }, new DebugLogger(false))).rejects.toThrow(/configuration\.nsis/);
  });

  it('builds an NSIS installer for Windows and an AppImage and a deb for Linux', () => {
    expect(config.win.target.map((t: { target: string }) => t.target)).toEqual(['nsis']);
    expect(config.linux.target.map((t: { target: string }) => t.target)).toEqual(['AppImage', 'deb']);
  });

  it('names the app Kontaktdesk, so Electron and browser mode agree on the data folder', () => {
    expect(config.appId).toBe('at.kontaktdesk.app');
    expect(config.productName).toBe(APP_NAME);
    expect(projectManifest.productName).toBe(APP_NAME);
  });

  it('installs per user into a folder the user may change, with desktop and start-menu shortcuts', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      shortcutName: 'Kontaktdesk',
    });
  });

  it('keeps the database when the app is uninstalled', () => {
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
  });

  it('has real icons: 256 and 512 px PNGs for Linux and a 256 px .ico for Windows', () => {
    expect(config.linux.icon).toBe('build/icons');
    expect(pngSize(join(ROOT, 'build', 'icons', '256x256.png'))).toEqual({ width: 256, height: 256 });
    expect(pngSize(join(ROOT, 'build', 'icons', '512x512.png'))).toEqual({ width: 512, height: 512 });

    expect(config.win.icon).toBe('build/icon.ico');
    const ico = readFileSync(join(ROOT, 'build', 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 1]);
    expect([ico[6], ico[7]]).toEqual([0, 0]); // 0 means 256 px
    const offset = ico.readUInt32LE(18);
    const embedded = ico.subarray(offset, offset + ico.readUInt32LE(14));
    expect(embedded.readUInt32BE(16)).toBe(256);
    expect(embedded.equals(readFileSync(join(ROOT, 'build', 'icons', '256x256.png')))).toBe(true);
  });

  it("unpacks better-sqlite3's native module from the asar archive", () => {
    expect(config.asar).toBe(true);
    const unpacked = (path: string) => (config.asarUnpack as string[]).some((p) => minimatch(path, p, { dot: true }));
    expect(config.asarUnpack).toContain('**/better-sqlite3/**/*.node');
    expect(unpacked('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true);
    expect(unpacked('node_modules/better-sqlite3/lib/index.js')).toBe(false);
    expect(unpacked('dist/electron/main.cjs')).toBe(false);
  });

  it('ships the built shell and renderer', () => {
    for (const path of [
      'package.json',
      'dist/electron/main.cjs',
      'dist/electron/preload.cjs',
      'dist/renderer/index.html',
      'dist/renderer/assets/index-abc.js',
    ]) {
      expect(shipped(path), path).toBe(true);
    }
  });

  it('ships no sources, sourcemaps, tests, scripts or tool links', () => {
    for (const path of [
      'dist/electron/main.cjs.map',
      'dist/renderer/assets/index-abc.js.map',
      'electron/main.ts',
      'core/db/open-sqlite.ts',
      'renderer/App.tsx',
      'test/electron/main.test.ts',
      'scripts/package.ts',
      'tools/bench.ts',
      'vite.config.ts',
      'README.md',
      'node_modules/.bin/tsc',
      'node_modules/better-sqlite3/src/better_sqlite3.cpp',
      'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c',
      'node_modules/better-sqlite3/build/Release/obj.target/better_sqlite3/src/better_sqlite3.o',
      'node_modules/better-sqlite3/build/Release/test_extension.node',
    ]) {
      expect(shipped(path), path).toBe(false);
    }
  });

  it('packs the staging folder, where the native rebuild for Electron happens, not the project', () => {
    expect(config.directories.app).toBe('dist/app');
    expect(join(ROOT, config.directories.app)).toBe(STAGING_DIR);
    expect(config.directories.buildResources).toBe('build');
    // Output outside dist/ (which electron-builder would otherwise use) and outside the app folder.
    expect(config.directories.output).toBe('release');
    expect(config.npmRebuild).toBe(true);
    expect(config.nodeGypRebuild).toBe(false);
  });
});

describe('npm run package', () => {
  it('takes --win and/or --linux and refuses anything else', () => {
    expect(packageTargets(['--win'])).toEqual(['win']);
    expect(packageTargets(['--linux', '--win'])).toEqual(['linux', 'win']);
    expect(() => packageTargets([])).toThrow(/--win \| --linux/);
    expect(() => packageTargets(['--mac'])).toThrow(/unknown option --mac/);
  });
});

describe('production packages', () => {
  const lock = {
    packages: {
      '': {},
      'node_modules/a': {
        dependencies: { b: '1' },
        optionalDependencies: { 'a-linux': '1', 'a-win': '1' },
        peerDependencies: { p: '1', q: '1' },
        peerDependenciesMeta: { q: { optional: true } },
      },
      'node_modules/b': { dependencies: { c: '2' } },
      'node_modules/b/node_modules/c': {},
      'node_modules/c': {},
      'node_modules/a-linux': { optional: true },
      'node_modules/a-win': { optional: true },
      'node_modules/p': {},
      'node_modules/q': {},
      'node_modules/dev-only': { dev: true },
    },
  };

  it('follows dependencies the way Node resolves them, with installed optional ones and required peers', () => {
    const installed = (path: string) => path !== 'node_modules/a-win';
    expect(productionPackages(lock, { dependencies: { a: '1' } }, installed)).toEqual([
      'node_modules/a',
      'node_modules/a-linux',
      'node_modules/b',
      'node_modules/b/node_modules/c',
      'node_modules/p',
    ]);
  });

  it('refuses to stage into the project itself or a folder holding it, which it would empty', () => {
    expect(() => stageApp(ROOT, ROOT)).toThrow(/refusing/);
    expect(() => stageApp(ROOT, join(ROOT, '..'))).toThrow(/refusing/);
  });

  it('names a dependency missing from the lock file', () => {
    expect(() => productionPackages(lock, { dependencies: { zzz: '1' } }, () => true)).toThrow(/zzz/);
  });

  it('finds the packages a bundle still requires, ignoring Node built-ins and electron', () => {
    const code = 'require("fs");require("node:path");require("electron");require("better-sqlite3");require("@scope/pkg/sub");require("./local")';
    expect(bundleRequires(code)).toEqual(['@scope/pkg', 'better-sqlite3']);
  });
});

describe('staging the app for packaging', () => {
  let work: string;
  let appDir: string;
  let staged: string[];
  let packages: string[];
  let before: ReturnType<typeof fingerprint>;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'kontaktdesk-stage-'));
    const builtDir = join(work, 'built');
    await buildElectron(join(builtDir, 'electron'));
    mkdirSync(join(builtDir, 'renderer', 'assets'), { recursive: true });
    writeFileSync(join(builtDir, 'renderer', 'index.html'), '<!doctype html><title>Kontaktdesk</title>');
    writeFileSync(join(builtDir, 'renderer', 'assets', 'index-abc.js'), 'console.log("desk")');
    writeFileSync(join(builtDir, 'renderer', 'assets', 'index-abc.js.map'), '{}');
    before = fingerprint(NODE_BUILT_SQLITE);
    appDir = join(work, 'app');
    ({ packages } = stageApp(ROOT, appDir, builtDir));
    staged = filesUnder(appDir);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('lays out package.json, dist/electron, dist/renderer and node_modules, nothing else', () => {
    expect(readdirSync(appDir).sort()).toEqual(['dist', 'node_modules', 'package.json']);
    expect(readdirSync(join(appDir, 'dist')).sort()).toEqual(['electron', 'renderer']);
    expect(readdirSync(join(appDir, 'dist', 'electron')).sort()).toEqual(['main.cjs', 'preload.cjs']);
    expect(staged).toContain('dist/renderer/index.html');
    expect(staged).toContain('dist/renderer/assets/index-abc.js');
  });

  it('leaves out sourcemaps, TypeScript sources, tests and tool links', () => {
    const ours = staged.filter((f) => !f.startsWith('node_modules/'));
    expect(ours.filter((f) => f.endsWith('.map') || f.endsWith('.ts') || f.endsWith('.tsx'))).toEqual([]);
    expect(staged.filter((f) => /^(test|scripts|electron|core|renderer|server|migrations)\//.test(f))).toEqual([]);
    expect(existsSync(join(appDir, 'node_modules', '.bin'))).toBe(false);
  });

  it('writes a package.json with only the production packages the desktop bundle loads', () => {
    const manifest = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: 'kontaktdesk', productName: 'Kontaktdesk', version: projectManifest.version, main: 'dist/electron/main.cjs' });
    expect(Object.keys(manifest.dependencies)).toEqual(['better-sqlite3']);
    expect(manifest.dependencies['better-sqlite3']).toBe(projectManifest.dependencies['better-sqlite3']);
    expect(manifest.devDependencies).toBeUndefined();
    expect(manifest.scripts).toBeUndefined();
    expect(Object.keys(manifest.dependencies).filter((d) => devDependencies.includes(d))).toEqual([]);
  });

  it('copies no development package into node_modules', () => {
    const copied = packages.map((p) => p.split('node_modules/').pop());
    expect(copied.filter((name) => devDependencies.includes(name!))).toEqual([]);
    for (const dev of ['electron', 'electron-builder', 'vitest', 'typescript', 'esbuild', 'vite', '@electron/rebuild']) {
      expect(existsSync(join(appDir, 'node_modules', dev)), dev).toBe(false);
    }
    // kysely, zod and exceljs are bundled into main.cjs; React and chart.js into the renderer.
    for (const bundled of ['kysely', 'zod', 'exceljs', 'react', 'chart.js']) {
      expect(existsSync(join(appDir, 'node_modules', bundled)), bundled).toBe(false);
    }
  });

  it('resolves every package the main bundle requires inside the staging folder', () => {
    const main = join(appDir, 'dist', 'electron', 'main.cjs');
    const requireFromMain = createRequire(main);
    for (const name of bundleRequires(readFileSync(main, 'utf8'))) {
      expect(requireFromMain.resolve(name).startsWith(appDir + sep), name).toBe(true);
    }
    expect(requireFromMain.resolve('bindings').startsWith(appDir + sep)).toBe(true);
    expect(existsSync(join(appDir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
    // The rebuild for Electron compiles from these when no prebuilt binary can be fetched.
    expect(existsSync(join(appDir, 'node_modules', 'better-sqlite3', 'binding.gyp'))).toBe(true);
    expect(existsSync(join(appDir, 'node_modules', 'better-sqlite3', 'deps'))).toBe(true);
  });

  it("never touches the project's Node-built better-sqlite3, and copies it rather than linking it", () => {
    expect(fingerprint(NODE_BUILT_SQLITE)).toEqual(before);
    const copy = join(appDir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    // A separate inode: the Electron-ABI rebuild overwrites the copy, never the original.
    expect(statSync(copy).ino).not.toBe(statSync(NODE_BUILT_SQLITE).ino);
  });
});

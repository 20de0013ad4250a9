import { build, type BuildOptions } from 'esbuild';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * For the Node bundles in CommonJS (the desktop main; the crash test's child is bundled the same way): there `import.meta` would be
 * empty, so `import.meta.url` becomes the bundle's own file URL. Core code that locates itself needs
 * it: the backup check's worker loads better-sqlite3 from where its module was loaded (verify-worker.ts).
 */
const CJS_IMPORT_META_URL = {
  inject: [join(ROOT, 'scripts', 'stubs', 'import-meta-url.js')],
  define: { 'import.meta.url': 'bundleFileUrl' },
};

/** How the desktop main is bundled (exported so a test can bundle a probe of the core the same way). */
export const MAIN_BUNDLE_OPTIONS: BuildOptions = {
  bundle: true,
  format: 'cjs',
  logLevel: 'warning',
  absWorkingDir: ROOT,
  platform: 'node',
  target: 'node20',
  external: ['electron', 'better-sqlite3'],
  // node-postgres's optional libpq binding, reached only through `pg.native`, which the app never uses.
  alias: { 'pg-native': join(ROOT, 'scripts', 'stubs', 'pg-native.cjs') },
  ...CJS_IMPORT_META_URL,
};

export interface ElectronBuild {
  main: string;
  preload: string;
}

/**
 * Bundles the desktop shell into `outDir` (default dist/electron), next to which main expects
 * `preload.cjs` and `../renderer`. better-sqlite3 stays external: its native module is rebuilt
 * for Electron's ABI when packaging. The preload runs sandboxed, where only `electron` can be
 * required, so everything else is bundled in and any Node built-in fails the build.
 */
export async function buildElectron(outDir = join(ROOT, 'dist', 'electron')): Promise<ElectronBuild> {
  const main = join(outDir, 'main.cjs');
  const preload = join(outDir, 'preload.cjs');
  const common = { bundle: true, format: 'cjs', sourcemap: 'linked', logLevel: 'warning', absWorkingDir: ROOT } as const;
  await Promise.all([
    build({
      ...MAIN_BUNDLE_OPTIONS,
      sourcemap: 'linked',
      entryPoints: [join(ROOT, 'electron', 'main.ts')],
      outfile: main,
    }),
    build({
      ...common,
      entryPoints: [join(ROOT, 'electron', 'preload.ts')],
      outfile: preload,
      platform: 'browser',
      target: 'chrome140',
      external: ['electron'],
    }),
  ]);
  return { main, preload };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const out = await buildElectron();
  console.log(`built ${out.main} and ${out.preload}`);
}

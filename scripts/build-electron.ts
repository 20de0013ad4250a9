import { build } from 'esbuild';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');

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
      ...common,
      entryPoints: [join(ROOT, 'electron', 'main.ts')],
      outfile: main,
      platform: 'node',
      target: 'node20',
      external: ['electron', 'better-sqlite3'],
      // node-postgres's optional libpq binding, reached only through `pg.native`, which the app never uses.
      alias: { 'pg-native': join(ROOT, 'scripts', 'stubs', 'pg-native.cjs') },
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

import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * The staging folder electron-builder packs (its `directories.app`): the built shell and
 * renderer, a package.json with only the production dependencies, and real copies of those
 * dependencies. electron-builder rebuilds better-sqlite3 for Electron's ABI *here*, so the
 * Node-built module in the project's node_modules, which the tests load, is never touched.
 *
 * Copying from the installed tree (rather than `npm ci --omit=dev`) ships exactly the versions the
 * tests ran against and needs no network.
 */

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

interface PackageLock {
  packages: Record<string, LockEntry>;
}

export interface ProjectManifest {
  name: string;
  productName?: string;
  version: string;
  description?: string;
  main: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** Where Node would find `name` when required from the package installed at `from` ('' is the project). */
function resolveInLock(lock: PackageLock, from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!dir) return undefined;
    const parent = dir.lastIndexOf('/node_modules/');
    dir = parent === -1 ? '' : dir.slice(0, parent);
  }
}

/**
 * The lock paths (`node_modules/x`, `node_modules/x/node_modules/y`) the app needs at run time:
 * the production dependencies and everything they require, walked through the lock file the
 * way Node resolves them. Optional dependencies count only where npm installed them (the
 * platform's own binaries); optional peers are left out.
 */
export function productionPackages(lock: PackageLock, manifest: Pick<ProjectManifest, 'dependencies'>, installed: (lockPath: string) => boolean): string[] {
  const found = new Set<string>();
  const visit = (from: string, entry: Pick<LockEntry, 'dependencies' | 'optionalDependencies' | 'peerDependencies' | 'peerDependenciesMeta'>) => {
    const required = [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}).filter((name) => !entry.peerDependenciesMeta?.[name]?.optional),
    ];
    const optional = Object.keys(entry.optionalDependencies ?? {});
    for (const [name, isOptional] of [...required.map((n) => [n, false] as const), ...optional.map((n) => [n, true] as const)]) {
      const path = resolveInLock(lock, from, name);
      if (!path) {
        if (isOptional) continue;
        throw new Error(`package-lock.json has no entry for ${name}, required by ${from || 'the project'}: run npm ci`);
      }
      if (found.has(path)) continue;
      if (isOptional && !installed(path)) continue;
      found.add(path);
      visit(path, lock.packages[path]!);
    }
  };
  visit('', { dependencies: manifest.dependencies });
  return [...found].sort();
}

/**
 * The packages a bundle built by scripts/build-electron.ts still loads at run time: everything
 * else (kysely, zod, exceljs, …) is bundled in, and the renderer's libraries live in
 * dist/renderer. In practice this is better-sqlite3, the one native module.
 */
export function bundleRequires(code: string): string[] {
  const names = new Set<string>();
  for (const [, specifier] of code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
    if (!specifier || specifier.startsWith('.') || specifier.startsWith('node:') || specifier === 'electron') continue;
    const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
    if (!builtinModules.includes(name)) names.add(name);
  }
  return [...names].sort();
}

/**
 * The package.json the installed app carries: what Electron and electron-builder read, and as
 * dependencies only the production packages the bundles still require.
 */
export function stagedManifest(manifest: ProjectManifest, required: string[]) {
  const dependencies: Record<string, string> = {};
  for (const name of required) {
    const range = manifest.dependencies?.[name];
    if (!range) throw new Error(`the desktop bundle requires ${name}, which is not a production dependency in package.json`);
    dependencies[name] = range;
  }
  return {
    name: manifest.name,
    productName: manifest.productName,
    version: manifest.version,
    description: manifest.description,
    main: manifest.main,
    author: manifest.productName ?? manifest.name,
    private: true,
    dependencies,
  };
}

const skipBuildLeftovers = (file: string) => !file.endsWith('.map');

/**
 * Fills `appDir` (emptied first) from the project at `projectRoot`: `package.json`,
 * `dist/electron/*.cjs`, `dist/renderer/**` and `node_modules/<production>`. The built files come
 * from `builtDir` (default: the project's dist/; run `npm run build` before); sourcemaps are left behind.
 */
export function stageApp(projectRoot: string, appDir: string, builtDir = join(projectRoot, 'dist')): { packages: string[] } {
  // The folder is emptied: never let that be the project or a folder holding it.
  const fromApp = relative(resolve(appDir), resolve(projectRoot));
  if (!fromApp.startsWith('..') && !isAbsolute(fromApp)) throw new Error(`refusing to stage into ${appDir}, which holds the project`);
  const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as ProjectManifest;
  const lock = JSON.parse(readFileSync(join(projectRoot, 'package-lock.json'), 'utf8')) as PackageLock;
  const bundles = ['electron/main.cjs', 'electron/preload.cjs'].map((file) => join(builtDir, file));
  for (const built of [...bundles, join(builtDir, 'renderer', 'index.html')]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build first`);
  }

  rmSync(appDir, { recursive: true, force: true });
  mkdirSync(appDir, { recursive: true });
  const required = new Set(bundles.flatMap((file) => bundleRequires(readFileSync(file, 'utf8'))));
  const staged = stagedManifest(manifest, [...required]);
  writeFileSync(join(appDir, 'package.json'), `${JSON.stringify(staged, null, 2)}\n`);
  for (const folder of ['electron', 'renderer']) {
    cpSync(join(builtDir, folder), join(appDir, 'dist', folder), { recursive: true, filter: skipBuildLeftovers });
  }
  if (!existsSync(join(appDir, staged.main))) throw new Error(`package.json's main (${staged.main}) is not among the staged files`);

  const packages = productionPackages(lock, staged, (path) => existsSync(join(projectRoot, path)));
  for (const path of packages) {
    const source = join(projectRoot, path);
    if (lock.packages[path]?.link) throw new Error(`${path} is a linked package; staging copies real files only`);
    // Nested node_modules are listed (and copied) on their own when the app needs them.
    // cpSync copies file contents: a rebuild in the staging folder cannot write through to the project.
    cpSync(source, join(appDir, path), {
      recursive: true,
      dereference: true,
      filter: (file) => !relative(source, file).split(sep).includes('node_modules'),
    });
  }
  return { packages };
}

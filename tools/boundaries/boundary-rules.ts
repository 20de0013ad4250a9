import { builtinModules } from 'node:module';

/**
 * The layers of the house, as rules over import arrows. A rule names the files it applies to and
 * the targets they may not load. Paths are repository-relative with forward slashes and without
 * extension (`core/base/limits`); packages are named as imported (`node:fs`, `react-dom/client`).
 */

export type Target = { kind: 'file'; path: string } | { kind: 'package'; name: string };

export interface Rule {
  id: string;
  /** Shown with every violation: what the rule protects. */
  why: string;
  appliesTo: (file: string) => boolean;
  forbids: (target: Target) => boolean;
  /**
   * `import type` (erased from the emitted JavaScript) passes where the rule is about what runs
   * or ships (the page bundle, Node in the browser); it fails where the rule is about who may know
   * whom (core never names the shells; the bottom layer names nothing above it).
   */
  typeOnlyAllowed: boolean;
}

export const under =
  (...folders: string[]) =>
  (path: string) =>
    folders.some((folder) => path === folder || path.startsWith(`${folder}/`));

const file = (test: (path: string) => boolean) => (t: Target) => t.kind === 'file' && test(t.path);
const packageNamed = (test: (name: string) => boolean) => (t: Target) => t.kind === 'package' && test(t.name);
const packageRoot = (name: string) => (name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!);

const BUILTINS = new Set(builtinModules);
export const isNodeBuiltin = (name: string) => name.startsWith('node:') || BUILTINS.has(packageRoot(name));

/** Packages of the user interface: the core must work without them (scripts, server, tests). */
const UI_PACKAGES = new Set(['react', 'react-dom', 'react-i18next', 'i18next', 'chart.js']);
/** Packages that only run in Node (database drivers, the spreadsheet writer, the desktop shell). */
export const SERVER_ONLY_PACKAGES = new Set(['better-sqlite3', 'pg', 'kysely', 'exceljs', 'electron']);
export const isServerOnly = (name: string) => isNodeBuiltin(name) || SERVER_ONLY_PACKAGES.has(packageRoot(name));

/**
 * The top of the core: it composes the capabilities into one contract, one set of handlers and
 * a running app. Nothing below may name it, so a capability can be read and tested on its own.
 * `core/live/publish-changes.ts` belongs here: it lists a change rule per contract method.
 */
export const isCoreTop = (path: string) =>
  under('core/api', 'core/app')(path) || ['core/handlers', 'core/open-core', 'core/live/publish-changes'].includes(path);

/** Core modules the page must never load, whatever they import: they hold the database or run the app. */
export const isServerSideCore = (path: string) =>
  under('core/db', 'core/app')(path) || ['core/handlers', 'core/open-core', 'core/context', 'core/api/dispatch'].includes(path);

/** What the desktop shell hosts from server/: the page's static files and headers, and the LAN listener for tablets. */
const SERVER_PARTS_THE_SHELL_HOSTS = ['server/static-files', 'server/security-headers', 'server/lan-listener'];

const PRODUCT = ['core', 'server', 'electron', 'renderer', 'scripts', 'migrations'];

export const RULES: Rule[] = [
  {
    id: 'core-without-shells',
    why: 'the core runs under the desktop shell, the browser server, the scripts and the tests alike',
    appliesTo: under('core'),
    forbids: (t) =>
      file(under('server', 'electron', 'renderer', 'scripts', 'tools', 'test'))(t) ||
      packageNamed((n) => UI_PACKAGES.has(packageRoot(n)) || packageRoot(n) === 'electron')(t),
    typeOnlyAllowed: false,
  },
  {
    id: 'core-base-is-the-bottom',
    why: 'core/base (errors, enums, limits, primitive schemas, method names, atomic write) imports nothing above it',
    appliesTo: under('core/base'),
    forbids: file((path) => !under('core/base')(path)),
    typeOnlyAllowed: false,
  },
  {
    id: 'core-infrastructure-below-capabilities',
    why: 'core/db and core/time serve every capability and name none of them',
    appliesTo: under('core/db', 'core/time'),
    forbids: file((path) => under('core')(path) && !under('core/base', 'core/db', 'core/time')(path)),
    typeOnlyAllowed: false,
  },
  {
    id: 'core-top-not-below',
    why: 'capabilities do not name the contract, the handlers or the app that compose them',
    appliesTo: (path) => under('core')(path) && !isCoreTop(path),
    forbids: file(isCoreTop),
    typeOnlyAllowed: false,
  },
  {
    id: 'renderer-only-the-page',
    why: 'the page talks to the app through the typed client only',
    appliesTo: under('renderer'),
    forbids: file(under('server', 'electron', 'scripts', 'tools', 'test', 'migrations')),
    typeOnlyAllowed: false,
  },
  {
    id: 'renderer-no-node',
    why: 'the page runs in a browser: no Node built-ins, database drivers or Electron',
    appliesTo: under('renderer'),
    forbids: packageNamed(isServerOnly),
    typeOnlyAllowed: true,
  },
  {
    id: 'renderer-no-server-side-core',
    why: 'the page may load pure core modules (limits, enums, the client, shared formulas), never the database or the app',
    appliesTo: under('renderer'),
    forbids: file(isServerSideCore),
    typeOnlyAllowed: true,
  },
  {
    id: 'server-is-a-transport',
    why: 'the HTTP transport serves the core; it knows neither the desktop shell nor the page source',
    appliesTo: under('server'),
    forbids: (t) =>
      file(under('electron', 'renderer', 'scripts', 'tools', 'test'))(t) ||
      packageNamed((n) => UI_PACKAGES.has(packageRoot(n)) || packageRoot(n) === 'electron')(t),
    typeOnlyAllowed: false,
  },
  {
    id: 'electron-thin-shell',
    why: 'the desktop shell hosts the core and the built page; from server/ it uses only static files, headers and the LAN listener',
    appliesTo: under('electron'),
    forbids: file((path) => under('renderer', 'scripts', 'tools', 'test')(path) || (under('server')(path) && !SERVER_PARTS_THE_SHELL_HOSTS.includes(path))),
    typeOnlyAllowed: false,
  },
  {
    id: 'product-without-dev-tools',
    why: 'the product and its commands must not depend on developer tools (tools/) or test helpers (test/)',
    appliesTo: under('scripts', 'migrations'),
    forbids: file(under('tools', 'test')),
    typeOnlyAllowed: false,
  },
  {
    id: 'migrations-frozen',
    why: 'a migration is a fixed step: it may read the column types, but runs no code that changes with the core',
    appliesTo: under('migrations'),
    forbids: file((path) => !under('migrations')(path)),
    typeOnlyAllowed: true,
  },
];

/** Folders whose files the check reads; tools/ and test/ may import anything. */
export const CHECKED_FOLDERS = PRODUCT;

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/paths';

/**
 * The Node promise in package.json and the README holds: every package the app runs on (not a dev
 * dependency) accepts the documented minimum, and the only ones that do not are Electron's build
 * tooling, which the README names and explains.
 */
const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { engines: { node: string }; dependencies: Record<string, string> };
const lock = JSON.parse(readFileSync(join(projectRoot, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; dev?: boolean; engines?: { node?: string } | string[] }>;
};
const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');

type Version = [number, number, number];
const parse = (v: string): Version => {
  const [a = 0, b = 0, c = 0] = v
    .replace(/^v/, '')
    .split('.')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : 0));
  return [a, b, c];
};
const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** One comparator of an npm range, enough for the `engines.node` ranges in the lock (>=, >, <, <=, ^, x-ranges, bare majors). */
function satisfiesOne(version: Version, comparator: string): boolean {
  const m = /^(>=|<=|>|<|\^|~|=)?\s*v?([\d.x*]+)$/.exec(comparator.trim());
  if (!m) throw new Error(`cannot read the engine range "${comparator}"`);
  const [, op = '', raw] = m;
  const parts = raw!.split('.');
  const wildcard = parts.findIndex((p) => p === 'x' || p === '*');
  if (wildcard === 0) return true;
  const base = parse(raw!.replace(/\.?[x*]/g, ''));
  if (op === '' || op === '=') {
    // "20", "20.x", "10.*": the same major (and minor, when given).
    const given = wildcard === -1 ? parts.length : wildcard;
    return version.slice(0, given).every((n, i) => n === base[i]) && (given < 3 || compare(version, base) === 0);
  }
  if (op === '^') return version[0] === base[0] && compare(version, base) >= 0;
  if (op === '~') return version[0] === base[0] && version[1] === base[1] && compare(version, base) >= 0;
  const c = compare(version, base);
  return op === '>=' ? c >= 0 : op === '>' ? c > 0 : op === '<' ? c < 0 : c <= 0;
}

function satisfies(version: string, range: string): boolean {
  const v = parse(version);
  return range.split('||').some((alternative) => {
    const comparators = alternative
      .trim()
      .replace(/(>=|<=|>|<|\^|~)\s+/g, '$1')
      .split(/\s+/)
      .filter(Boolean);
    return comparators.length === 0 || comparators.every((c) => c === '*' || satisfiesOne(v, c));
  });
}

const MINIMUM = '20.19.0';
/** Electron 45's download and rebuild tooling: build-time only, explained in the README. */
const ELECTRON_TOOLING = ['@electron-internal/extract-zip', '@electron/get', '@electron/rebuild', 'electron', 'node-abi'];

const nameOf = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
const refusing = Object.entries(lock.packages)
  .filter(([path, p]) => path !== '' && p.engines && !Array.isArray(p.engines) && p.engines.node && !satisfies(MINIMUM, p.engines.node))
  .map(([path, p]) => ({ name: nameOf(path), dev: p.dev === true, range: (p.engines as { node: string }).node }));

describe('the documented Node version', () => {
  it('reads the ranges npm writes', () => {
    expect(satisfies('20.19.0', '>=20.19')).toBe(true);
    expect(satisfies('20.19.0', '>=22')).toBe(false);
    expect(satisfies('20.19.0', '^20.19.0 || >=22.12.0')).toBe(true);
    expect(satisfies('20.19.0', '^20.17.0 || >=22.9.0')).toBe(true);
    expect(satisfies('20.19.0', '>= 22.12.0')).toBe(false);
    expect(satisfies('20.19.0', '20.x || 22.x')).toBe(true);
    expect(satisfies('20.19.0', '>=6 <7 || >=8')).toBe(true);
    expect(satisfies('20.19.0', '^18.17.0 || >=20.5.0')).toBe(true);
    expect(satisfies('20.19.0', '18 || 20 || >=22')).toBe(true);
    expect(satisfies('20.19.0', '^20.0.0 || ^22.0.0 || >=24.0.0')).toBe(true);
    expect(satisfies('20.19.0', '*')).toBe(true);
  });

  it('package.json promises Node 20.19, and the README says so', () => {
    expect(pkg.engines.node).toBe('>=20.19');
    expect(readme).toContain('Needs Node.js 20.19 or later');
  });

  it('everything the app runs on accepts Node 20.19: no engine warning comes from a runtime dependency', () => {
    expect(refusing.filter((p) => !p.dev)).toEqual([]);
  });

  it('i18next and react-i18next are pinned to releases without a Node 22 requirement', () => {
    expect(pkg.dependencies.i18next).toBe('26.7.2');
    expect(pkg.dependencies['react-i18next']).toBe('17.1.13');
    expect(lock.packages['node_modules/i18next']?.version).toBe('26.7.2');
    expect(lock.packages['node_modules/react-i18next']?.version).toBe('17.1.13');
  });

  it('the only packages that want a newer Node are Electron’s build tooling, each named in the README', () => {
    expect(refusing.map((p) => p.name).sort()).toEqual(ELECTRON_TOOLING);
    for (const name of ELECTRON_TOOLING) expect(readme, name).toContain(`\`${name}\``);
  });
});

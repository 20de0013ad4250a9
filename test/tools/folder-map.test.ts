import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The README's "For developers" map and the folder list say the same thing, and each folder says
 * in its own README.md what lives there and what it may import: a folder added, moved or dropped
 * without its map line fails here.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE_FOLDERS = ['core', 'server', 'electron', 'renderer', 'scripts', 'tools', 'migrations', 'test'];

const foldersIn = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((name) => statSync(join(root, dir, name)).isDirectory())
    .sort();

/** The folder names in the map: `name/` at the start of a line (top level) or indented under `core/`. */
function mapOf(readme: string): { top: string[]; core: string[] } {
  const section = readme.slice(readme.indexOf('## For developers'));
  const block = section.slice(section.indexOf('```') + 3, section.indexOf('```', section.indexOf('```') + 3));
  const top: string[] = [];
  const core: string[] = [];
  let parent = '';
  for (const line of block.split('\n')) {
    const indented = /^\s+/.test(line);
    // A map line names its folders first (`api/`, or several: `audit/ backup/ catalog/`), then says what they hold.
    const names = [
      ...(line
        .trim()
        .match(/^(?:[a-z][a-z0-9-]*\/\s*)+/)?.[0]
        .matchAll(/([a-z][a-z0-9-]*)\//g) ?? []),
    ].map((m) => m[1]!);
    if (names.length === 0) continue;
    if (!indented) {
      parent = names[0]!;
      top.push(...names);
    } else if (parent === 'core') core.push(...names);
  }
  return { top: top.sort(), core: core.sort() };
}

describe('folder map', () => {
  const map = mapOf(readFileSync(join(root, 'README.md'), 'utf8'));

  it('lists every source folder and every core folder, and only folders that exist', () => {
    expect(map.top.filter((name) => SOURCE_FOLDERS.includes(name))).toEqual([...SOURCE_FOLDERS].sort());
    for (const name of map.top) expect(existsSync(join(root, name)), `README map names ${name}/`).toBe(true);
    expect(map.core).toEqual(foldersIn('core'));
  });

  it('gives each of those folders a README.md saying what lives there and what it may import', () => {
    const missing = [...SOURCE_FOLDERS, ...foldersIn('core').map((name) => `core/${name}`)].filter((dir) => {
      const readme = join(root, dir, 'README.md');
      return !existsSync(readme) || !/may import|imports/i.test(readFileSync(readme, 'utf8'));
    });
    expect(missing).toEqual([]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/paths';
import { de } from '../../renderer/i18n/de';
import { en } from '../../renderer/i18n/en';

function leaves(obj: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v as object, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name), ext) : e.name.endsWith(ext) ? [join(dir, e.name)] : [],
  );
}

describe('UI texts', () => {
  const german = leaves(de);
  const english = leaves(en);

  it('English has exactly the German keys, none empty, with the same placeholders', () => {
    expect([...english.keys()].sort()).toEqual([...german.keys()].sort());
    for (const [key, text] of german) {
      expect(text.trim(), key).not.toBe('');
      expect(english.get(key)!.trim(), key).not.toBe('');
      expect(placeholders(english.get(key)!), key).toEqual(placeholders(text));
    }
  });

  it('every key the components use exists in the German texts', () => {
    const used = filesUnder(join(projectRoot, 'renderer'), '.tsx')
      .concat(filesUnder(join(projectRoot, 'renderer'), '.ts'))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([\w.]+)'/g)].map((m) => m[1]!));
    expect(used.length).toBeGreaterThan(20);
    for (const key of used) expect(german.has(key), key).toBe(true);
  });

  /** Text between JSX tags, and literal user-facing attributes; TypeScript generics are told apart by their punctuation. */
  const hardCodedText = (source: string) => [
    ...[...source.matchAll(/>([^<>{}();=]*[A-Za-zÄÖÜäöüß]{2,}[^<>{}();=]*)</g)].map((m) => m[1]!.trim()),
    ...[...source.matchAll(/\b(?:title|label|aria-label|alt|placeholder)="([^"]*[A-Za-zÄÖÜäöüß]{2,}[^"]*)"/g)].map((m) => m[1]!),
  ];

  it('components hard-code no user-facing text: no JSX text and no literal title, label or aria-label', () => {
    const offenders = filesUnder(join(projectRoot, 'renderer'), '.tsx').flatMap((file) =>
      hardCodedText(readFileSync(file, 'utf8')).map((text) => `${file}: ${text}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the scan above catches a hard-coded word and lets generics and translated text pass', () => {
    expect(hardCodedText('<p title="Hallo">Guten Tag</p>')).toEqual(['Guten Tag', 'Hallo']);
    expect(hardCodedText("const [a] = useState<Draft>(() => x); <p>{t('desk.todayCount')}</p>")).toEqual([]);
  });
});

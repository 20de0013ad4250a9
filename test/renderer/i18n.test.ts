import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/paths';
import { de } from '../../renderer/i18n/de';
import { en } from '../../renderer/i18n/en';
import { deskNamespace } from '../../renderer/i18n/de/desk-namespace';
import { manageNamespace } from '../../renderer/i18n/de/manage-namespace';
import { deskNamespace as enDeskNamespace } from '../../renderer/i18n/en/desk-namespace';

function leaves(obj: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v as object, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

/** `{{n}}` and `{{count, number}}` alike: the name, and the format when there is one. */
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*(?:,\s*(\w+)\s*)?\}\}/g)].map((m) => (m[2] ? `${m[1]}, ${m[2]}` : m[1]!)).sort();

/** i18next's plural forms: `key_one`, `key_other` … are looked up as `key` with a count. */
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

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
    const plurals = new Set([...german.keys()].filter((k) => k.endsWith('_other')).map((k) => k.replace(PLURAL_SUFFIX, '')));
    for (const key of used) expect(german.has(key) || plurals.has(key), key).toBe(true);
  });

  it('every plural has its "one" and "other" form in both languages, and counts are formatted as numbers', () => {
    for (const texts of [german, english]) {
      // A plural is a key with an "_other" form (a code like "too_many" is not one).
      const bases = new Set([...texts.keys()].filter((k) => k.endsWith('_other')).map((k) => k.replace(PLURAL_SUFFIX, '')));
      for (const base of bases) {
        expect(texts.has(`${base}_one`), `${base}_one`).toBe(true);
        expect(texts.has(`${base}_other`), `${base}_other`).toBe(true);
        expect(texts.has(base), `${base} must not also exist without a plural suffix`).toBe(false);
      }
      // A count shown to people always goes through the plural rules and the number format ("1 Kontakt", "6.143 Kontakte").
      for (const [key, text] of texts) {
        if (/\{\{\s*n\s*[,}]/.test(text)) expect.fail(`${key}: name a count {{count, number}}, so it gets plural forms: "${text}"`);
        if (/\{\{\s*count\s*\}\}/.test(text)) expect.fail(`${key}: write {{count, number}}, so 6143 reads 6.143: "${text}"`);
        if (/\{\{\s*count\b/.test(text)) expect(PLURAL_SUFFIX.test(key), `${key} counts, so it needs _one/_other forms`).toBe(true);
      }
    }
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

  it('each component finds its keys in the namespaces it asks for; the desk asks for `desk` alone', () => {
    const deskKeys = leaves(deskNamespace);
    const allKeys = new Map([...deskKeys, ...leaves(manageNamespace)]);
    const has = (keys: Map<string, string>, key: string) => keys.has(key) || keys.has(`${key}_other`);
    const wrong: string[] = [];
    let managed = 0;
    for (const file of filesUnder(join(projectRoot, 'renderer'), '.tsx')) {
      const source = readFileSync(file, 'utf8');
      const manage = source.includes('useTranslation(MANAGE_NAMESPACE)');
      if (manage) managed++;
      for (const [, key] of source.matchAll(/\bt\(\s*'([\w.]+)'/g)) if (!has(manage ? allKeys : deskKeys, key!)) wrong.push(`${file}: ${key}`);
    }
    expect(wrong).toEqual([]);
    expect(managed).toBeGreaterThan(20);
    // The namespaces split the texts: no key is in both, and English splits them the same way.
    expect([...deskKeys.keys()].filter((k) => allKeys.get(k) !== deskKeys.get(k) || leaves(manageNamespace).has(k))).toEqual([]);
    expect([...leaves(enDeskNamespace).keys()].sort()).toEqual([...deskKeys.keys()].sort());
  });

  it('the scan above catches a hard-coded word and lets generics and translated text pass', () => {
    expect(hardCodedText('<p title="Hallo">Guten Tag</p>')).toEqual(['Guten Tag', 'Hallo']);
    expect(hardCodedText("const [a] = useState<Draft>(() => x); <p>{t('desk.todayCount')}</p>")).toEqual([]);
  });
});

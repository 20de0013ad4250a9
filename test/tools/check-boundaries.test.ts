import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBoundaries, formatViolation } from '../../tools/check-boundaries';
import { scanImports } from '../../tools/boundaries/scan-imports';

/** A small repository in a temp folder, one deliberately wrong import per rule, plus arrows that are fine. */
const FILES: Record<string, string> = {
  'core/base/limits.ts': "import { sum } from '../reports/sum';\nexport const MAX = sum([1]);\n",
  'core/reports/sum.ts': "import type { Api } from '../api/contract';\nexport const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);\n",
  'core/reports/chart.ts':
    "// import { app } from 'electron';  (a comment, not an import)\nimport { useState } from 'react';\nexport const chart = useState;\n",
  'core/reports/query.ts': "import type { Kysely } from 'kysely';\nimport { sql } from 'kysely';\nexport const q = sql;\nexport type K = Kysely<never>;\n",
  'core/reports/pure.ts':
    "import type { Kysely } from 'kysely';\nimport { MAX } from '../base/limits';\nexport const pure = MAX;\nexport type K = Kysely<never>;\n",
  'core/api/contract.ts': 'export type Api = Record<string, never>;\n',
  'core/db/schema.ts': "import type { Catalog } from '../catalog/catalog-types';\nexport type Schema = { catalog: Catalog };\n",
  'renderer/page.ts': [
    "import type { Stats } from 'node:fs';",
    "import { readFileSync } from 'node:fs';",
    "import { pure } from '../core/reports/pure';",
    'import {',
    '  q,',
    "} from '../core/reports/query';",
    "import type { Api } from '../core/api/contract';",
    "const text = `import x from '../server/http' is only text`;",
    "export const load = () => import('../electron/main');",
    'export { pure, q, readFileSync, text };',
    'export type { Api, Stats };',
    '',
  ].join('\n'),
  'electron/main.ts': "import { listen } from '../server/lan-listener';\nimport { start } from '../server/http-server';\nexport { listen, start };\n",
  'server/lan-listener.ts': 'export const listen = () => {};\n',
  'server/http-server.ts': 'export const start = () => {};\n',
  'scripts/start.ts': "import '../tools/bench';\n",
  'tools/bench.ts': "import '../scripts/start';\n",
  'migrations/0001-initial.ts':
    "import type { Schema } from '../core/db/schema';\nimport { openSqlite } from '../core/db/open-sqlite';\nexport { openSqlite };\nexport type { Schema };\n",
};

describe('reading imports', () => {
  it('finds every form of import with its line, tells type-only ones apart, and skips comments, texts and strings', () => {
    const source = [
      "import a, { b } from 'a';",
      "import type { T } from './t';",
      'import {',
      '  type U,',
      "  c, // from 'not-this'",
      "} from './u';",
      "/* import x from 'in-a-comment' */",
      "export * from './all';",
      "export type { V } from './v';",
      "import './side-effect.css';",
      "const text = `import('in-a-template')`;",
      "const label = 'an import' + 'from \\'quoted\\'';",
      "const re = /[\\\\\"]/g; const lazy = await import('./lazy');",
      "type W = typeof import('./w');",
      "type X = import('./x').X;",
      "const old = require('old');",
    ].join('\n');
    expect(scanImports(source).map((i) => `${i.line} ${i.kind} ${i.specifier}${i.typeOnly ? ' type' : ''}`)).toEqual([
      '1 static a',
      '2 static ./t type',
      // `import { type U, c }` still loads the module under verbatimModuleSyntax.
      '3 static ./u',
      '8 export ./all',
      '9 export ./v type',
      '10 side-effect ./side-effect.css',
      '13 dynamic ./lazy',
      '14 dynamic ./w type',
      '15 dynamic ./x type',
      '16 require old',
    ]);
  });
});

describe('boundary check', () => {
  const root = mkdtempSync(join(tmpdir(), 'kontaktdesk-boundaries-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('fails on each deliberately wrong import, naming file, line and rule, and passes the allowed ones', () => {
    for (const [path, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const found = checkBoundaries(root).map((v) => `${v.file}:${v.line} ${v.specifier} ${v.rule}`);
    expect(found.sort()).toEqual(
      [
        'core/base/limits.ts:1 ../reports/sum core-base-is-the-bottom',
        'core/reports/sum.ts:1 ../api/contract core-top-not-below',
        'core/reports/chart.ts:2 react core-without-shells',
        'core/db/schema.ts:1 ../catalog/catalog-types core-infrastructure-below-capabilities',
        'renderer/page.ts:2 node:fs renderer-no-node',
        'renderer/page.ts:4 ../core/reports/query renderer-browser-safe',
        'renderer/page.ts:9 ../electron/main renderer-only-the-page',
        'electron/main.ts:2 ../server/http-server electron-thin-shell',
        'scripts/start.ts:1 ../tools/bench product-without-dev-tools',
        'migrations/0001-initial.ts:2 ../core/db/open-sqlite migrations-frozen',
      ].sort(),
    );
    const unsafe = checkBoundaries(root).find((v) => v.rule === 'renderer-browser-safe')!;
    expect(formatViolation(unsafe)).toBe(
      'renderer/page.ts:4 → ../core/reports/query (renderer-browser-safe: loads Node code in the page: core/reports/query → kysely)',
    );
  });

  it('finds no violation in the repository', () => {
    expect(checkBoundaries(fileURLToPath(new URL('../..', import.meta.url))).map(formatViolation)).toEqual([]);
  });
});

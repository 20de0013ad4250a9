import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../server/security-headers';

/** `"a b; c d"` → `{ a: ['b'], c: ['d'] }` */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );
}

const indexHtml = readFileSync(join(__dirname, '..', '..', 'renderer', 'index.html'), 'utf8');
const metaPolicy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(indexHtml)?.[1];

describe.each([
  ['the app:// and HTTP header', CONTENT_SECURITY_POLICY],
  ['the <meta> tag in index.html', metaPolicy ?? ''],
])('Content-Security-Policy in %s', (_where, policy) => {
  const csp = directives(policy);

  it('allows scripts, styles and connections only from the app itself', () => {
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['style-src']).toEqual(["'self'"]);
    expect(csp['connect-src']).toEqual(["'self'"]);
  });

  it('forbids inline script, eval, plugins and a changed <base>', () => {
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|strict-dynamic/);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'none'"]);
    expect(csp['form-action']).toEqual(["'none'"]);
  });

  it('names no remote host, scheme wildcard or *', () => {
    for (const sources of Object.values(csp)) {
      for (const source of sources) expect(source).toMatch(/^('self'|'none'|data:)$/);
    }
    // data: only for images (chart.js renders to canvas; icons are inline SVG data URLs).
    const withData = Object.entries(csp)
      .filter(([, sources]) => sources.includes('data:'))
      .map(([name]) => name);
    expect(withData).toEqual(['img-src']);
  });
});

describe('the two policies', () => {
  it('agree on every directive the <meta> tag sets', () => {
    expect(metaPolicy).toBeTruthy();
    const header = directives(CONTENT_SECURITY_POLICY);
    for (const [name, sources] of Object.entries(directives(metaPolicy!))) expect(header[name], name).toEqual(sources);
  });

  it('forbids framing the app in the header (a <meta> tag cannot)', () => {
    expect(directives(CONTENT_SECURITY_POLICY)['frame-ancestors']).toEqual(["'none'"]);
  });
});

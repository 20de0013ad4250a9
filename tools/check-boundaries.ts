/**
 * The boundary check run by `npm test`: reads every .ts/.tsx file of the product folders, finds
 * its static, dynamic and require imports, and fails on each arrow a rule in
 * tools/boundaries/boundary-rules.ts forbids. Prints one line per violation,
 * `file:line → import (rule: why)`, then `boundaries: N violations`.
 *
 *   node --import tsx tools/check-boundaries.ts [root]
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHECKED_FOLDERS, isServerOnly, RULES, type Target, under } from './boundaries/boundary-rules';
import { type FoundImport, scanImports } from './boundaries/scan-imports';

export interface Violation {
  file: string;
  line: number;
  specifier: string;
  rule: string;
  why: string;
}

const SOURCE = /\.(ts|tsx|mts|cts)$/;
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', '.git']);

function sourceFiles(root: string, folder: string): string[] {
  const out: string[] = [];
  const walk = (relative: string) => {
    const absolute = join(root, relative);
    if (!existsSync(absolute)) return;
    for (const name of readdirSync(absolute).sort()) {
      if (SKIPPED_FOLDERS.has(name)) continue;
      const child = posix.join(relative, name);
      if (statSync(join(root, child)).isDirectory()) walk(child);
      else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(child);
    }
  };
  walk(folder);
  return out;
}

/** Repository-relative file path without its extension, as the rules name modules. */
const moduleId = (path: string) => path.replace(SOURCE, '').replace(/\/index$/, '');

/** Resolves a relative specifier to a module id; anything else is a package. Paths that leave the repository stay as they are. */
export function targetOf(fromFile: string, specifier: string): Target {
  if (!specifier.startsWith('.')) return { kind: 'package', name: specifier };
  const joined = posix.normalize(posix.join(posix.dirname(fromFile), specifier));
  return { kind: 'file', path: moduleId(joined.replace(/\.(js|mjs|cjs|jsx)$/, '')) };
}

/** The source file a module id names, if it exists: `x.ts`, `x.tsx`, `x/index.ts`. */
function sourceOf(root: string, id: string): string | null {
  for (const candidate of [`${id}.ts`, `${id}.tsx`, `${id}/index.ts`, `${id}/index.tsx`]) if (existsSync(join(root, candidate))) return candidate;
  return null;
}

/**
 * Why a module cannot run in a browser: the chain of value imports from it to a Node built-in or
 * server-only package (`core/x → core/y → node:fs`), or null when it can.
 */
function browserUnsafeChain(root: string, id: string, importsOf: (file: string) => FoundImport[]): string | null {
  const seen = new Set<string>();
  const visit = (moduleId: string, chain: string[]): string | null => {
    if (seen.has(moduleId)) return null;
    seen.add(moduleId);
    const source = sourceOf(root, moduleId);
    if (!source) return null;
    for (const imp of importsOf(source)) {
      if (imp.typeOnly) continue;
      const target = targetOf(source, imp.specifier);
      if (target.kind === 'package') {
        if (isServerOnly(target.name)) return [...chain, moduleId, target.name].join(' → ');
      } else {
        const found = visit(target.path, [...chain, moduleId]);
        if (found) return found;
      }
    }
    return null;
  };
  return visit(id, []);
}

export function checkBoundaries(root: string): Violation[] {
  const cache = new Map<string, FoundImport[]>();
  const importsOf = (file: string) => {
    let found = cache.get(file);
    if (!found) cache.set(file, (found = scanImports(readFileSync(join(root, file), 'utf8'))));
    return found;
  };
  const violations: Violation[] = [];
  for (const folder of CHECKED_FOLDERS) {
    for (const file of sourceFiles(root, folder)) {
      const id = moduleId(file);
      const rules = RULES.filter((rule) => rule.appliesTo(id));
      for (const imp of importsOf(file)) {
        const target = targetOf(file, imp.specifier);
        for (const rule of rules) {
          if (imp.typeOnly && rule.typeOnlyAllowed) continue;
          if (rule.forbids(target)) violations.push({ file, line: imp.line, specifier: imp.specifier, rule: rule.id, why: rule.why });
        }
        // The page may load a core module only if nothing it loads in turn needs Node.
        if (under('renderer')(id) && !imp.typeOnly && target.kind === 'file' && under('core')(target.path)) {
          const chain = browserUnsafeChain(root, target.path, importsOf);
          if (chain)
            violations.push({ file, line: imp.line, specifier: imp.specifier, rule: 'renderer-browser-safe', why: `loads Node code in the page: ${chain}` });
        }
      }
    }
  }
  return violations;
}

export const formatViolation = (v: Violation) => `${v.file}:${v.line} → ${v.specifier} (${v.rule}: ${v.why})`;

function main() {
  const root = resolve(process.argv[2] ?? join(dirname(new URL(import.meta.url).pathname), '..'));
  const violations = checkBoundaries(root);
  for (const v of violations) console.error(formatViolation(v));
  console.log(`boundaries: ${violations.length} violation${violations.length === 1 ? '' : 's'}`);
  process.exitCode = violations.length === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();

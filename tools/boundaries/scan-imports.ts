/**
 * Finds every module a TypeScript file loads, with its line, without a TypeScript parser (the
 * native TypeScript 7 compiler has no JavaScript API). Comments and the text of template literals
 * are blanked first, so an import quoted in a comment or a message does not count; plain strings
 * are kept, since the module names live in them. Known limit: a quote or a comment opener in JSX
 * text is read as the start of a string (to the end of its line) or of a comment (to its closer).
 */

export type ImportKind = 'static' | 'export' | 'side-effect' | 'dynamic' | 'require';

export interface FoundImport {
  line: number;
  specifier: string;
  kind: ImportKind;
  /**
   * Erased from the emitted JavaScript: `import type …`, `export type … from`, and `import('…')`
   * used as a type (`typeof import('…')`, `import('…').Name`). `import { type A } from` is not:
   * under verbatimModuleSyntax it still loads the module.
   */
  typeOnly: boolean;
}

/** Characters after which a `/` starts a regular expression rather than a division. */
const BEFORE_REGEX = new Set(['', '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);
const KEYWORDS_BEFORE_REGEX = /\b(?:return|typeof|case|do|else|in|of|void|yield|await)$/;

/**
 * Replaces comments and template-literal text with spaces (newlines kept), so positions and line
 * numbers stay the same; also marks where plain strings are, so `'an import'` is not a keyword.
 */
export function blankCommentsAndTemplates(source: string): { code: string; inString: Uint8Array } {
  const out = source.split('');
  const inString = new Uint8Array(source.length);
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  /** Open template literals, innermost last: -1 while in the text, else how many `{` are open inside its `${ … }`. */
  const templates: number[] = [];
  let lastSignificant = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (templates.length > 0 && templates[templates.length - 1] === -1) {
      // Inside the text part of a template literal.
      if (c === '\\') {
        blank(i, i + 2);
        i += 2;
      } else if (c === '`') {
        templates.pop();
        i++;
        lastSignificant = '`';
      } else if (c === '$' && next === '{') {
        templates[templates.length - 1] = 0;
        i += 2;
        lastSignificant = '{';
      } else {
        blank(i, i + 1);
        i++;
      }
      continue;
    }
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === "'" || c === '"') {
      const end = endOfString(source, i, c);
      inString.fill(1, i, end);
      i = end;
      lastSignificant = c;
    } else if (c === '`') {
      templates.push(-1);
      i++;
    } else if (c === '/' && startsRegex(source, i, lastSignificant)) {
      i = endOfRegex(source, i);
      lastSignificant = '/';
    } else {
      if (templates.length > 0) {
        const depth = templates[templates.length - 1]!;
        if (c === '{') templates[templates.length - 1] = depth + 1;
        else if (c === '}') templates[templates.length - 1] = depth === 0 ? -1 : depth - 1;
      }
      if (!/\s/.test(c)) lastSignificant = c;
      i++;
    }
  }
  return { code: out.join(''), inString };
}

function endOfString(source: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < source.length && source[i] !== quote && source[i] !== '\n') i += source[i] === '\\' ? 2 : 1;
  return i + 1;
}

function startsRegex(source: string, at: number, lastSignificant: string): boolean {
  if (BEFORE_REGEX.has(lastSignificant)) return true;
  return /[a-z]/.test(lastSignificant) && KEYWORDS_BEFORE_REGEX.test(source.slice(Math.max(0, at - 12), at).trimEnd());
}

function endOfRegex(source: string, start: number): number {
  let i = start + 1;
  let inClass = false;
  while (i < source.length && source[i] !== '\n') {
    const c = source[i];
    if (c === '\\') i += 2;
    else {
      if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) return i + 1;
      i++;
    }
  }
  return i;
}

const QUOTED = String.raw`(?<quote>['"])(?<specifier>[^'"\n]+)\k<quote>`;
const NAME = String.raw`[\w$]+`;
const BRACES = String.raw`\{[^{}]*\}`;
const NAMESPACE = String.raw`\*\s*as\s+${NAME}`;
/** What may stand between `import` and `from`: a default name, `{ … }`, `* as x`, or a default name and one of the others. */
const IMPORT_CLAUSE = String.raw`(?:${NAME}\s*,\s*(?:${BRACES}|${NAMESPACE})|${BRACES}|${NAMESPACE}|${NAME})`;
/** What may stand between `export` and `from`: `*`, `* as x` or `{ … }`. */
const EXPORT_CLAUSE = String.raw`(?:${NAMESPACE}|\*|${BRACES})`;
const FROM_CLAUSE = new RegExp(
  String.raw`(?<![\w$.])(?:(import)(\s+type\b)?\s*${IMPORT_CLAUSE}|(export)(\s+type\b)?\s*${EXPORT_CLAUSE})\s*from\s*${QUOTED}`,
  'g',
);
const SIDE_EFFECT = new RegExp(String.raw`(?<![\w$.])import\s*${QUOTED}`, 'g');
const DYNAMIC = new RegExp(String.raw`(?<![\w$.])import\s*\(\s*${QUOTED}\s*\)`, 'g');
const REQUIRE = new RegExp(String.raw`(?<![\w$.])require\s*\(\s*${QUOTED}\s*\)`, 'g');
/** After `import('…')`: a property that is not a promise method means a type position (`import('x').Name`). */
const TYPE_MEMBER_AFTER = /^\s*\.\s*(?!then\b|catch\b|finally\b)[A-Za-z_$]/;

export function scanImports(source: string): FoundImport[] {
  const { code, inString } = blankCommentsAndTemplates(source);
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  const lineAt = (index: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const found: FoundImport[] = [];
  const matches = (pattern: RegExp) => [...code.matchAll(pattern)].filter((m) => inString[m.index] === 0);
  for (const m of matches(FROM_CLAUSE)) {
    const isImport = m[1] !== undefined;
    const typeOnly = (isImport ? m[2] : m[4]) !== undefined;
    found.push({ line: lineAt(m.index), specifier: m.groups!.specifier!, kind: isImport ? 'static' : 'export', typeOnly });
  }
  for (const m of matches(SIDE_EFFECT)) found.push({ line: lineAt(m.index), specifier: m.groups!.specifier!, kind: 'side-effect', typeOnly: false });
  for (const m of matches(DYNAMIC)) {
    const before = code.slice(Math.max(0, m.index - 10), m.index);
    const after = code.slice(m.index + m[0].length, m.index + m[0].length + 40);
    const typeOnly = /\btypeof\s*$/.test(before) || TYPE_MEMBER_AFTER.test(after);
    found.push({ line: lineAt(m.index), specifier: m.groups!.specifier!, kind: 'dynamic', typeOnly });
  }
  for (const m of matches(REQUIRE)) found.push({ line: lineAt(m.index), specifier: m.groups!.specifier!, kind: 'require', typeOnly: false });
  return found.sort((a, b) => a.line - b.line);
}

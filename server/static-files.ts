import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Maps a request path to a file inside `root`, or null. Decodes once and resolves, then checks
 * containment on the resolved path, so `..`, encoded slashes and absolute paths cannot escape.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const rootDir = resolve(root);
  const target = resolve(rootDir, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  return target === rootDir || target.startsWith(rootDir + sep) ? target : null;
}

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/** Reads a built renderer file; unknown paths without an extension get index.html (one-page app). */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  const target = resolveStaticPath(root, urlPath === '/' ? '/index.html' : urlPath);
  if (!target) return null;
  const file = (await isFile(target)) ? target : extname(target) === '' ? resolve(root, 'index.html') : null;
  if (!file || !(await isFile(file)) || !(await staysInside(root, file))) return null;
  return { body: await readFile(file), contentType: TYPES[extname(file)] ?? 'application/octet-stream' };
}

/** The path check above is on names; a symbolic link inside the folder could still point out of it. */
async function staysInside(root: string, file: string) {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    return realFile.startsWith(realRoot + sep);
  } catch {
    return false;
  }
}

async function isFile(path: string) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

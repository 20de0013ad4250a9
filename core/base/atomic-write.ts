import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Runs `write` against a temp file in the target's own folder (same file system, so the rename is
 * atomic), flushes it to disk and renames it over `file`. Readers see the old file or the whole new
 * one, never half an export; on any error the temp file is removed and the target left untouched.
 *
 * For writers that need a path (exceljs' streaming workbook); `writeFileAtomic` covers plain data.
 */
export async function withAtomicFile<T>(file: string, write: (tempFile: string) => Promise<T>): Promise<T> {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const result = await write(temp);
    await fsyncFile(temp);
    await rename(temp, file);
    fsyncFolder(dirname(file));
    return result;
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** `mode`: the new file's permissions from its first byte (0o600 for a secret), never widened in between. */
export async function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o666): Promise<void> {
  await withAtomicFile(file, async (temp) => {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
  });
}

async function fsyncFile(file: string): Promise<void> {
  // r+ rather than r: Windows refuses FlushFileBuffers on a handle opened read-only.
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes the rename itself durable on POSIX; Windows cannot open a folder for this, and needs not. */
function fsyncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Best effort: some file systems refuse fsync on a directory; the data itself is already synced.
  }
}

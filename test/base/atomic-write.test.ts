import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withAtomicFile, writeFileAtomic } from '../../core/base/atomic-write';
import { writeToFile } from '../../core/exports/sinks';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kontaktdesk-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('atomic file writes', () => {
  it('replace an existing file in one step and leave no temp file behind', async () => {
    const file = join(dir, 'bericht.csv');
    writeFileSync(file, 'old');
    await writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['bericht.csv']);
  });

  it('write streamed output to a temp file in the same folder, renamed only when complete', async () => {
    const file = join(dir, 'kontakte.csv');
    let seenDuringWrite: string[] = [];
    await withAtomicFile(file, (temp) =>
      writeToFile(temp, async (out) => {
        out.write('a;b\r\n');
        seenDuringWrite = readdirSync(dir);
      }),
    );
    expect(seenDuringWrite).toHaveLength(1);
    expect(seenDuringWrite[0]).toMatch(/^\.kontakte\.csv\.\d+\.[0-9a-f]+\.tmp$/);
    expect(readFileSync(file, 'utf8')).toBe('a;b\r\n');
    expect(readdirSync(dir)).toEqual(['kontakte.csv']);
  });

  it('on a failing writer keep the old file untouched and remove the temp file', async () => {
    const file = join(dir, 'bericht.xlsx');
    writeFileSync(file, 'previous month');
    const failing = withAtomicFile(file, (temp) =>
      writeToFile(temp, async (out) => {
        out.write('half a workbook');
        throw new Error('disk full');
      }),
    );
    await expect(failing).rejects.toThrow('disk full');
    expect(readFileSync(file, 'utf8')).toBe('previous month');
    expect(readdirSync(dir)).toEqual(['bericht.xlsx']);
  });

  it('fail without leaving anything when the folder does not exist', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'bericht.csv'), 'x')).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { Writable } from 'node:stream';

/** Writes a chunk, waiting while the stream's buffer is full, so a large export never piles up in memory. */
export async function put(out: Writable, chunk: string | Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Lets queued I/O (file writes, zip compression) run between synchronous database batches. */
export const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Creates `file` (which must not exist: it is a fresh temp file), hands `write` a stream to it, and
 * resolves once the file is closed, so it can be synced and renamed. `write` may end the stream itself.
 */
export async function writeToFile<T>(file: string, write: (out: Writable) => Promise<T>): Promise<T> {
  const out = createWriteStream(file, { flags: 'wx' });
  const closed = new Promise<void>((resolve, reject) => {
    out.once('close', resolve);
    out.once('error', reject);
  });
  try {
    // Open before writing: a missing folder or a name taken fails here, before any work is done.
    await once(out, 'ready');
    const result = await write(out);
    if (!out.writableEnded) out.end();
    await closed;
    return result;
  } catch (err) {
    out.destroy();
    await closed.catch(() => undefined);
    throw err;
  }
}

/** The same for an export carried over the contract: everything `write` writes, as one buffer. */
export async function writeToBuffer<T>(write: (out: Writable) => Promise<T>): Promise<{ buffer: Buffer; result: T }> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      done();
    },
  });
  const finished = once(out, 'finish');
  const result = await write(out);
  if (!out.writableEnded) out.end();
  await finished;
  return { buffer: Buffer.concat(chunks), result };
}

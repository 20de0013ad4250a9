import type { IncomingMessage } from 'node:http';
import { payloadLimit } from '../core/api/contract';
import { methodNames } from '../core/base/method-names';

/**
 * How much of a refused body the server still reads and drops: twice the largest request any method
 * accepts, so a file somewhat too large for an import still gets its answer.
 *
 * Why read it at all: when the server closes the connection while the client is still sending, the
 * client's next write meets a reset, and clients then report that error instead of the answer already
 * on the wire (Node's fetch: EPIPE; Chromium: ERR_CONNECTION_RESET), since a reset also throws away
 * what the client had received but not yet read. Node's own server closes right after an answer with
 * `Connection: close` (`socket.destroySoon()`); without that header it reads the rest unbounded. So
 * the answer goes out at once, the connection stays open, and the server reads on and drops the rest
 * (never keeping it) until the client has finished, or drops the connection past this many bytes.
 * The server's request timeout bounds a client that sends slowly.
 */
export const DISCARD_LIMIT = 2 * Math.max(...methodNames.map(payloadLimit));

/** Reads and drops whatever is left of the body, up to DISCARD_LIMIT more bytes; past them the connection is dropped. */
export function discardBody(req: IncomingMessage): void {
  if (req.readableEnded || req.destroyed) return;
  let size = 0;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > DISCARD_LIMIT) {
      req.off('data', onData);
      req.socket.destroy();
    }
  };
  // An aborted request emits 'error' ("aborted"), and only to listeners: expected, nothing to report.
  req.on('error', () => {});
  req.on('data', onData);
  // readBody pauses a body it stops keeping; from here on it flows into the counter only.
  req.resume();
}

export type Body = { text: string } | { refused: 'too_large' | 'aborted' };

/**
 * The body as text if it ends within `keep` bytes. Past them: 'too_large' at once, the body paused
 * for the refusal to drop the rest (discardBody), never buffered. 'aborted' when the client went away mid-body (or
 * the request timed out), which is expected and not an error: nobody is left to answer.
 */
export function readBody(req: IncomingMessage, keep: number): Promise<Body> {
  if (req.destroyed && !req.readableEnded) return Promise.resolve({ refused: 'aborted' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (body: Body) => {
      req.off('data', onData).off('end', onEnd).off('close', onClose);
      resolve(body);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= keep) return void chunks.push(chunk);
      req.pause();
      finish({ refused: 'too_large' });
    };
    const onEnd = () => finish({ text: Buffer.concat(chunks).toString('utf8') });
    const onClose = () => finish({ refused: 'aborted' });
    req.on('error', () => {});
    req.on('data', onData).once('end', onEnd).once('close', onClose);
  });
}

import pg from 'pg';

export interface ListenHandlers {
  onMessage(payload: string): void;
  /** Listening (again): what was sent while the connection was down was not heard. */
  onListening(): void;
  /** The connection broke or could not be made; it is tried again after a pause. */
  onLost(reason: string): void;
}

export interface PostgresListener {
  listening(): boolean;
  close(): Promise<void>;
}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/**
 * `LISTEN channel` on a connection of its own (a pooled one is lent to others between queries and
 * hears nothing then). A lost connection is made again, waiting 1 s, then twice as long each time up
 * to 30 s. Resolves once the first attempt succeeded or failed, so the opener is never held up by it.
 */
export async function listenOnPostgres(url: string, applicationName: string, channel: string, handlers: ListenHandlers): Promise<PostgresListener> {
  let client: pg.Client | null = null;
  let closed = false;
  let up = false;
  let retryMs = FIRST_RETRY_MS;
  let retry: NodeJS.Timeout | null = null;

  const lost = (broken: pg.Client, reason: string) => {
    // Only the current connection's end counts: an old one may still report its own.
    if (closed || client !== broken) return;
    client = null;
    up = false;
    broken.removeAllListeners('notification');
    broken.end().catch(() => undefined);
    handlers.onLost(reason);
    retry = setTimeout(() => void connect(), retryMs);
    retry.unref();
    retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
  };

  const connect = async () => {
    retry = null;
    if (closed) return;
    const attempt = new pg.Client({ connectionString: url, application_name: applicationName, keepAlive: true, connectionTimeoutMillis: 10_000 });
    client = attempt;
    attempt.on('error', (err) => lost(attempt, err.message));
    attempt.on('end', () => lost(attempt, 'the connection ended'));
    attempt.on('notification', (message) => {
      if (message.channel === channel) handlers.onMessage(message.payload ?? '');
    });
    try {
      await attempt.connect();
      await attempt.query(`listen ${pg.escapeIdentifier(channel)}`);
      if (closed) return void attempt.end().catch(() => undefined);
      up = true;
      retryMs = FIRST_RETRY_MS;
      handlers.onListening();
    } catch (err) {
      lost(attempt, err instanceof Error ? err.message : String(err));
    }
  };

  await connect();
  return {
    listening: () => up,
    async close() {
      closed = true;
      up = false;
      if (retry) clearTimeout(retry);
      const open = client;
      client = null;
      if (!open) return;
      // A server that no longer answers must not hold up closing the app: the socket is dropped after 2 s.
      let timer: NodeJS.Timeout | undefined;
      const dropped = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          (open as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
          resolve();
        }, 2_000);
        timer.unref();
      });
      await Promise.race([open.end().catch(() => undefined), dropped]);
      clearTimeout(timer);
    },
  };
}

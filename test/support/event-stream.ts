/** One `GET /api/events` as a test reads it: block by block (the text between blank lines), raw. */
export interface EventStreamReply {
  status: number;
  headers: Headers;
  /** The body of a refusal (JSON); '' for a stream. */
  body: string;
  /** The next block, e.g. `data: {…}`, `: heartbeat` or `retry: 1000`; null once the server ended the stream. */
  next(): Promise<string | null>;
  /** The next `data:` block's JSON, skipping heartbeats; null once the stream ended. */
  nextData(): Promise<unknown>;
  close(): void;
}

export async function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStreamReply> {
  const abort = new AbortController();
  const res = await fetch(new URL('api/events', url), { headers, signal: abort.signal });
  const ok = res.status === 200 && res.body !== null;
  const body = ok ? '' : await res.text();
  const reader = ok ? res.body!.getReader() : null;
  const decoder = new TextDecoder();
  let buffer = '';
  const next = async (): Promise<string | null> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        return block;
      }
      const chunk = await reader?.read().catch(() => ({ done: true as const, value: undefined }));
      if (!chunk || chunk.done) return null;
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  };
  return {
    status: res.status,
    headers: res.headers,
    body,
    next,
    async nextData() {
      for (;;) {
        const block = await next();
        if (block === null) return null;
        if (block.startsWith('data: ')) return JSON.parse(block.slice('data: '.length));
      }
    },
    close: () => abort.abort(),
  };
}

/**
 * Reads the text of a `text/event-stream` as it arrives, in chunks cut anywhere, and hands over
 * the data of each event. What a page's EventSource would do, for a stream read with fetch (which,
 * unlike EventSource, can send the device token header). Of the format's fields only `data` matters
 * here: several data lines join with "\n"; comments (`:` heartbeats), `event`, `id` and `retry` are
 * skipped; lines end in CRLF, LF or CR.
 *
 * @example
 * const parser = createEventStreamParser((data) => console.log(JSON.parse(data)));
 * parser.push('data: {"kind":"cat');
 * parser.push('alog"}\n\n'); // logs { kind: 'catalog' }
 */
export function createEventStreamParser(onData: (data: string) => void): { push(text: string): void } {
  let pending = '';
  let data: string[] = [];
  // A chunk that ended in CR: an LF at the start of the next one belongs to the same line end.
  let afterCR = false;

  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0) onData(data.join('\n'));
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    if (field !== 'data') return;
    const value = colon === -1 ? '' : text.slice(colon + 1);
    data.push(value.startsWith(' ') ? value.slice(1) : value);
  };

  return {
    push(text) {
      let rest = afterCR && text.startsWith('\n') ? text.slice(1) : text;
      afterCR = false;
      for (;;) {
        const end = rest.search(/[\r\n]/);
        if (end === -1) break;
        line(pending + rest.slice(0, end));
        pending = '';
        const crlf = rest[end] === '\r' && rest[end + 1] === '\n';
        if (rest[end] === '\r' && end + 1 === rest.length) afterCR = true;
        rest = rest.slice(end + (crlf ? 2 : 1));
      }
      pending += rest;
    },
  };
}

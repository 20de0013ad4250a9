import { describe, expect, it } from 'vitest';
import { createEventStreamParser } from '../../renderer/api/event-stream-parser';

const parse = (...chunks: string[]) => {
  const events: string[] = [];
  const parser = createEventStreamParser((data) => events.push(data));
  chunks.forEach((chunk) => parser.push(chunk));
  return events;
};

describe('reading a text/event-stream as it arrives', () => {
  it('hands over the data of each event; heartbeats, retry hints and other fields are skipped', () => {
    expect(parse('retry: 1000\n\n: heartbeat\n\ndata: {"kind":"catalog"}\n\nevent: x\nid: 7\ndata: two\n\n')).toEqual(['{"kind":"catalog"}', 'two']);
  });

  it('an event cut anywhere across chunks comes out whole, once, only after its blank line', () => {
    const whole = 'data: {"kind":"contacts","days":["2026-03-10"]}\n\n';
    for (let cut = 1; cut < whole.length; cut++) {
      expect(parse(whole.slice(0, cut), whole.slice(cut)), `cut at ${cut}`).toEqual(['{"kind":"contacts","days":["2026-03-10"]}']);
    }
    expect(parse('data: half')).toEqual([]);
  });

  it('takes CRLF, LF and CR as line ends, also a CRLF split between chunks', () => {
    expect(parse('data: a\r\n\r\ndata: b\r\rdata: c\n\n')).toEqual(['a', 'b', 'c']);
    expect(parse('data: a\r', '\n\r', '\ndata: b\r', '\r')).toEqual(['a', 'b']);
  });

  it('joins several data lines with a newline, keeps a colon in the value, and drops only one leading space', () => {
    expect(parse('data: line one\ndata:line two\ndata:  three: x\n\n')).toEqual(['line one\nline two\n three: x']);
  });

  it('a blank line without data dispatches nothing; an empty data line is an empty event', () => {
    expect(parse('\n\n\n: only a comment\n\ndata\n\n')).toEqual(['']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_DEPTH } from '../../core/api/dispatch';
import { startHttpServer, SESSION_HEADER, type RunningServer } from '../../server/http-server';
import { snapshotDatabase } from '../support/db-snapshot';
import { openTempCore, type TempCore } from '../support/temp-core';
import { TRANSPORTS, type OpenTransport } from './transports';

/**
 * Inputs nested far deeper than any contract input are refused as such: 400 `invalid_input`, field
 * `(input)`, a message naming the depth (not "cycles", which they are not), and nothing is written.
 */

/** Arrays inside arrays, `levels` deep in all: [[[…]]]. */
function nestedArrays(levels: number): unknown[] {
  const outer: unknown[] = [];
  let inner = outer;
  for (let i = 1; i < levels; i++) {
    const next: unknown[] = [];
    inner.push(next);
    inner = next;
  }
  return outer;
}

/** Objects inside objects, `levels` deep in all: {"a":{"a":…}}. */
function nestedObjects(levels: number): Record<string, unknown> {
  const outer: Record<string, unknown> = {};
  let inner = outer;
  for (let i = 1; i < levels; i++) {
    const next: Record<string, unknown> = {};
    inner.a = next;
    inner = next;
  }
  return outer;
}

const TOO_DEEP = { code: 'invalid_input', field: '(input)', message: `(input): the input is nested deeper than ${MAX_INPUT_DEPTH} levels` };

for (const transportUnderTest of TRANSPORTS) {
  describe(`deeply nested input over ${transportUnderTest.name}`, () => {
    let core: TempCore;
    let open: OpenTransport;

    beforeAll(async () => {
      core = await openTempCore();
      open = await transportUnderTest.open(core.api);
    });

    afterAll(async () => {
      await open?.close();
      await core?.dispose();
    });

    /** Sends the call as it is and returns its envelope; the database must be unchanged, byte for byte. */
    async function refusedUnchanged(method: Parameters<OpenTransport['transport']>[0], input: unknown, session?: string) {
      const before = await snapshotDatabase(core.database.db);
      const envelope = await open.transport(method, input, session);
      expect(await snapshotDatabase(core.database.db)).toEqual(before);
      return envelope;
    }

    // What both clients can still send (JSON.stringify and structured clone recurse too); deeper JSON below.
    const deep = 1_000;

    it.each([
      ['arrays as a field', () => ({ topicIds: nestedArrays(deep), channel: 'in_person', asker: 'citizen' })],
      ['objects as a field', () => ({ topicIds: [1], languageId: nestedObjects(deep), channel: 'in_person', asker: 'citizen' })],
      ['arrays as the whole input', () => nestedArrays(deep)],
    ])(`a tap with %s nested ${deep} deep is refused naming the depth, and nothing is saved`, async (_label, input) => {
      const envelope = await refusedUnchanged('logContact', input());

      expect(envelope).toEqual({ ok: false, error: TOO_DEEP });
    });

    it(`one level past the limit (${MAX_INPUT_DEPTH + 1}) is refused naming the depth; at the limit the schema names the field`, async () => {
      // The input object is level 1, so topicIds nests MAX_INPUT_DEPTH - 1 more levels at the limit.
      const tap = (levels: number) => ({ topicIds: nestedArrays(levels - 1), channel: 'in_person', asker: 'citizen' });

      expect(await refusedUnchanged('logContact', tap(MAX_INPUT_DEPTH + 1))).toEqual({ ok: false, error: TOO_DEEP });
      expect(await refusedUnchanged('logContact', tap(MAX_INPUT_DEPTH))).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', field: expect.stringMatching(/^topicIds/) },
      });
    });

    it('an import nested deep with a session is refused naming the depth, and nothing is imported', async () => {
      const input = { fileName: 'a.csv', contentBase64: 'YQ==', mapping: nestedObjects(deep) };

      expect(await refusedUnchanged('commitImport', input, core.session)).toEqual({ ok: false, error: TOO_DEEP });
    });

    it('the same without a session is refused as locked first: a locked caller learns nothing from validation', async () => {
      const input = { fileName: 'a.csv', contentBase64: 'YQ==', mapping: nestedObjects(deep) };

      expect(await refusedUnchanged('commitImport', input)).toMatchObject({ ok: false, error: { code: 'locked' } });
    });

    if (transportUnderTest.name === 'ipc') {
      it('an input that contains itself (only IPC carries one) is still refused as a cycle', async () => {
        const input: Record<string, unknown> = { topicIds: [1], channel: 'in_person', asker: 'citizen' };
        input.self = input;

        expect(await refusedUnchanged('logContact', input)).toEqual({
          ok: false,
          error: { code: 'invalid_input', field: '(input)', message: '(input): the input must be plain data without cycles' },
        });
      });
    }
  });
}

describe('deeply nested JSON as sent over HTTP, byte for byte', () => {
  let core: TempCore;
  let server: RunningServer;

  beforeAll(async () => {
    core = await openTempCore();
    server = await startHttpServer({ api: core.api, port: 0 });
  });

  afterAll(async () => {
    await server?.close();
    await core?.dispose();
  });

  it.each([
    // As deep as a desk call's 16 KB allow.
    ['logContact', 8_000, '{"topicIds":' + '['.repeat(8_000) + ']'.repeat(8_000) + ',"channel":"in_person","asker":"citizen"}', false],
    ['commitImport', 100_000, '{"fileName":"a.csv","mapping":' + '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000) + '}', true],
  ])('%s with %i levels: 400 naming the depth, and nothing is written', async (method, _levels, body, withSession) => {
    const before = await snapshotDatabase(core.database.db);

    const res = await fetch(`${server.url}api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(withSession ? { [SESSION_HEADER]: core.session } : {}) },
      body,
    });

    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ ok: false, error: TOO_DEEP });
    expect(await snapshotDatabase(core.database.db)).toEqual(before);
  });
});

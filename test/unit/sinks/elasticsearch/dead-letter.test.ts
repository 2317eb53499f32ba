import { mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BulkItems } from '../../../../src/pipeline/bulk-items.js';
import { createDeadLetter, deadLetterLine } from '../../../../src/sinks/elasticsearch/dead-letter.js';

const NOW = Date.parse('2025-09-01T10:00:00.000Z');
const item = (id: string, doc: object): string => `{"create":{"_id":"${id}"}}\n${JSON.stringify(doc)}\n`;
const one = (id: string, doc: object): BulkItems => BulkItems.fromStrings([item(id, doc)]);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'msgtrack-dlq-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function bufferLogger(): { logger: pino.Logger; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({ write: (c, _e, cb) => (chunks.push(String(c)), cb()) });
  return { logger: pino({ level: 'info' }, stream), lines: () => chunks.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) };
}

describe('createDeadLetter', () => {
  it('appends one NDJSON line per rejected item with time, _id, status, error and the document', async () => {
    const path = join(dir, 'dead.ndjson');
    writeFileSync(path, '{"earlier":"run"}\n');
    const dl = createDeadLetter({ path, logger: pino({ level: 'silent' }), now: () => NOW });
    // Non-ASCII text, as simulated subjects have: read back by its byte range, character for character.
    const items = BulkItems.fromStrings([item('a', { n: 1 }), item('b', { source: { ip: 'not-an-ip' }, subject: 'Grüße → 東京 😀' }), item('c', { n: 3 })]);
    dl.write(items, [{ index: 1, status: 400, type: 'document_parsing_exception', reason: "failed to parse field [source.ip] of type [ip]: 'not-an-ip'" }]);
    dl.write(items, [{ index: 2, status: 413, type: 'request_too_large', reason: 'HTTP 413', id: 'c-from-response' }]);
    await dl.close();
    const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { earlier: 'run' },
      {
        time: '2025-09-01T10:00:00.000Z',
        _id: 'b',
        status: 400,
        error: { type: 'document_parsing_exception', reason: "failed to parse field [source.ip] of type [ip]: 'not-an-ip'" },
        document: { source: { ip: 'not-an-ip' }, subject: 'Grüße → 東京 😀' },
      },
      { time: '2025-09-01T10:00:00.000Z', _id: 'c-from-response', status: 413, error: { type: 'request_too_large', reason: 'HTTP 413' }, document: { n: 3 } },
    ]);
  });

  it('creates no file when nothing was rejected', async () => {
    const path = join(dir, 'none.ndjson');
    const dl = createDeadLetter({ path, logger: pino({ level: 'silent' }) });
    dl.write(one('a', {}), []);
    await dl.close();
    expect(existsSync(path)).toBe(false);
  });

  it('logs an unwritable file once and never throws', async () => {
    const path = join(dir, 'is-a-directory');
    mkdirSync(path);
    const { logger, lines } = bufferLogger();
    const dl = createDeadLetter({ path, logger });
    const rejection = [{ index: 0, status: 400, type: 't', reason: 'r' }];
    dl.write(one('a', {}), rejection);
    await dl.close();
    dl.write(one('b', {}), rejection);
    dl.write(one('c', {}), rejection);
    await dl.close();
    const errors = lines().filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0].msg).toContain('dead-letter file unwritable');
  });
});

describe('deadLetterLine', () => {
  it('records a null _id when the action line has none (auto ids)', () => {
    const line = deadLetterLine('{"create":{}}\n{"n":1}\n', { index: 0, status: 400, type: 't', reason: 'r' }, '"T"');
    expect(JSON.parse(line)).toEqual({ time: 'T', _id: null, status: 400, error: { type: 't', reason: 'r' }, document: { n: 1 } });
  });
});

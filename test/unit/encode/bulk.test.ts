import { describe, expect, it } from 'vitest';
import { createBulkEncoder, createDocId } from '../../../src/encode/bulk.js';
import { createEcsEncoder } from '../../../src/encode/ecs.js';
import { FIXTURE_EVENTS } from '../../fixtures/events.js';

const START = Date.parse('2026-02-23T08:00:00.000Z');
const encodeDoc = createEcsEncoder({ namespace: 'default', agentId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', agentVersion: '8.17.0', hostname: 'EXCH01' });

describe('createDocId', () => {
  it('is stable for the same seed, start and position, short and URL-safe', () => {
    const a = createDocId('seed-1', START);
    const b = createDocId('seed-1', START);
    for (const seq of [0, 1, 35, 36, 1_000_000, 2 ** 40]) {
      expect(a(seq)).toBe(b(seq));
      expect(a(seq)).toMatch(/^[A-Za-z0-9_-]{23,32}$/);
    }
  });

  it('is distinct across positions, seeds and start instants', () => {
    const ids = new Set<string>();
    const streams = [createDocId('seed-1', START), createDocId('seed-2', START), createDocId('seed-1', START + 1)];
    for (const docId of streams) for (let seq = 0; seq < 20_000; seq++) ids.add(docId(seq));
    expect(ids.size).toBe(60_000);
    // Seed and start are separated, so ("a1", 2) and ("a", 12) do not meet.
    expect(createDocId('a1', 2)(0)).not.toBe(createDocId('a', 12)(0));
  });
});

describe('createBulkEncoder', () => {
  it('writes a create action with the derived _id, then the document, each line ending in \\n', () => {
    const docId = createDocId('seed-1', START);
    const bulk = createBulkEncoder({ encodeDoc, docId });
    for (const ev of FIXTURE_EVENTS) {
      const lines = bulk(ev).split('\n');
      expect(lines).toHaveLength(3);
      expect(lines[2]).toBe('');
      expect(JSON.parse(lines[0])).toEqual({ create: { _id: docId(ev.seq) } });
      expect(lines[1]).toBe(encodeDoc(ev));
    }
  });

  it('leaves the _id to the engine when no docId is given', () => {
    const ev = FIXTURE_EVENTS[3];
    expect(createBulkEncoder({ encodeDoc })(ev)).toBe('{"create":{}}\n' + encodeDoc(ev) + '\n');
  });
});

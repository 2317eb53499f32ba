import { describe, expect, it } from 'vitest';
import { CSV_FIELDS } from '../../../src/encode/exchange-csv.js';
import { ingestPipeline } from '../../../src/setup/ingest-pipeline.js';

// Processors of Elasticsearch's ingest-common that OpenSearch 2.x (forked at 7.10) also has, with
// the options we use; anything newer (copy_from, redact, ...) would install on one engine only.
const BOTH_ENGINES = new Set(['append', 'convert', 'csv', 'date', 'foreach', 'lowercase', 'remove', 'script', 'set', 'split']);

type Processor = Record<string, Record<string, unknown>>;

function allProcessors(list: Processor[]): [string, Record<string, unknown>][] {
  return list.flatMap((p) => {
    const [[type, options]] = Object.entries(p);
    const nested = options.processor as Processor | undefined;
    return [[type, options] as [string, Record<string, unknown>], ...(nested ? allProcessors([nested]) : [])];
  });
}

describe('ingest pipeline definition', () => {
  const { name, body } = ingestPipeline('msgtrack-exchange-messagetracking');
  const processors = allProcessors(body.processors);

  it('is named as asked and uses only processors both engines have', () => {
    expect(name).toBe('msgtrack-exchange-messagetracking');
    for (const [type] of processors) expect(BOTH_ENGINES, type).toContain(type);
    for (const [, options] of processors) expect(options).not.toHaveProperty('copy_from');
  });

  it('never uses a fail processor: it answers 500, which the bulk sink would retry forever', () => {
    expect(processors.map(([type]) => type)).not.toContain('fail');
  });

  it('parses the 30 columns in order, a 31st marking the line as malformed', () => {
    const csv = processors.find(([type]) => type === 'csv')?.[1] as { field: string; target_fields: string[] };
    expect(csv.field).toBe('message');
    expect(csv.target_fields).toHaveLength(CSV_FIELDS.length + 1);
    expect(csv.target_fields[0]).toBe('@timestamp');
    expect(csv.target_fields[8]).toBe('microsoft_exchange.messagetracking.event_id');
    expect(csv.target_fields[29]).toBe('microsoft_exchange.messagetracking.schema_version');
    expect(csv.target_fields[30]).toBe('_tmp.extra');
  });

  it('removes the raw line and its scratch fields at the end', () => {
    expect(body.processors.at(-1)).toEqual({ remove: { field: ['message', '_tmp'], ignore_missing: true } });
  });
});

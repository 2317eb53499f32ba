import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { simulationSettings } from '../../src/cli/simulation-settings.js';
import { loadConfig } from '../../src/config/load.js';
import { createEcsEncoder } from '../../src/encode/ecs.js';
import { mappedFieldPaths } from '../../src/setup/index-template.js';
import { DATA_VIEW, kibanaAssetFiles } from '../../src/setup/kibana.js';
import { createSimulation } from '../../src/sim/simulation.js';

// The saved objects in kibana/ are importable (valid NDJSON, versions, references) and every
// field a panel or the saved search touches is parsed out of the objects themselves (Lens
// columns, KQL queries, filters, search columns and sort) and checked against the index
// template's mappings and against documents the simulation generates.

const ROOT = join(import.meta.dirname, '..', '..');
const KIBANA_DIR = join(ROOT, 'kibana');

interface Reference {
  readonly type: string;
  readonly id: string;
  readonly name: string;
}
interface SavedObject {
  readonly type: string;
  readonly id: string;
  readonly attributes: Record<string, unknown> & { title?: string };
  readonly references: readonly Reference[];
  readonly coreMigrationVersion?: string;
  readonly typeMigrationVersion?: string;
}
interface LensColumn {
  readonly operationType: string;
  readonly sourceField?: string;
  readonly params?: {
    orderBy?: { type: string; columnId?: string };
    filters?: { label: string; input: { query: string; language: string } }[];
  };
}
interface LensLayer {
  readonly columns: Record<string, LensColumn>;
  readonly columnOrder: readonly string[];
}
interface LensState {
  readonly visualization: Record<string, unknown>;
  readonly query: { readonly query: string; readonly language: string };
  readonly filters: readonly Filter[];
  readonly datasourceStates: { readonly formBased: { readonly layers: Record<string, LensLayer> } };
}
interface Filter {
  readonly meta?: { readonly key?: string };
  readonly query?: unknown;
}

const FILE = join(KIBANA_DIR, 'msgtrack-dashboards.ndjson');
const TEXT = readFileSync(FILE, 'utf8');
const OBJECTS: SavedObject[] = TEXT.split('\n')
  .filter((line) => line !== '')
  .map((line) => JSON.parse(line) as SavedObject);
const byKey = new Map(OBJECTS.map((o) => [`${o.type}/${o.id}`, o]));
const lensObjects = OBJECTS.filter((o) => o.type === 'lens');
const [search] = OBJECTS.filter((o) => o.type === 'search');
const [dashboard] = OBJECTS.filter((o) => o.type === 'dashboard');

const lensState = (o: SavedObject): LensState => o.attributes.state as LensState;
const layers = (o: SavedObject): [string, LensLayer][] => Object.entries(lensState(o).datasourceStates.formBased.layers);
const searchSource = (o: SavedObject): { query?: { query: string }; filter?: Filter[]; indexRefName?: string } =>
  JSON.parse((o.attributes.kibanaSavedObjectMeta as { searchSourceJSON: string }).searchSourceJSON);

// --- a KQL subset: `field:value`, `field:*`, `field:(a or b)`, clauses joined by `and`; values may
// hold `*` wildcards ------------------------------------------------------------------------------

interface KqlClause {
  readonly field: string;
  /** Any of these matches; `*` alone means the field exists. */
  readonly values: readonly string[];
}

/** Parses the KQL our panels use; anything richer throws, so panels keep to what is checked here. */
function parseKql(query: string): KqlClause[] {
  if (query.trim() === '') return [];
  return query.split(/\s+and\s+/).map((clause) => {
    const match = /^([@\w.]+):([\w.@|=*-]+|\(([\w.@|=*-]+(?:\s+or\s+[\w.@|=*-]+)*)\))$/.exec(clause.trim());
    if (!match) throw new Error(`KQL clause outside the checked subset: "${clause}"`);
    const [, field, value, list] = match;
    return { field, values: list ? list.split(/\s+or\s+/) : [value] };
  });
}

function valuesAt(doc: unknown, path: string): unknown[] {
  let nodes: unknown[] = [doc];
  for (const part of path.split('.')) {
    nodes = nodes.flatMap((node) => {
      const next = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
      return next === undefined ? [] : Array.isArray(next) ? next : [next];
    });
  }
  return nodes;
}

/** A KQL value as a whole-value pattern: `*` matches any run of characters, as on a keyword field. */
function valuePattern(value: string): RegExp {
  return new RegExp(`^${value.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
}

function matches(doc: unknown, clauses: readonly KqlClause[]): boolean {
  return clauses.every(({ field, values }) => {
    const found = valuesAt(doc, field).map(String);
    return values.some((value) => {
      const pattern = valuePattern(value);
      return found.some((v) => pattern.test(v));
    });
  });
}

// --- what each object uses ------------------------------------------------------------------------

interface Usage {
  readonly object: string;
  /** Fields bucketed or aggregated on (must be aggregatable). */
  readonly aggregated: readonly { field: string; operation: string }[];
  /** Every field referenced in any way. */
  readonly fields: readonly string[];
  readonly query: readonly KqlClause[];
  /** Lens `filters` buckets: each must find data on its own (within `query`). */
  readonly buckets: readonly { readonly label: string; readonly query: readonly KqlClause[] }[];
}

function filterFields(filters: readonly Filter[] | undefined): string[] {
  return (filters ?? []).flatMap((f) => (f.meta?.key ? [f.meta.key] : []));
}

function lensUsage(o: SavedObject): Usage {
  const state = lensState(o);
  expect(state.query.language).toBe('kuery');
  const query = parseKql(state.query.query);
  const aggregated = layers(o).flatMap(([, layer]) =>
    Object.values(layer.columns)
      .filter((c) => c.sourceField !== undefined && c.sourceField !== '___records___')
      .map((c) => ({ field: c.sourceField as string, operation: c.operationType })),
  );
  const buckets = layers(o).flatMap(([, layer]) =>
    Object.values(layer.columns).flatMap((c) =>
      (c.params?.filters ?? []).map((f) => {
        expect(f.input.language).toBe('kuery');
        return { label: f.label, query: parseKql(f.input.query) };
      }),
    ),
  );
  const fields = [
    ...aggregated.map((a) => a.field),
    ...query.map((c) => c.field),
    ...buckets.flatMap((b) => b.query.map((c) => c.field)),
    ...filterFields(state.filters),
  ];
  return { object: `lens/${o.id}`, aggregated, fields, query, buckets };
}

function searchUsage(o: SavedObject): Usage {
  const source = searchSource(o);
  const query = parseKql(source.query?.query ?? '');
  const columns = o.attributes.columns as string[];
  const sort = (o.attributes.sort as [string, string][]).map(([field]) => field);
  const fields = [...columns, ...sort, ...query.map((c) => c.field), ...filterFields(source.filter)];
  return { object: `search/${o.id}`, aggregated: [], fields, query, buckets: [] };
}

function dataViewFields(o: SavedObject): string[] {
  return [o.attributes.timeFieldName as string, ...Object.keys(JSON.parse(o.attributes.fieldFormatMap as string))];
}

const ACCESSOR_KEYS = new Set(['xAccessor', 'splitAccessor', 'metricAccessor', 'columnId', 'accessors', 'primaryGroups', 'metrics']);

/** The column ids a Lens visualization state points at, wherever they sit in it. */
function accessorIds(node: unknown): string[] {
  if (node === null || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap(accessorIds);
  return Object.entries(node).flatMap(([key, value]) =>
    ACCESSOR_KEYS.has(key) ? [value].flat().filter((v): v is string => typeof v === 'string') : accessorIds(value),
  );
}

const USAGES: Usage[] = [...lensObjects.map(lensUsage), searchUsage(search)];

// --- tests ----------------------------------------------------------------------------------------

describe('kibana/msgtrack-dashboards.ndjson', () => {
  it('is what kibana/build-ndjson.mjs produces', () => {
    const built = execFileSync(process.execPath, [join(KIBANA_DIR, 'build-ndjson.mjs')], { encoding: 'utf8' });
    expect(built).toBe(TEXT);
  });

  it('is the one NDJSON file setup imports by default', async () => {
    expect(await kibanaAssetFiles()).toEqual([FILE]);
  });

  it('holds unique, versioned saved objects of importable types', () => {
    expect(TEXT.endsWith('\n')).toBe(true);
    expect(byKey.size).toBe(OBJECTS.length);
    for (const o of OBJECTS) {
      expect(['index-pattern', 'lens', 'search', 'dashboard']).toContain(o.type);
      expect(o.id).toMatch(/^msgtrack-[a-z0-9-]+$/);
      expect(o.coreMigrationVersion).toBe('8.8.0');
      // installKibanaObjects requires Kibana 8.9: no object may claim a newer type version.
      const [major, minor] = (o.typeMigrationVersion ?? '').split('.').map(Number);
      expect(major * 100 + minor, `${o.type}/${o.id}`).toBeLessThanOrEqual(809);
      expect(typeof o.attributes.title).toBe('string');
    }
  });

  it('defines the same data view setup creates through the API', () => {
    const view = byKey.get(`index-pattern/${DATA_VIEW.id}`);
    expect(view?.attributes).toMatchObject({ title: DATA_VIEW.title, name: DATA_VIEW.name, timeFieldName: DATA_VIEW.timeFieldName });
  });

  it('has every reference resolve to an object of the file', () => {
    for (const o of OBJECTS) {
      for (const ref of o.references) expect(byKey.has(`${ref.type}/${ref.id}`), `${o.id} -> ${ref.type}/${ref.id}`).toBe(true);
    }
  });

  it('wires every Lens layer to the data view by reference name', () => {
    for (const o of lensObjects) {
      const names = o.references.map((r) => r.name);
      for (const [layerId] of layers(o)) expect(names).toContain(`indexpattern-datasource-layer-${layerId}`);
      expect(o.references.every((r) => r.type === 'index-pattern' && r.id === DATA_VIEW.id)).toBe(true);
    }
    expect(searchSource(search).indexRefName).toBe('kibanaSavedObjectMeta.searchSourceJSON.index');
    expect(search.references).toEqual([{ type: 'index-pattern', id: DATA_VIEW.id, name: 'kibanaSavedObjectMeta.searchSourceJSON.index' }]);
  });

  it('keeps each Lens state self-consistent: column order, accessors and term ordering name real columns', () => {
    for (const o of lensObjects) {
      for (const [layerId, layer] of layers(o)) {
        const ids = Object.keys(layer.columns);
        expect([...layer.columnOrder].sort()).toEqual([...ids].sort());
        for (const c of Object.values(layer.columns)) {
          if (c.params?.orderBy?.type === 'column') expect(ids).toContain(c.params.orderBy.columnId);
        }
        const named = accessorIds(lensState(o).visualization);
        expect(named.length, o.id).toBeGreaterThan(0);
        for (const id of named) expect(ids, `${o.id} layer ${layerId}`).toContain(id);
      }
    }
  });

  it('lays the dashboard panels out by reference to the objects of the file, without overlap', () => {
    expect(dashboard.attributes.title).toBe('Exchange message tracking');
    const panels = JSON.parse(dashboard.attributes.panelsJSON as string) as {
      panelIndex: string;
      panelRefName: string;
      type: string;
      gridData: { x: number; y: number; w: number; h: number; i: string };
    }[];
    const refs = new Map(dashboard.references.map((r) => [r.name, r]));
    const cells = new Set<string>();
    for (const p of panels) {
      const ref = refs.get(`${p.panelIndex}:${p.panelRefName}`);
      expect(ref?.type, p.panelIndex).toBe(p.type);
      expect(p.gridData.i).toBe(p.panelIndex);
      expect(p.gridData.x + p.gridData.w).toBeLessThanOrEqual(48);
      for (let x = p.gridData.x; x < p.gridData.x + p.gridData.w; x++) {
        for (let y = p.gridData.y; y < p.gridData.y + p.gridData.h; y++) {
          expect(cells.has(`${x},${y}`), `${p.panelIndex} overlaps at ${x},${y}`).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
    // Every Lens and the saved search are on the dashboard.
    const placed = new Set(dashboard.references.map((r) => `${r.type}/${r.id}`));
    for (const o of [...lensObjects, search]) expect(placed.has(`${o.type}/${o.id}`), o.id).toBe(true);
    expect(parseKql(searchSource(dashboard).query?.query ?? '')).toEqual([]);
  });

  it('answers what the issue asks for', () => {
    const used = (field: string, action?: string): boolean =>
      USAGES.some((u) => u.fields.includes(field) && (action === undefined || u.query.some((c) => c.field === 'event.action' && c.values.includes(action))));
    expect(used('microsoft_exchange.messagetracking.event_id')).toBe(true); // events by event id
    expect(used('email.direction')).toBe(true); // mail flow by direction
    expect(used('email.from.address')).toBe(true); // top senders
    expect(used('email.to.address')).toBe(true); // top recipients
    expect(used('source.domain')).toBe(true); // external domains (sending hosts)
    expect(used('microsoft_exchange.messagetracking.recipient_status', 'fail')).toBe(true); // failures with status codes
    expect(used('microsoft_exchange.messagetracking.recipient_status', 'defer')).toBe(true);
    expect(used('event.action', 'dsn')).toBe(true); // bounces
    expect(used('microsoft_exchange.messagetracking.custom_data', 'agentinfo')).toBe(true); // spam verdicts
    expect(used('email.from.address', 'drop')).toBe(true); // drops
    expect(USAGES.some((u) => u.aggregated.some((a) => a.field.endsWith('.total_bytes') && a.operation === 'range'))).toBe(true);
    expect(used('microsoft_exchange.messagetracking.related_recipient_address', 'expand')).toBe(true); // group expansions
    expect(used('source.geo.country_iso_code')).toBe(true); // sending countries
    expect(search.attributes.columns).toContain('email.subject'); // raw events
  });
});

describe('fields used by kibana/ against the index template', () => {
  const mapped = mappedFieldPaths();
  const AGGREGATABLE = new Set(['keyword', 'long', 'integer', 'short', 'byte', 'double', 'float', 'ip', 'date', 'boolean']);
  const NUMERIC = new Set(['long', 'integer', 'short', 'byte', 'double', 'float']);

  it('maps every field a panel, the saved search or the data view references', () => {
    const fields = new Set([...USAGES.flatMap((u) => u.fields), ...dataViewFields(byKey.get(`index-pattern/${DATA_VIEW.id}`)!)]);
    expect(fields.size).toBeGreaterThan(15);
    const unmapped = [...fields].filter((f) => !mapped.has(f));
    expect(unmapped).toEqual([]);
  });

  it('aggregates only on aggregatable fields, and does arithmetic only on numbers', () => {
    for (const usage of USAGES) {
      for (const { field, operation } of usage.aggregated) {
        const type = mapped.get(field) ?? 'unmapped';
        expect(AGGREGATABLE.has(type), `${usage.object}: ${operation} on ${field} (${type})`).toBe(true);
        if (['sum', 'max', 'min', 'average', 'range'].includes(operation)) expect(NUMERIC.has(type), `${usage.object}: ${field}`).toBe(true);
        if (operation === 'date_histogram') expect(type).toBe('date');
      }
    }
  });
});

// The generated documents: the same path `msgtrack generate` takes (the default configuration,
// the simulation, the ECS encoder), from a fixed start on a working day.
describe('fields used by kibana/ in generated documents', () => {
  const docs: unknown[] = [];
  beforeAll(() => {
    const config = loadConfig({ argv: [], env: {}, cwd: ROOT });
    const sim = createSimulation(simulationSettings(config, Date.parse('2026-03-02T08:00:00.000Z')));
    const encode = createEcsEncoder({ namespace: config.namespace, agentId: config.agent_id, agentVersion: config.agent_version, hostname: config.hostname });
    for (let i = 0; i < 40_000; i++) docs.push(JSON.parse(encode(sim.next())));
  });

  it('finds every referenced field in some document', () => {
    const fields = new Set(USAGES.flatMap((u) => u.fields));
    const missing = [...fields].filter((f) => !docs.some((d) => valuesAt(d, f).length > 0));
    expect(missing).toEqual([]);
  });

  it('gives every panel data: its query, each of its buckets and each field it aggregates find documents', () => {
    for (const usage of USAGES) {
      const hits = docs.filter((d) => matches(d, usage.query));
      expect(hits.length, `${usage.object} query matches nothing`).toBeGreaterThan(0);
      for (const { field } of usage.aggregated) {
        expect(hits.some((d) => valuesAt(d, field).length > 0), `${usage.object}: no matching document has ${field}`).toBe(true);
      }
      for (const bucket of usage.buckets) {
        expect(hits.some((d) => matches(d, bucket.query)), `${usage.object}: bucket "${bucket.label}" is always empty`).toBe(true);
      }
    }
  });
});

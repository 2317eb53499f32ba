#!/usr/bin/env node
// Builds kibana/msgtrack-dashboards.ndjson, the saved objects `msgtrack setup --kibana-url`
// imports (and that Kibana's Stack Management > Saved objects > Import accepts as is).
//
//   node kibana/build-ndjson.mjs > kibana/msgtrack-dashboards.ndjson
//
// Written as code, not exported from a Kibana, so panels are reviewable and ids stay stable;
// test/behaviour/kibana-objects.test.ts fails when the committed file differs from this output.
// Object format: Kibana 8.x saved objects (formBased Lens by reference, panelRefName dashboard
// panels), versions as Kibana's own sample data and 8.9+ exports carry them.

import { pathToFileURL } from 'node:url';

// Must equal DATA_VIEW in src/setup/kibana.ts (the test checks it).
const DATA_VIEW = 'msgtrack-messagetracking';
const MT = 'microsoft_exchange.messagetracking.';
const LAYER = 'layer1';
const CORE = '8.8.0';

const column = {
  events: (label = 'Events') => ({ label, customLabel: true, dataType: 'number', operationType: 'count', isBucketed: false, scale: 'ratio', sourceField: '___records___', params: { emptyAsNull: true } }),
  // network-message-id survives bifurcation and expansion: one value per message.
  messages: (label = 'Messages') => ({ label, customLabel: true, dataType: 'number', operationType: 'unique_count', isBucketed: false, scale: 'ratio', sourceField: `${MT}network_message_id`, params: { emptyAsNull: true } }),
  metric: (operationType, field, label) => ({ label, customLabel: true, dataType: 'number', operationType, isBucketed: false, scale: 'ratio', sourceField: field, params: { emptyAsNull: true } }),
  time: () => ({ label: '@timestamp', dataType: 'date', operationType: 'date_histogram', isBucketed: true, scale: 'interval', sourceField: '@timestamp', params: { interval: 'auto', includeEmptyRows: true, dropPartials: false } }),
  terms: (field, label, size, orderBy, otherBucket = false) => ({
    label, customLabel: true, dataType: 'string', operationType: 'terms', isBucketed: true, scale: 'ordinal', sourceField: field,
    params: { size, orderBy: { type: 'column', columnId: orderBy }, orderDirection: 'desc', otherBucket, missingBucket: false, parentFormat: { id: 'terms' } },
  }),
  // One bucket per KQL query: how Lens splits on patterns inside a field's value.
  filters: (label, buckets) => ({
    label, customLabel: true, dataType: 'string', operationType: 'filters', isBucketed: true, scale: 'ordinal',
    params: { filters: buckets.map(([bucket, query]) => ({ label: bucket, input: { query, language: 'kuery' } })) },
  }),
  ranges: (field, label, ranges) => ({
    label, customLabel: true, dataType: 'number', operationType: 'range', isBucketed: true, scale: 'ordinal', sourceField: field,
    params: { type: 'range', ranges, maxBars: 'auto', includeEmptyRows: true, parentFormat: { id: 'range', params: { template: 'arrow_right', replaceInfinity: true } } },
  }),
};

const vis = {
  xy: (seriesType, x, accessors, split) => ({
    legend: { isVisible: true, position: 'right' },
    valueLabels: 'hide',
    fittingFunction: 'None',
    preferredSeriesType: seriesType,
    layers: [{ layerId: LAYER, layerType: 'data', seriesType, xAccessor: x, accessors, ...(split ? { splitAccessor: split } : {}) }],
  }),
  donut: (group, metric) => ({
    shape: 'donut',
    layers: [{ layerId: LAYER, layerType: 'data', primaryGroups: [group], metrics: [metric], numberDisplay: 'percent', categoryDisplay: 'default', legendDisplay: 'default', nestedLegend: false }],
  }),
  table: (columnIds) => ({ layerId: LAYER, layerType: 'data', columns: columnIds.map((columnId) => ({ columnId })) }),
  metric: (accessor) => ({ layerId: LAYER, layerType: 'data', metricAccessor: accessor }),
};

const VIS_TYPE = { xy: 'lnsXY', donut: 'lnsPie', table: 'lnsDatatable', metric: 'lnsMetric' };

/** A Lens saved object over our data view; `columns` in display order, `query` in KQL. */
function lens(id, title, description, { type, columns, visualization, query = '' }) {
  return {
    type: 'lens',
    id: `msgtrack-${id}`,
    attributes: {
      title,
      description,
      visualizationType: VIS_TYPE[type],
      state: {
        visualization,
        query: { query, language: 'kuery' },
        filters: [],
        datasourceStates: { formBased: { layers: { [LAYER]: { columns, columnOrder: Object.keys(columns), incompleteColumns: {} } } } },
        internalReferences: [],
        adHocDataViews: {},
      },
    },
    references: [{ type: 'index-pattern', id: DATA_VIEW, name: `indexpattern-datasource-layer-${LAYER}` }],
    coreMigrationVersion: CORE,
    typeMigrationVersion: '8.9.0',
    managed: false,
  };
}

function metricPanel(id, title, description, metricColumn, query) {
  return lens(id, title, description, { type: 'metric', columns: { value: metricColumn }, visualization: vis.metric('value'), query });
}

function topTable(id, title, description, field, label, size, query) {
  return lens(id, title, description, {
    type: 'table',
    columns: { key: column.terms(field, label, size, 'messages'), messages: column.messages(), events: column.events() },
    visualization: vis.table(['key', 'messages', 'events']),
    query,
  });
}

/**
 * Counts AGENTINFO events per verdict. The verdicts sit inside custom-data
 * (`S:CFA=SUM|SCL=5|SFV=SPM|IPV=NLI|BCL=0|CTRY=CN;...`), so each bucket is a wildcard query on it.
 */
function verdictPanel(id, title, description, label, buckets) {
  const filters = buckets.map(([bucket, pair]) => [bucket, `${MT}custom_data:*|${pair}|*`]);
  return lens(id, title, description, {
    type: 'xy',
    columns: { verdict: column.filters(label, filters), events: column.events() },
    visualization: vis.xy('bar_horizontal', 'verdict', ['events']),
    query: 'event.action:agentinfo',
  });
}

const KB = 1024;
const MB = 1024 * KB;

const panels = [
  // [saved object, x, y, w, h]
  [metricPanel('messages', 'Messages', 'Distinct messages (network message id) in the time range.', column.messages()), 0, 0, 12, 6],
  [metricPanel('recipients-delivered', 'Recipients delivered', 'Recipients of DELIVER events (one event carries a batch of recipients).', column.metric('sum', `${MT}recipient_count`, 'Recipients delivered'), 'event.action:deliver'), 12, 0, 12, 6],
  [metricPanel('failures', 'Delivery failures', 'FAIL events: permanent (5xx) delivery failures.', column.events('Failures'), 'event.action:fail'), 24, 0, 12, 6],
  [metricPanel('drops', 'Dropped messages', 'DROP events: messages discarded without a DSN (spam, policy).', column.events('Dropped'), 'event.action:drop'), 36, 0, 12, 6],
  [lens('events-over-time', 'Events over time by event id', 'Message tracking events per interval, stacked by Exchange event-id.', {
    type: 'xy',
    columns: { time: column.time(), eventId: column.terms(`${MT}event_id`, 'Event id', 16, 'events', true), events: column.events() },
    visualization: vis.xy('bar_stacked', 'time', ['events'], 'eventId'),
  }), 0, 6, 32, 13],
  [lens('direction', 'Mail flow by direction', 'Messages by direction: inbound from the Internet, outbound to it, internal.', {
    type: 'donut',
    columns: { direction: column.terms('email.direction', 'Direction', 3, 'messages'), messages: column.messages() },
    visualization: vis.donut('direction', 'messages'),
  }), 32, 6, 16, 13],
  [topTable('top-senders', 'Top senders', 'Senders with the most messages.', 'email.from.address', 'Sender', 10), 0, 19, 16, 14],
  [topTable('top-recipients', 'Top recipients', 'Recipients with the most messages.', 'email.to.address', 'Recipient', 10), 16, 19, 16, 14],
  [topTable('top-external-hosts', 'Top external domains (sending hosts)', 'Internet hosts that connected to our servers, by host name.', 'source.domain', 'External host', 10, 'source.geo.country_iso_code:*'), 32, 19, 16, 14],
  [lens('failures-over-time', 'Delivery failures, deferrals and bounces', 'FAIL (5xx), DEFER (4xx, retried) and DSN (bounce) events over time.', {
    type: 'xy',
    columns: { time: column.time(), action: column.terms('event.action', 'Event', 3, 'events'), events: column.events() },
    visualization: vis.xy('bar_stacked', 'time', ['events'], 'action'),
    query: 'event.action:(fail or defer or dsn)',
  }), 0, 33, 24, 13],
  [lens('status-codes', 'Failure and deferral status codes', 'Recipient status (SMTP code and enhanced status) of FAIL and DEFER events.', {
    type: 'table',
    columns: { action: column.terms('event.action', 'Event', 3, 'events'), status: column.terms(`${MT}recipient_status`, 'Recipient status', 15, 'events'), events: column.events() },
    visualization: vis.table(['action', 'status', 'events']),
    query: 'event.action:(fail or defer)',
  }), 24, 33, 24, 13],
  [verdictPanel('spam-verdicts', 'Spam filtering verdicts (SFV)', 'AGENTINFO verdicts of the content filter, from SFV in custom-data.', 'Verdict', [
    ['SPM: spam', 'SFV=SPM'],
    ['BLK: bulk', 'SFV=BLK'],
    ['NSPM: not spam', 'SFV=NSPM'],
    ['SKA: allow-listed sender', 'SFV=SKA'],
    ['SKN: skipped (internal)', 'SFV=SKN'],
  ]), 0, 46, 16, 13],
  [verdictPanel('spam-confidence', 'Spam confidence level (SCL)', 'AGENTINFO SCL from custom-data: -1 trusted, 5-8 junk folder, 9 deleted (dropped).', 'SCL', [
    ['-1', 'SCL=-1'], ['0', 'SCL=0'], ['1', 'SCL=1'], ['5', 'SCL=5'], ['6', 'SCL=6'], ['7', 'SCL=7'], ['8', 'SCL=8'], ['9', 'SCL=9'],
  ]), 16, 46, 16, 13],
  [topTable('dropped-senders', 'Dropped messages by sender', 'Senders whose messages were dropped (spam, policy).', 'email.from.address', 'Sender', 10, 'event.action:drop'), 32, 46, 16, 13],
  [lens('message-sizes', 'Message size distribution', 'Messages by size (total bytes); Exchange sizes are right-skewed, up to 25 MB.', {
    type: 'xy',
    columns: {
      size: column.ranges(`${MT}total_bytes`, 'Message size', [
        { from: 0, to: 10 * KB, label: '< 10 KB' },
        { from: 10 * KB, to: 50 * KB, label: '10-50 KB' },
        { from: 50 * KB, to: 100 * KB, label: '50-100 KB' },
        { from: 100 * KB, to: 1 * MB, label: '100 KB-1 MB' },
        { from: 1 * MB, to: 5 * MB, label: '1-5 MB' },
        // Bounded: an open end (Infinity) does not survive JSON. Exchange caps messages far below 1 GB.
        { from: 5 * MB, to: 1024 * MB, label: '5 MB and more' },
      ]),
      messages: column.messages(),
    },
    visualization: vis.xy('bar', 'size', ['messages']),
  }), 0, 59, 24, 13],
  [lens('group-expansions', 'Distribution group expansions', 'EXPAND events by distribution group, with the largest recipient count seen.', {
    type: 'table',
    columns: {
      group: column.terms(`${MT}related_recipient_address`, 'Distribution group', 15, 'expansions'),
      expansions: column.events('Expansions'),
      members: column.metric('max', `${MT}recipient_count`, 'Recipients (max)'),
    },
    visualization: vis.table(['group', 'expansions', 'members']),
    query: 'event.action:expand',
  }), 24, 59, 24, 13],
  [lens('sending-countries', 'Sending countries', 'Messages from Internet hosts, by country of the connecting IP.', {
    type: 'xy',
    columns: { country: column.terms('source.geo.country_iso_code', 'Country', 15, 'messages'), messages: column.messages() },
    visualization: vis.xy('bar_horizontal', 'country', ['messages']),
  }), 0, 72, 24, 13],
  [lens('direction-over-time', 'Mail flow by direction over time', 'Messages per interval by direction.', {
    type: 'xy',
    columns: { time: column.time(), direction: column.terms('email.direction', 'Direction', 3, 'messages'), messages: column.messages() },
    visualization: vis.xy('area_stacked', 'time', ['messages'], 'direction'),
  }), 24, 72, 24, 13],
];

const dataView = {
  type: 'index-pattern',
  id: DATA_VIEW,
  attributes: {
    title: 'logs-microsoft_exchange.messagetracking-*',
    name: 'Exchange message tracking',
    timeFieldName: '@timestamp',
    fieldFormatMap: JSON.stringify({ [`${MT}total_bytes`]: { id: 'bytes' } }),
    fields: '[]',
    runtimeFieldMap: '{}',
    sourceFilters: '[]',
    typeMeta: '{}',
  },
  references: [],
  coreMigrationVersion: CORE,
  typeMigrationVersion: '7.11.0',
  managed: false,
};

const search = {
  type: 'search',
  id: 'msgtrack-raw-events',
  attributes: {
    title: 'Exchange message tracking events',
    description: 'Raw message tracking events, newest first.',
    columns: [
      `${MT}event_id`,
      `${MT}source`,
      'email.direction',
      'email.from.address',
      'email.to.address',
      'email.subject',
      `${MT}recipient_status`,
      `${MT}server_hostname`,
      'source.ip',
    ],
    sort: [['@timestamp', 'desc']],
    hideChart: false,
    kibanaSavedObjectMeta: {
      searchSourceJSON: JSON.stringify({
        query: { query: '', language: 'kuery' },
        filter: [],
        indexRefName: 'kibanaSavedObjectMeta.searchSourceJSON.index',
      }),
    },
  },
  references: [{ type: 'index-pattern', id: DATA_VIEW, name: 'kibanaSavedObjectMeta.searchSourceJSON.index' }],
  coreMigrationVersion: CORE,
  typeMigrationVersion: '7.9.3',
  managed: false,
};

const placed = [...panels, [search, 0, 85, 48, 20]];

const dashboard = {
  type: 'dashboard',
  id: 'msgtrack-exchange-message-tracking',
  attributes: {
    title: 'Exchange message tracking',
    description: 'Mail flow of the simulated Exchange 2019 organisation (msgtrack): volumes, directions, top talkers, failures, spam and raw events.',
    panelsJSON: JSON.stringify(
      placed.map(([object, x, y, w, h], index) => ({
        version: '8.9.0',
        type: object.type,
        gridData: { x, y, w, h, i: `p${index + 1}` },
        panelIndex: `p${index + 1}`,
        embeddableConfig: { enhancements: {} },
        panelRefName: `panel_p${index + 1}`,
      })),
    ),
    optionsJSON: JSON.stringify({ useMargins: true, syncColors: false, syncCursor: true, syncTooltips: false, hidePanelTitles: false }),
    timeRestore: true,
    timeFrom: 'now-24h',
    timeTo: 'now',
    refreshInterval: { pause: false, value: 30_000 },
    version: 1,
    kibanaSavedObjectMeta: { searchSourceJSON: JSON.stringify({ query: { query: '', language: 'kuery' }, filter: [] }) },
  },
  references: placed.map(([object], index) => ({ name: `p${index + 1}:panel_p${index + 1}`, type: object.type, id: object.id })),
  coreMigrationVersion: CORE,
  typeMigrationVersion: '8.7.0',
  managed: false,
};

/** Referenced objects first, so a reader (or a partial import) meets them before their users. */
export const savedObjects = [dataView, search, ...panels.map(([object]) => object), dashboard];

export function toNdjson(objects = savedObjects) {
  return objects.map((object) => JSON.stringify(object)).join('\n') + '\n';
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.stdout.write(toNdjson());

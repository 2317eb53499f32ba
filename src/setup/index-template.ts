/**
 * The composable index template for our data stream, and the field list it maps.
 *
 * Every field the ECS encoder (src/encode/ecs.ts) emits is mapped explicitly with its ECS type
 * (https://www.elastic.co/guide/en/ecs/8.11/ecs-field-reference.html), so documents never depend
 * on dynamic mapping and a wrong type (a non-IP in an ip field) is rejected per item. Our template
 * replaces Elasticsearch's built-in `logs` template (priority 100) for our pattern, and with it
 * `logs@settings`' `ignore_malformed`, which would otherwise hide such errors.
 *
 * The mappings use only types both engines have (OpenSearch forked at 7.10: no `wildcard`,
 * `match_only_text` or `constant_keyword` there), so the two targets differ in settings only.
 */

export const DATA_STREAM_DATASET = 'microsoft_exchange.messagetracking';

/** `logs-microsoft_exchange.messagetracking-<namespace>` (shared/docs/elasticsearch.md). */
export function dataStreamName(namespace: string): string {
  return 'logs-' + DATA_STREAM_DATASET + '-' + namespace;
}

interface FieldMapping {
  type: string;
  ignore_above?: number;
  fields?: Record<string, { type: string }>;
}

const KEYWORD: FieldMapping = { type: 'keyword' };
const IP: FieldMapping = { type: 'ip' };
const LONG: FieldMapping = { type: 'long' };
// Free text columns can be long (message-info, custom-data); a keyword term is limited to 32 KB.
const LONG_KEYWORD: FieldMapping = { type: 'keyword', ignore_above: 8191 };
// ECS maps email.subject as keyword with a `.text` multi-field for full-text search.
const SUBJECT: FieldMapping = { type: 'keyword', ignore_above: 1024, fields: { text: { type: 'text' } } };

const MT = 'microsoft_exchange.messagetracking.';

/** Dotted path -> mapping, one entry per field the encoder can emit. */
const FIELDS: Readonly<Record<string, FieldMapping>> = {
  '@timestamp': { type: 'date' },
  'event.action': KEYWORD,
  'event.category': KEYWORD,
  'event.dataset': KEYWORD,
  'event.kind': KEYWORD,
  'event.module': KEYWORD,
  'event.outcome': KEYWORD,
  'event.type': KEYWORD,
  'email.direction': KEYWORD,
  'email.from.address': KEYWORD,
  'email.to.address': KEYWORD,
  'email.subject': SUBJECT,
  'email.message_id': KEYWORD,
  'email.local_id': KEYWORD,
  [MT + 'event_id']: KEYWORD,
  [MT + 'source']: KEYWORD,
  [MT + 'directionality']: KEYWORD,
  [MT + 'source_context']: LONG_KEYWORD,
  [MT + 'connector_id']: KEYWORD,
  [MT + 'internal_message_id']: LONG,
  [MT + 'network_message_id']: KEYWORD,
  [MT + 'recipient_status']: LONG_KEYWORD,
  [MT + 'total_bytes']: LONG,
  [MT + 'recipient_count']: LONG,
  [MT + 'related_recipient_address']: KEYWORD,
  [MT + 'reference']: KEYWORD,
  [MT + 'return_path']: KEYWORD,
  [MT + 'message_info']: LONG_KEYWORD,
  [MT + 'client_ip']: IP,
  [MT + 'client_hostname']: KEYWORD,
  [MT + 'server_ip']: IP,
  [MT + 'server_hostname']: KEYWORD,
  [MT + 'original_client_ip']: IP,
  [MT + 'original_server_ip']: IP,
  [MT + 'custom_data']: LONG_KEYWORD,
  [MT + 'transport_traffic_type']: KEYWORD,
  [MT + 'log_id']: KEYWORD,
  [MT + 'schema_version']: KEYWORD,
  [MT + 'tenant_id']: KEYWORD,
  'source.ip': IP,
  'source.domain': KEYWORD,
  'source.geo.country_iso_code': KEYWORD,
  'destination.ip': IP,
  'destination.domain': KEYWORD,
  'related.ip': IP,
  'related.user': KEYWORD,
  'observer.hostname': KEYWORD,
  'observer.ip': IP,
  'observer.product': KEYWORD,
  'observer.vendor': KEYWORD,
  'host.hostname': KEYWORD,
  'host.name': KEYWORD,
  'agent.id': KEYWORD,
  'agent.name': KEYWORD,
  'agent.type': KEYWORD,
  'agent.version': KEYWORD,
  'elastic_agent.id': KEYWORD,
  'elastic_agent.snapshot': { type: 'boolean' },
  'elastic_agent.version': KEYWORD,
  'ecs.version': KEYWORD,
  'data_stream.type': KEYWORD,
  'data_stream.dataset': KEYWORD,
  'data_stream.namespace': KEYWORD,
};

interface Properties {
  [name: string]: FieldMapping | { properties: Properties };
}

/** Nests dotted paths into the `properties` tree the engines expect. */
function toProperties(fields: Readonly<Record<string, FieldMapping>>): Properties {
  const root: Properties = {};
  for (const [path, mapping] of Object.entries(fields)) {
    const parts = path.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const child = (node[part] ??= { properties: {} }) as { properties: Properties };
      node = child.properties;
    }
    node[parts[parts.length - 1]] = mapping;
  }
  return root;
}

const PROPERTIES = toProperties(FIELDS);

export function indexTemplate(opts: { target: 'elasticsearch' | 'opensearch'; ilmPolicy?: string }): {
  name: string;
  body: object;
} {
  // ILM exists only on Elasticsearch; OpenSearch would reject the unknown setting.
  const settings = opts.target === 'elasticsearch' && opts.ilmPolicy ? { index: { lifecycle: { name: opts.ilmPolicy } } } : {};
  return {
    name: 'logs-' + DATA_STREAM_DATASET,
    body: {
      index_patterns: ['logs-' + DATA_STREAM_DATASET + '-*'],
      data_stream: {},
      // Above the built-in `logs` template (100); same as Elastic integrations (200).
      priority: 200,
      version: 1,
      _meta: { managed_by: 'msgtrack', description: 'Exchange message tracking events (ECS) written by msgtrack' },
      template: { settings, mappings: { properties: PROPERTIES } },
    },
  };
}

/** Dotted field path -> mapping type, for every path the template maps (multi-fields included). */
export function mappedFieldPaths(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (props: Properties, prefix: string): void => {
    for (const [name, def] of Object.entries(props)) {
      const path = prefix + name;
      if ('properties' in def) {
        walk(def.properties, path + '.');
        continue;
      }
      out.set(path, def.type);
      for (const [sub, subDef] of Object.entries(def.fields ?? {})) out.set(path + '.' + sub, subDef.type);
    }
  };
  walk(PROPERTIES, '');
  return out;
}

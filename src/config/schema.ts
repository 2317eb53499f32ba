import { isIPv4 } from 'node:net';
import type { OptionSpec, ValueOf } from './option-spec.js';

/**
 * Every msgtrack option, once: dotted key (YAML layout), type, default, range, environment
 * variables, flags and a one-line doc. The loader, --help, redaction and the documented
 * config/msgtrack.yml all follow this table. The six parameters of the seed document (hostname,
 * domain, server_ip, dag_name, agent_id, agent_version) keep their names as top-level keys.
 */

const serverName = /^[A-Za-z][A-Za-z0-9-]{0,14}$/; // NetBIOS limit: Exchange server names are ≤ 15 characters
const dnsDomain = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const version = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
// Data stream naming rules (elasticsearch.md): lower case, no '-', at most 100 characters.
const namespace = /^[a-z0-9_][a-z0-9_.]{0,99}$/;
const sha256Hex = /^(?:[0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$/;
const identifier = /^[A-Za-z0-9_.-]{1,255}$/;

export const SCHEMA = {
  hostname: {
    type: 'string', default: 'EXCH01',
    expect: 'a server name (letter first, then letters, digits or -, at most 15)',
    valid: (s: string) => serverName.test(s), flags: ['--hostname'],
    doc: 'Name of the first Exchange server; the DAG members are numbered after it.',
  },
  domain: {
    type: 'string', default: 'contoso.com', expect: 'a lower-case DNS domain',
    valid: (s: string) => dnsDomain.test(s), flags: ['--domain'],
    doc: 'Accepted domain of the organisation (mailbox addresses are user@domain).',
  },
  server_ip: {
    type: 'string', default: '10.0.1.10', expect: 'an IPv4 address', valid: isIPv4, flags: ['--server-ip'],
    doc: 'IPv4 address of the first server; the others follow it.',
  },
  dag_name: {
    type: 'string', default: 'DAG01',
    expect: 'a DAG name (letter first, then letters, digits or -, at most 15)',
    valid: (s: string) => serverName.test(s), flags: ['--dag-name'],
    doc: 'Database Availability Group the servers belong to.',
  },
  agent_id: {
    type: 'string', default: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', expect: 'a lower-case UUID',
    valid: (s: string) => uuid.test(s), flags: ['--agent-id'],
    doc: 'Elastic Agent id written to agent.id.',
  },
  agent_version: {
    type: 'string', default: '8.17.0', expect: 'a version like 8.17.0', valid: (s: string) => version.test(s),
    flags: ['--agent-version'],
    doc: 'Elastic Agent version written to agent.version.',
  },
  servers: {
    type: 'int', default: 4, min: 1, max: 16, flags: ['--servers'],
    doc: 'Mailbox servers in the DAG.',
  },
  users: {
    type: 'int', default: 300, min: 1, max: 100_000, flags: ['--users'],
    doc: 'Mailboxes in the directory.',
  },
  groups: { type: 'int', default: 20, min: 1, max: 10_000, flags: ['--groups'], doc: 'Distribution groups.' },
  external_domains: {
    type: 'int', default: 40, min: 1, max: 10_000, flags: ['--external-domains'],
    doc: 'External domains of recurring correspondents.',
  },
  seed: {
    type: 'string', default: 'msgtrack', flags: ['--seed'],
    doc: 'Seed of the simulation: the same seed and settings give byte-identical output.',
  },
  eps: {
    type: 'number', default: 20, above: 0, max: 1_000_000, flags: ['--eps'],
    doc: "Mean events per simulated second, over the profile's period.",
  },
  profile: {
    type: 'enum', default: 'business-week', values: ['business-week', 'flat'], flags: ['--profile'],
    doc: 'Traffic shape: business-week (working-hour peaks, quiet nights and weekends) or flat.',
  },
  steady_start: {
    type: 'boolean', default: true, flags: [{ flag: '--cold-start', sets: false }],
    doc: 'Begin with the mail in flight at the start instant (deferred retries, pending deliveries), so rate and mix hold from the first second; false starts from an empty organisation, every message from its first event.',
  },
  namespace: {
    type: 'string', default: 'default',
    expect: 'lower-case letters, digits, _ or . (no -), at most 100 characters',
    valid: (s: string) => namespace.test(s), flags: ['--namespace'],
    doc: 'Data stream namespace: logs-microsoft_exchange.messagetracking-<namespace>.',
  },

  'elasticsearch.hosts': {
    type: 'urls', default: ['http://localhost:9200'], env: ['ELASTICSEARCH_HOSTS'], flags: ['--es-url'],
    doc: 'Cluster URLs (environment: comma separated; flag: repeatable).',
  },
  'elasticsearch.target': {
    type: 'enum', default: 'elasticsearch', values: ['elasticsearch', 'opensearch'], flags: ['--target'],
    doc: 'Kind of cluster: elasticsearch (8.x, 9.x) or opensearch.',
  },
  'elasticsearch.cloud_id': {
    type: 'string', default: undefined, expect: 'an Elastic Cloud id (name:base64)',
    valid: (s: string) => s.includes(':'), env: ['ELASTICSEARCH_CLOUD_ID'],
    doc: 'Elastic Cloud id, instead of hosts.',
  },
  'elasticsearch.username': {
    type: 'string', default: undefined, env: ['ELASTICSEARCH_USERNAME'],
    doc: 'User for basic authentication.',
  },
  'elasticsearch.password': {
    type: 'secret', default: undefined, file: 'elasticsearch.password_file', env: ['ELASTICSEARCH_PASSWORD'],
    doc: 'Password for basic authentication (environment only).',
  },
  'elasticsearch.password_file': { type: 'path', default: undefined, doc: 'File holding the password.' },
  'elasticsearch.api_key': {
    type: 'secret', default: undefined, file: 'elasticsearch.api_key_file', env: ['ELASTICSEARCH_API_KEY'],
    doc: 'API key, base64 id:key (environment only).',
  },
  'elasticsearch.api_key_file': { type: 'path', default: undefined, doc: 'File holding the API key.' },
  'elasticsearch.bearer_token': {
    type: 'secret', default: undefined, file: 'elasticsearch.bearer_token_file',
    env: ['ELASTICSEARCH_BEARER_TOKEN'],
    doc: 'Bearer token (environment only).',
  },
  'elasticsearch.bearer_token_file': {
    type: 'path', default: undefined,
    doc: 'File holding the bearer token.',
  },
  'elasticsearch.ca': {
    type: 'path', default: undefined, env: ['ELASTICSEARCH_CA'], flags: ['--es-ca'],
    doc: 'PEM file of the CA that signed the cluster certificate.',
  },
  'elasticsearch.ca_fingerprint': {
    type: 'string', default: undefined, expect: 'a SHA-256 fingerprint (64 hex digits, colons allowed)',
    valid: (s: string) => sha256Hex.test(s), env: ['ELASTICSEARCH_CA_FINGERPRINT'],
    doc: 'SHA-256 fingerprint of the CA certificate.',
  },
  'elasticsearch.tls_verify': {
    type: 'boolean', default: true,
    flags: [{ flag: '--no-tls-verify', sets: false }, { flag: '--insecure', sets: false }],
    doc: 'Verify the cluster certificate; turn off only for a throw-away lab.',
  },
  'elasticsearch.request_timeout': {
    type: 'duration', default: '30s', min: '100ms', max: '10m',
    doc: 'Timeout of one request.',
  },
  'elasticsearch.compression': {
    type: 'boolean', default: false, flags: [{ flag: '--gzip', sets: true }],
    doc: 'Gzip request bodies.',
  },
  'elasticsearch.deterministic_ids': {
    type: 'boolean', default: true, flags: [{ flag: '--no-deterministic-ids', sets: false }],
    doc: 'Derive _id from seed and stream position, so retries cannot duplicate.',
  },
  'elasticsearch.setup': {
    type: 'boolean', default: true, flags: [{ flag: '--no-setup', sets: false }],
    doc: 'Install the index template (and ILM policy) before shipping.',
  },
  'elasticsearch.ingest': {
    type: 'enum', default: 'direct', values: ['direct', 'raw'], flags: ['--ingest'],
    doc: 'direct: ECS documents; raw: the CSV line in message, parsed by the ingest pipeline.',
  },
  'elasticsearch.pipeline_name': {
    type: 'string', default: 'msgtrack-exchange-messagetracking', expect: 'letters, digits, _ . or -',
    valid: (s: string) => identifier.test(s),
    doc: 'Ingest pipeline used in raw mode.',
  },

  'pipeline.batch_bytes': {
    type: 'bytes', default: '5MiB', min: '1KiB', max: '100MiB',
    doc: 'Flush a bulk request at this many NDJSON bytes.',
  },
  'pipeline.batch_events': {
    type: 'int', default: 5000, min: 1, max: 1_000_000,
    doc: 'Flush a bulk request at this many events.',
  },
  'pipeline.flush_interval': {
    type: 'duration', default: '1s', min: '10ms', max: '1h',
    doc: 'Flush a non-empty batch at least this often.',
  },
  'pipeline.queue_events': {
    type: 'int', default: 50_000, min: 1, max: 10_000_000,
    doc: 'Capacity of the queue between simulation and requests.',
  },
  'pipeline.queue_bytes': {
    // The default is (concurrency + 1) × batch_bytes: a full batch for every request slot and one
    // ready when a slot frees, the least that keeps the cluster busy (outlets.ts warns below it).
    // Each MiB more is a MiB of RSS while the cluster is away.
    type: 'bytes', default: '25MiB', min: '64KiB', max: '64GiB',
    doc: 'Capacity of the same queue in encoded NDJSON bytes; full when either bound is reached.',
  },
  'pipeline.concurrency': { type: 'int', default: 4, min: 1, max: 64, doc: 'Bulk requests in flight.' },
  'pipeline.on_full': {
    type: 'enum', default: 'wait', values: ['wait', 'drop'], flags: ['--on-full'],
    doc: 'When the queue is full: wait (back-pressure) or drop the newest events (counted).',
  },
  'pipeline.grace': {
    type: 'duration', default: '30s', min: '0ms', max: '1h', flags: ['--grace'],
    doc: 'On SIGTERM/SIGINT, time allowed to flush queued and in-flight batches.',
  },
  'pipeline.dead_letter': {
    type: 'path', default: 'msgtrack-dead-letter.ndjson', flags: ['--dead-letter'],
    doc: 'NDJSON file receiving rejected documents with their reason.',
  },
  'pipeline.backoff_initial': {
    type: 'duration', default: '1s', min: '1ms', max: '10m',
    doc: 'First retry delay (exponential, full jitter).',
  },
  'pipeline.backoff_max': {
    type: 'duration', default: '60s', min: '1ms', max: '1h',
    doc: 'Longest retry delay.',
  },

  'metrics.port': {
    type: 'int', default: 9464, min: 0, max: 65_535, flags: ['--metrics-port'],
    doc: 'Port of /metrics, /healthz and /readyz; 0 disables the listener.',
  },
  'metrics.host': {
    type: 'string', default: '127.0.0.1', flags: ['--metrics-host'],
    doc: 'Address the metrics listener binds to.',
  },
  'metrics.linger': {
    type: 'duration', default: '0s', min: '0ms', max: '10m', flags: ['--metrics-linger'],
    doc: 'After the run ends, keep serving /metrics this long so a scraper collects the final counts.',
  },

  'log.level': {
    type: 'enum', default: 'info', values: ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'],
    flags: ['--log-level'],
    doc: 'Lowest level logged.',
  },
  'log.format': {
    type: 'enum', default: 'auto', values: ['auto', 'json', 'pretty'], flags: ['--log-format'],
    doc: 'auto: pretty on a terminal, JSON lines otherwise.',
  },

  'kibana.url': {
    type: 'url', default: undefined, env: ['KIBANA_URL'], flags: ['--kibana-url'],
    doc: 'Kibana URL, to install the saved objects.',
  },
  'kibana.space': {
    type: 'string', default: 'default', expect: 'a Kibana space id (lower-case letters, digits, _ or -)',
    valid: (s: string) => /^[a-z0-9_-]+$/.test(s),
    doc: 'Kibana space receiving the saved objects.',
  },

  'output.log_dir': {
    type: 'path', default: undefined, flags: ['--log-dir'],
    doc: 'Directory of MSGTRK*.LOG files (exchange-log output).',
  },
  'output.file_max_bytes': {
    type: 'bytes', default: '10MiB', min: '1KiB', max: '10GiB',
    doc: 'Roll a log file over at this size.',
  },
  'output.dir_max_bytes': {
    type: 'bytes', default: '1000MiB', min: '1KiB', max: '10000GiB',
    doc: 'Delete the oldest log files beyond this total size.',
  },
  'output.max_age': {
    type: 'duration', default: '30d', min: '1m', max: '3650d',
    doc: 'Delete log files older than this.',
  },
} as const satisfies Readonly<Record<string, OptionSpec>>;

export type Schema = typeof SCHEMA;
export type ConfigKey = keyof Schema & string;
export const CONFIG_KEYS = Object.keys(SCHEMA) as ConfigKey[];

type TopKey = Exclude<ConfigKey, `${string}.${string}`>;
type Section = ConfigKey extends infer K ? (K extends `${infer S}.${string}` ? S : never) : never;
type Flatten<T> = { [K in keyof T]: T[K] } & {};

/** The validated, frozen configuration: durations in ms, sizes in bytes, paths absolute. */
export type Config = Flatten<
  { readonly [K in TopKey]: ValueOf<Schema[K]> } & {
    readonly [S in Section]: Flatten<{
      readonly [K in ConfigKey as K extends `${S}.${infer R}` ? R : never]: ValueOf<Schema[K]>;
    }>;
  }
>;

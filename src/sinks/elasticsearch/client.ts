import { Client, Transport } from '@elastic/elasticsearch';
import type { ClientOptions, TransportOptions } from '@elastic/elasticsearch';

/**
 * One `@elastic/elasticsearch` 8.x client for both engines. The 8.x client speaks to
 * Elasticsearch 8 and 9 (9 accepts `compatible-with=8`); OpenSearch needs the transport below.
 * The client never retries on its own (`maxRetries: 0`): the pipeline owns retries, with
 * backoff, so a request is never silently repeated underneath it.
 */

export type Target = 'elasticsearch' | 'opensearch';

export type Auth =
  | { readonly apiKey: string }
  | { readonly username: string; readonly password: string }
  | { readonly bearer: string };

export interface TlsOptions {
  /** PEM contents of the CA certificate(s) (not a path: the config layer reads the file). */
  readonly ca?: string | Buffer;
  /** SHA-256 fingerprint of the CA, hex with or without colons (https only). */
  readonly caFingerprint?: string;
  /** Certificate checks stay on unless this is explicitly false. */
  readonly rejectUnauthorized?: boolean;
}

export interface ConnectionOptions {
  /** Node URLs; ignored when `cloudId` is set. */
  readonly hosts?: readonly string[];
  readonly cloudId?: string;
  readonly auth?: Auth;
  readonly tls?: TlsOptions;
  /** Per-request timeout (default 30 s); the bulk sink may override it per request. */
  readonly requestTimeoutMs?: number;
  /** gzip request bodies. */
  readonly compression?: boolean;
  readonly target?: Target;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/**
 * OpenSearch answers without the `x-elastic-product` header and with 406 to the vendored
 * `application/vnd.elasticsearch+json; compatible-with=8` media types. Dropping both options in
 * the transport makes the same client send plain `application/json` / `application/x-ndjson`
 * (shared/docs/elasticsearch.md "Client compatibility"; the client's documented `Transport` option).
 */
export class OpenSearchTransport extends Transport {
  constructor(opts: TransportOptions) {
    super({ ...opts, productCheck: undefined, vendoredHeaders: undefined });
  }
}

export function createClient(opts: ConnectionOptions): Client {
  const options: ClientOptions = {
    maxRetries: 0,
    requestTimeout: opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    compression: opts.compression === true,
    // Authorization headers and URL credentials are replaced in error metadata.
    redaction: { type: 'replace', additionalKeys: [] },
  };
  if (opts.cloudId) options.cloud = { id: opts.cloudId };
  else if (opts.hosts && opts.hosts.length > 0) options.nodes = [...opts.hosts];
  else throw new Error('no Elasticsearch host configured: set --es-url, ELASTICSEARCH_HOSTS or a cloud id');
  if (opts.auth) options.auth = toClientAuth(opts.auth);
  if (opts.tls) {
    const { ca, caFingerprint, rejectUnauthorized } = opts.tls;
    options.tls = { rejectUnauthorized: rejectUnauthorized !== false };
    if (ca !== undefined) options.tls.ca = ca;
    if (caFingerprint) options.caFingerprint = caFingerprint;
  }
  if (opts.target === 'opensearch') options.Transport = OpenSearchTransport;
  return new Client(options);
}

function toClientAuth(auth: Auth): NonNullable<ClientOptions['auth']> {
  if ('apiKey' in auth) return { apiKey: auth.apiKey };
  if ('bearer' in auth) return { bearer: auth.bearer };
  return { username: auth.username, password: auth.password };
}

/** The secrets in a connection, for a log scrubber (telemetry/redact-secrets). */
export function connectionSecrets(opts: ConnectionOptions): string[] {
  const auth = opts.auth;
  if (!auth) return [];
  if ('apiKey' in auth) return [auth.apiKey];
  if ('bearer' in auth) return [auth.bearer];
  return [auth.password];
}

import type { Client } from '@elastic/elasticsearch';
import { redactSecrets } from '../../telemetry/redact-secrets.js';
import { errorOf } from './classify.js';

/**
 * The start-up connectivity check: one `GET /`, turned into a verdict a person can act on. Bad
 * credentials and a wrong engine are fatal at start (issue 4 item 6); an unreachable or
 * unavailable cluster is waited for by the caller.
 */

export type ClusterProblem = 'auth' | 'product' | 'unreachable' | 'error';

export type ClusterCheck =
  | {
      readonly ok: true;
      /** Absent when the credentials may not read `GET /` (403): authenticated, not verified. */
      readonly distribution?: 'elasticsearch' | 'opensearch';
      readonly version?: string;
      readonly warning?: string;
    }
  | { readonly ok: false; readonly problem: ClusterProblem; readonly status?: number; readonly message: string };

export interface CheckOptions {
  readonly timeoutMs?: number;
  /** Extra secrets to scrub from messages (URL userinfo and auth headers are always scrubbed). */
  readonly secrets?: readonly string[];
}

export async function checkCluster(client: Client, options: CheckOptions = {}): Promise<ClusterCheck> {
  const where = hostsOf(client);
  const scrub = (text: string): string => redactSecrets(text, options.secrets ?? []);
  try {
    const res = await client.transport.request(
      { method: 'GET', path: '/' },
      { meta: true, maxRetries: 0, requestTimeout: options.timeoutMs ?? 10_000 },
    );
    const version = (res.body as { version?: { number?: unknown; distribution?: unknown } } | null)?.version;
    return {
      ok: true,
      distribution: version?.distribution === 'opensearch' ? 'opensearch' : 'elasticsearch',
      version: typeof version?.number === 'string' ? version.number : undefined,
    };
  } catch (err) {
    const error = err as Error & { meta?: { statusCode?: number; body?: unknown } };
    const status = error.meta?.statusCode;
    if (error.name === 'ResponseError' && typeof status === 'number') {
      const { reason } = errorOf(error.meta?.body, status);
      if (status === 401) {
        return { ok: false, problem: 'auth', status, message: scrub(`authentication to ${where} failed (HTTP 401): check the API key or username/password (${reason})`) };
      }
      if (status === 403) {
        // Authenticated; a shipping key limited to `create_doc` may lack the `monitor` privilege.
        return { ok: true, warning: scrub(`authenticated, but GET / was refused (HTTP 403); cluster version not verified (${reason})`) };
      }
      return { ok: false, problem: status >= 500 ? 'unreachable' : 'error', status, message: scrub(`${where} answered HTTP ${status}: ${reason}`) };
    }
    if (error.name === 'ProductNotSupportedError') {
      return { ok: false, problem: 'product', message: `${where} is not Elasticsearch (no x-elastic-product header); for OpenSearch use --target opensearch` };
    }
    const tlsHint = /certificate|self.signed|fingerprint|TLS|SSL/i.test(error.message) ? ' (TLS: check the CA file or fingerprint)' : '';
    return { ok: false, problem: 'unreachable', message: scrub(`cannot reach ${where}: ${error.name}: ${error.message}${tlsHint}`) };
  }
}

/** The configured node URLs without credentials, for messages. */
function hostsOf(client: Client): string {
  const urls = client.connectionPool.connections.map((c) => {
    const url = new URL(c.url.href);
    url.username = '';
    url.password = '';
    return url.origin;
  });
  return urls.join(', ') || 'the cluster';
}

import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/errors.js';
import type { Config } from '../config/schema.js';
import type { Auth, ConnectionOptions } from '../sinks/elasticsearch/client.js';

/** The cluster connection from the configuration (reads the CA file, picks one auth method). */
export function connectionOptions(config: Config): ConnectionOptions {
  const es = config.elasticsearch;
  return {
    hosts: es.hosts,
    cloudId: es.cloud_id,
    auth: authOf(config),
    tls: { ca: es.ca === undefined ? undefined : readCa(es.ca), caFingerprint: es.ca_fingerprint, rejectUnauthorized: es.tls_verify },
    requestTimeoutMs: es.request_timeout,
    compression: es.compression,
    target: es.target,
  };
}

/** The one credential configured for the cluster; Kibana is given the same one (one lab user). */
export function authOf(config: Config): Auth | undefined {
  const es = config.elasticsearch;
  if (es.api_key !== undefined) return { apiKey: es.api_key };
  if (es.bearer_token !== undefined) return { bearer: es.bearer_token };
  // The loader guarantees username and password come together.
  if (es.username !== undefined && es.password !== undefined) return { username: es.username, password: es.password };
  return undefined;
}

function readCa(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`'elasticsearch.ca' cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'} ${path}`, 'elasticsearch.ca');
  }
}

import type { Client } from '@elastic/elasticsearch';
import { ilmPolicy } from './ilm-policy.js';
import { indexTemplate } from './index-template.js';
import { ingestPipeline } from './ingest-pipeline.js';

/**
 * `msgtrack setup` on the cluster, idempotent: the ILM policy (Elasticsearch only), the composable
 * index template, and the raw-mode ingest pipeline. Each resource is read first and written only
 * when what is stored does not already contain what we would write, so a second run changes
 * nothing (no new versions, no modified_date bumps) and reports every resource as unchanged.
 */

export type Target = 'elasticsearch' | 'opensearch';
export type InstallAction = 'created' | 'updated' | 'unchanged';

export interface InstalledResource {
  readonly kind: 'ilm_policy' | 'index_template' | 'ingest_pipeline';
  readonly name: string;
  readonly action: InstallAction;
}

export interface ClusterAssetsOptions {
  readonly target: Target;
  readonly pipelineName: string;
}

interface Resource {
  readonly kind: InstalledResource['kind'];
  readonly name: string;
  readonly path: string;
  readonly body: object;
  /** The stored definition inside a GET answer, comparable with `body`. */
  readonly stored: (answer: any) => unknown;
}

export function clusterResources(o: ClusterAssetsOptions): Resource[] {
  const resources: Resource[] = [];
  const policy = ilmPolicy();
  if (o.target === 'elasticsearch') {
    resources.push({ kind: 'ilm_policy', name: policy.name, path: `/_ilm/policy/${policy.name}`, body: policy.body, stored: (a) => ({ policy: a?.[policy.name]?.policy }) });
  }
  const template = indexTemplate({ target: o.target, ilmPolicy: policy.name });
  resources.push({ kind: 'index_template', name: template.name, path: `/_index_template/${template.name}`, body: template.body, stored: (a) => a?.index_templates?.[0]?.index_template });
  const pipeline = ingestPipeline(o.pipelineName);
  resources.push({ kind: 'ingest_pipeline', name: pipeline.name, path: `/_ingest/pipeline/${pipeline.name}`, body: pipeline.body, stored: (a) => a?.[pipeline.name] });
  return resources;
}

export async function installClusterAssets(client: Client, o: ClusterAssetsOptions): Promise<InstalledResource[]> {
  const done: InstalledResource[] = [];
  for (const r of clusterResources(o)) {
    const current = await client.transport.request({ method: 'GET', path: r.path }, { ignore: [404], meta: true });
    const exists = current.statusCode !== 404;
    if (exists && contains(r.stored(current.body), r.body)) {
      done.push({ kind: r.kind, name: r.name, action: 'unchanged' });
      continue;
    }
    await client.transport.request({ method: 'PUT', path: r.path, body: r.body });
    done.push({ kind: r.kind, name: r.name, action: exists ? 'updated' : 'created' });
  }
  return done;
}

/** True when every value of `wanted` is in `actual` (the engines add fields of their own). */
export function contains(actual: unknown, wanted: unknown): boolean {
  if (wanted === null || typeof wanted !== 'object') return actual === wanted;
  if (actual === null || typeof actual !== 'object') return false;
  if (Array.isArray(wanted)) {
    return Array.isArray(actual) && actual.length === wanted.length && wanted.every((w, i) => contains(actual[i], w));
  }
  return Object.entries(wanted).every(([k, w]) => contains((actual as Record<string, unknown>)[k], w));
}

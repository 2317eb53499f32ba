import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type KibanaConnection, type KibanaHttp, KibanaSetupError, kibanaHttp } from './kibana-http.js';

export { type KibanaAuth, type KibanaConnection, KibanaSetupError } from './kibana-http.js';

/**
 * Installs the Kibana side of the lab: the data view over our data stream and the saved objects
 * shipped in kibana/*.ndjson, through Kibana's HTTP APIs (data views API; saved objects import
 * with overwrite=true, multipart like Kibana's own "Import" button). Idempotent: a second run
 * finds the data view unchanged and imports the same objects over themselves.
 */

/** The data view every saved object references; a fixed id keeps the references stable. */
export const DATA_VIEW = {
  id: 'msgtrack-messagetracking',
  title: 'logs-microsoft_exchange.messagetracking-*',
  name: 'Exchange message tracking',
  timeFieldName: '@timestamp',
} as const;

/** kibana/*.ndjson carry typeMigrationVersion 8.9.0; older Kibanas refuse them. */
const MIN_KIBANA: readonly [number, number] = [8, 9];

export interface KibanaInstallOptions extends KibanaConnection {
  /** NDJSON files to import; default: every kibana/*.ndjson of this package. */
  readonly files?: readonly string[];
}

export interface KibanaInstallResult {
  /** Kibana's version as reported by /api/status ("unknown" when Kibana hides it). */
  readonly kibanaVersion: string;
  readonly dataView: { readonly id: string; readonly action: 'created' | 'updated' | 'unchanged' };
  readonly imported: readonly { readonly file: string; readonly objects: number }[];
}

/** The NDJSON files shipped in the package's kibana/ folder, sorted by name. */
export async function kibanaAssetFiles(dir = packageDir('kibana')): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.ndjson')).sort();
  return names.map((name) => join(dir, name));
}

export async function installKibanaObjects(options: KibanaInstallOptions): Promise<KibanaInstallResult> {
  const files = options.files ?? (await kibanaAssetFiles());
  const http = await kibanaHttp(options);
  try {
    const kibanaVersion = await checkStatus(http);
    const dataView = { id: DATA_VIEW.id, action: await upsertDataView(http) };
    const imported = [];
    for (const file of files) imported.push(await importFile(http, file));
    return { kibanaVersion, dataView, imported };
  } finally {
    await http.close();
  }
}

async function checkStatus(http: KibanaHttp): Promise<string> {
  const reply = await http.call('GET', '/api/status');
  http.expect(reply, 'GET /api/status');
  const version = (reply.body as { version?: { number?: string } } | undefined)?.version?.number;
  if (version === undefined) return 'unknown';
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major < MIN_KIBANA[0] || (major === MIN_KIBANA[0] && minor < MIN_KIBANA[1])) {
    throw new KibanaSetupError(`Kibana ${version} is too old: the dashboards need Kibana ${MIN_KIBANA.join('.')} or later`);
  }
  return version;
}

async function upsertDataView(http: KibanaHttp): Promise<KibanaInstallResult['dataView']['action']> {
  const { id, ...wanted } = DATA_VIEW;
  const path = `/api/data_views/data_view/${id}`;
  const found = await http.call('GET', path);
  if (found.status === 404) {
    // override: replace a data view another tool created with the same title.
    const created = await http.call('POST', '/api/data_views/data_view', { data_view: DATA_VIEW, override: true });
    http.expect(created, 'POST /api/data_views/data_view');
    return 'created';
  }
  http.expect(found, `GET ${path}`);
  const current = (found.body as { data_view?: Record<string, unknown> } | undefined)?.data_view ?? {};
  if (Object.entries(wanted).every(([key, value]) => current[key] === value)) return 'unchanged';
  const updated = await http.call('POST', path, { data_view: wanted });
  http.expect(updated, `POST ${path}`);
  return 'updated';
}

interface ImportError {
  readonly id: string;
  readonly type: string;
  readonly meta?: { readonly title?: string };
  readonly error: {
    readonly type: string;
    readonly message?: string;
    readonly references?: readonly { readonly type: string; readonly id: string }[];
  };
}

async function importFile(http: KibanaHttp, file: string): Promise<{ file: string; objects: number }> {
  // Kibana's import API only accepts a multipart part whose file name ends in .ndjson.
  if (!file.endsWith('.ndjson')) throw new KibanaSetupError(`${file}: saved objects must come in a .ndjson file`);
  const form = new FormData();
  form.append('file', new Blob([await readFile(file)], { type: 'application/ndjson' }), basename(file));
  const reply = await http.call('POST', '/api/saved_objects/_import?overwrite=true', form);
  http.expect(reply, `POST /api/saved_objects/_import (${basename(file)})`);
  const result = reply.body as { success?: boolean; successCount?: number; errors?: ImportError[] } | undefined;
  const errors = result?.errors ?? [];
  if (result?.success !== true || errors.length > 0) {
    const listed = errors.slice(0, 5).map(describeImportError).join('; ');
    const more = errors.length > 5 ? `; and ${errors.length - 5} more` : '';
    const what = errors.length > 0 ? `${errors.length} error(s): ${listed}${more}` : 'an unexpected answer';
    throw new KibanaSetupError(`Kibana imported ${basename(file)} with ${what}`, reply.status);
  }
  return { file, objects: result.successCount ?? 0 };
}

function describeImportError(error: ImportError): string {
  const what = `${error.type} "${error.meta?.title ?? error.id}" (${error.id})`;
  const refs = error.error.references?.map((ref) => `${ref.type}/${ref.id}`).join(', ');
  return `${what}: ${error.error.type}${refs ? ` ${refs}` : ''}${error.error.message ? ` ${error.error.message}` : ''}`;
}

/** The package root (the folder with package.json), from src/setup or dist/src/setup alike. */
function packageDir(child: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new KibanaSetupError('cannot find the msgtrack package folder holding kibana/');
    dir = parent;
  }
  return join(dir, child);
}

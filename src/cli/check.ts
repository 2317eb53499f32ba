import type { Client } from '@elastic/elasticsearch';
import type { Config } from '../config/schema.js';
import { dataStreamName } from '../setup/index-template.js';
import { checkCluster } from '../sinks/elasticsearch/check-cluster.js';
import { connectionSecrets, createClient } from '../sinks/elasticsearch/client.js';
import type { CommandArgs } from './command-args.js';
import { connectionOptions } from './connection-options.js';

/**
 * msgtrack check: the configuration is valid (the loader already proved it), the cluster answers,
 * the credentials work, and they hold the privileges `setup` and `run` need. One plain line per
 * finding on stdout; exit 0 when all is well, 1 otherwise.
 */
export async function main(config: Config, _args: CommandArgs): Promise<number> {
  const say = (ok: boolean, text: string): void => void process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${text}\n`);
  say(true, 'configuration valid');
  const connection = connectionOptions(config);
  const client = createClient(connection);
  const cluster = await checkCluster(client, { secrets: connectionSecrets(connection) });
  if (!cluster.ok) {
    say(false, cluster.message);
    return 1;
  }
  say(true, cluster.warning ?? `reached ${cluster.distribution ?? 'cluster'} ${cluster.version ?? ''}`.trim());
  if (config.elasticsearch.target === 'opensearch' || cluster.distribution === 'opensearch') {
    say(true, 'privileges not checked: OpenSearch without the security plugin has none to check');
    return 0;
  }
  const missing = await missingPrivileges(client, config);
  if (missing === undefined) {
    say(false, 'cannot check privileges (POST /_security/user/_has_privileges refused)');
    return 1;
  }
  if (missing.length === 0) {
    say(true, 'credentials hold every privilege setup and run need');
    return 0;
  }
  for (const m of missing) say(false, `missing privilege ${m}`);
  return 1;
}

/** What `setup` (templates, ILM, pipeline) and `run` (create into the data stream) need. */
async function missingPrivileges(client: Client, config: Config): Promise<string[] | undefined> {
  const index = dataStreamName(config.namespace);
  const wanted = {
    cluster: ['monitor', 'manage_index_templates', 'manage_ilm', 'manage_pipeline'],
    index: [{ names: [index], privileges: ['create_doc', 'auto_configure'] }],
  };
  try {
    const answer = (await client.transport.request({ method: 'POST', path: '/_security/user/_has_privileges', body: wanted })) as {
      cluster?: Record<string, boolean>;
      index?: Record<string, Record<string, boolean>>;
    };
    const missing: string[] = [];
    for (const [name, held] of Object.entries(answer.cluster ?? {})) if (!held) missing.push(`cluster:${name}`);
    for (const [name, privileges] of Object.entries(answer.index ?? {})) {
      for (const [privilege, held] of Object.entries(privileges)) if (!held) missing.push(`index:${name}:${privilege}`);
    }
    return missing;
  } catch {
    return undefined;
  }
}

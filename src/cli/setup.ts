import type { Config } from '../config/schema.js';
import { installClusterAssets } from '../setup/install-cluster.js';
import { installKibanaObjects, KibanaSetupError } from '../setup/kibana.js';
import { checkCluster } from '../sinks/elasticsearch/check-cluster.js';
import { connectionSecrets, createClient } from '../sinks/elasticsearch/client.js';
import type { CommandArgs } from './command-args.js';
import { authOf, connectionOptions } from './connection-options.js';
import { daemonLogger } from './daemon.js';

/**
 * msgtrack setup: the index template, ILM policy (Elasticsearch) and raw-mode ingest pipeline on
 * the cluster, then, with --kibana-url, the data view and dashboards in Kibana. Idempotent: a
 * second run reports every resource unchanged. Exits 1 with a clear message when refused.
 */
export async function main(config: Config, _args: CommandArgs): Promise<number> {
  const logger = daemonLogger(config);
  const connection = connectionOptions(config);
  const client = createClient(connection);
  const check = await checkCluster(client, { secrets: connectionSecrets(connection) });
  if (!check.ok) {
    logger.error(check.message);
    return 1;
  }
  try {
    const installed = await installClusterAssets(client, { target: config.elasticsearch.target, pipelineName: config.elasticsearch.pipeline_name });
    for (const r of installed) logger.info({ kind: r.kind, name: r.name, action: r.action }, `${r.kind} ${r.name}: ${r.action}`);
  } catch (error) {
    logger.error({ err: error }, `cluster setup refused: ${(error as Error).message}`);
    return 1;
  }
  if (config.kibana.url === undefined) return 0;
  try {
    const result = await installKibanaObjects({
      url: config.kibana.url,
      auth: authOf(config),
      space: config.kibana.space,
      caFile: config.elasticsearch.ca,
      tlsVerify: config.elasticsearch.tls_verify,
    });
    logger.info({ kibana_version: result.kibanaVersion, data_view: result.dataView.action, imported: result.imported }, 'kibana setup done');
    return 0;
  } catch (error) {
    if (!(error instanceof KibanaSetupError)) throw error;
    logger.error(error.message);
    return 1;
  }
}

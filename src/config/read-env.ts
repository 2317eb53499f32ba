import { envNames, type Setting } from './option-spec.js';
import { CONFIG_KEYS, SCHEMA } from './schema.js';

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The settings found in the environment: for each key, the generic MSGTRACK_<KEY> variable, else
 * its dedicated one (ELASTICSEARCH_HOSTS, ...). Empty variables count as unset, as compose files
 * often declare `VAR=` for optional values.
 */
export function readEnvSettings(env: Environment): Setting[] {
  const settings: Setting[] = [];
  for (const key of CONFIG_KEYS) {
    const name = envNames(key, SCHEMA[key]).find((candidate) => (env[candidate] ?? '').trim() !== '');
    if (name !== undefined) settings.push({ key, raw: env[name], origin: `environment ${name}` });
  }
  return settings;
}

import { envNames } from '../../../src/config/option-spec.js';
import { CONFIG_KEYS, SCHEMA } from '../../../src/config/schema.js';

/**
 * The environment variables msgtrack reads (every option's MSGTRACK_<KEY> and conventional names,
 * plus MSGTRACK_CONFIG), so deployment files can be checked for misspelt ones, which the daemon
 * would silently ignore.
 */
export const KNOWN_ENV = new Set(['MSGTRACK_CONFIG', ...CONFIG_KEYS.flatMap((key) => envNames(key, SCHEMA[key]))]);

/** Variables of the runtime rather than of msgtrack. */
const RUNTIME_ENV = new Set(['NODE_ENV']);

/** The names among `names` that msgtrack would not read. */
export function unknownEnv(names: Iterable<string>): string[] {
  return [...names].filter((name) => !KNOWN_ENV.has(name) && !RUNTIME_ENV.has(name));
}

import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError } from './errors.js';
import type { Setting } from './option-spec.js';
import { parseValue } from './parse-value.js';
import { readEnvSettings, type Environment } from './read-env.js';
import { readFlagSettings } from './read-flags.js';
import { readYamlSettings } from './read-yaml.js';
import { CONFIG_KEYS, SCHEMA, type Config } from './schema.js';

export interface LoadOptions {
  /** Configuration flags only (the CLI removes command flags such as --count first). */
  readonly argv: readonly string[];
  readonly env: Environment;
  /** Relative paths (config file, dead-letter file, ...) resolve against it. */
  readonly cwd: string;
  /** Names the command in flag errors ("msgtrack run"). */
  readonly usage?: string;
}

/** Found in the working directory when neither --config nor MSGTRACK_CONFIG names a file. */
export const DEFAULT_CONFIG_FILE = join('config', 'msgtrack.yml');

interface ConfigFile {
  readonly path: string;
  readonly display: string;
}

/** --config, else MSGTRACK_CONFIG (both must exist), else ./config/msgtrack.yml if present. */
function chooseConfigFile(flag: string | undefined, env: Environment, cwd: string): ConfigFile | undefined {
  const explicit = flag ?? (env.MSGTRACK_CONFIG?.trim() || undefined);
  if (explicit !== undefined) return { path: resolve(cwd, explicit), display: explicit };
  const path = resolve(cwd, DEFAULT_CONFIG_FILE);
  return existsSync(path) ? { path, display: DEFAULT_CONFIG_FILE } : undefined;
}

/** Reads a secret file: its content without the trailing newline editors and `echo` add. */
function readSecretFile(fileKey: string, path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    throw new ConfigError(`'${fileKey}' file '${path}' cannot be read (${(error as NodeJS.ErrnoException).code})`, fileKey);
  }
  if (text === '') throw new ConfigError(`'${fileKey}' file '${path}' is empty`, fileKey);
  return text;
}

function checkRelations(flat: Record<string, unknown>): void {
  const secrets = ['elasticsearch.password', 'elasticsearch.api_key', 'elasticsearch.bearer_token'].filter(
    (key) => flat[key] !== undefined,
  );
  if (secrets.length > 1) throw new ConfigError(`use one credential, not ${secrets.map((key) => `'${key}'`).join(' and ')}`, secrets[0]);
  if ((flat['elasticsearch.username'] === undefined) !== (flat['elasticsearch.password'] === undefined)) {
    throw new ConfigError(
      "'elasticsearch.username' and 'elasticsearch.password' go together (basic authentication needs both)",
      'elasticsearch.username',
    );
  }
  // Compared with the default, not "was it given": the documented config file lists the default hosts.
  const hosts = flat['elasticsearch.hosts'] as readonly string[];
  const defaultHosts = SCHEMA['elasticsearch.hosts'].default;
  const customHosts = hosts.length !== defaultHosts.length || hosts.some((host, i) => host !== defaultHosts[i]);
  if (flat['elasticsearch.cloud_id'] !== undefined && customHosts) {
    throw new ConfigError("set either 'elasticsearch.cloud_id' or 'elasticsearch.hosts', not both", 'elasticsearch.cloud_id');
  }
  if ((flat['pipeline.backoff_initial'] as number) > (flat['pipeline.backoff_max'] as number)) {
    throw new ConfigError("'pipeline.backoff_initial' must not exceed 'pipeline.backoff_max'", 'pipeline.backoff_initial');
  }
  if ((flat['output.file_max_bytes'] as number) > (flat['output.dir_max_bytes'] as number)) {
    throw new ConfigError("'output.file_max_bytes' must not exceed 'output.dir_max_bytes'", 'output.file_max_bytes');
  }
}

const LATIN1 = /^[\0-\xff]*$/;

/**
 * A string cut out of a file holding any character beyond Latin-1 (the documented YAML has a
 * "→") is a two-byte string in V8, and so is every string built from it: addresses, documents,
 * whole output chunks, at twice the memory and with a slow UTF-8 conversion on every write
 * (`npm run bench`: generate 2.5× slower). A one-byte copy keeps the hot paths on one-byte strings.
 */
function oneByte(value: unknown): unknown {
  return typeof value === 'string' && LATIN1.test(value) ? Buffer.from(value, 'latin1').toString('latin1') : value;
}

/** Dotted keys to sections, every level frozen. */
function nest(flat: Record<string, unknown>): Config {
  const root: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const dot = key.indexOf('.');
    if (dot < 0) root[key] = value;
    else ((root[key.slice(0, dot)] ??= {}) as Record<string, unknown>)[key.slice(dot + 1)] = value;
  }
  for (const value of Object.values(root)) if (typeof value === 'object' && value !== null) Object.freeze(value);
  return Object.freeze(root) as Config;
}

/**
 * The configuration, from defaults < YAML file < environment < flags, validated once and frozen.
 * Throws ConfigError with a one-line message naming the key, what is allowed and the source.
 */
export function loadConfig({ argv, env, cwd, usage }: LoadOptions): Config {
  if (!isAbsolute(cwd)) throw new TypeError('loadConfig: cwd must be absolute');
  const flags = readFlagSettings(argv, usage);
  const file = chooseConfigFile(flags.configFile, env, cwd);
  const given = new Map<string, Setting>();
  for (const setting of [
    ...(file ? readYamlSettings(file.path, file.display) : []),
    ...readEnvSettings(env),
    ...flags.settings,
  ]) {
    given.set(setting.key, setting);
  }

  const flat: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const spec = SCHEMA[key];
    const setting = given.get(key);
    const raw = setting?.raw ?? spec.default;
    flat[key] = raw === undefined ? undefined : oneByte(parseValue(key, spec, raw, setting?.origin ?? 'default', cwd));
  }
  for (const key of CONFIG_KEYS) {
    const spec = SCHEMA[key];
    if (spec.type !== 'secret' || flat[spec.file] === undefined) continue;
    if (flat[key] !== undefined) {
      throw new ConfigError(`set either ${given.get(key)!.origin.replace('environment ', '')} or '${spec.file}', not both`, key);
    }
    flat[key] = readSecretFile(spec.file, flat[spec.file] as string);
  }
  checkRelations(flat);
  return nest(flat);
}

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/errors.js';
import { loadConfig, type LoadOptions } from '../../../src/config/load.js';

const REPO = join(import.meta.dirname, '../../..');

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'msgtrack-config-'));
}

/** A YAML file in a fresh directory; returns the directory. */
function withFile(yaml: string, name = 'x.yml'): string {
  const dir = tempDir();
  writeFileSync(join(dir, name), yaml);
  return dir;
}

function load(options: Partial<LoadOptions> = {}) {
  return loadConfig({ argv: [], env: {}, cwd: tempDir(), ...options });
}

function failure(options: Partial<LoadOptions>): ConfigError {
  try {
    load(options);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).name).toBe('ConfigError');
    return error as ConfigError;
  }
  throw new Error('expected loadConfig to fail');
}

describe('loadConfig defaults', () => {
  it('gives the documented defaults, typed, with durations in ms and sizes in bytes', () => {
    const cwd = tempDir();
    const config = load({ cwd });
    expect(config.hostname).toBe('EXCH01');
    expect(config.domain).toBe('contoso.com');
    expect(config.server_ip).toBe('10.0.1.10');
    expect(config.dag_name).toBe('DAG01');
    expect(config.agent_version).toBe('8.17.0');
    expect(config.eps).toBe(20);
    expect(config.profile).toBe('business-week');
    expect(config.namespace).toBe('default');
    expect(config.elasticsearch.hosts).toEqual(['http://localhost:9200']);
    expect(config.elasticsearch.request_timeout).toBe(30_000);
    expect(config.elasticsearch.password).toBeUndefined();
    expect(config.pipeline.batch_bytes).toBe(5 * 1024 * 1024);
    expect(config.pipeline.queue_events).toBe(50_000);
    expect(config.pipeline.queue_bytes).toBe(25 * 1024 * 1024);
    expect(config.pipeline.grace).toBe(30_000);
    expect(config.pipeline.dead_letter).toBe(join(cwd, 'msgtrack-dead-letter.ndjson'));
    expect(config.output.max_age).toBe(30 * 86_400_000);
    expect(config.output.dir_max_bytes).toBe(1000 * 1024 * 1024);
    expect(config.metrics.port).toBe(9464);
  });

  it('is frozen at every level', () => {
    const config = load();
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.pipeline)).toBe(true);
    expect(Object.isFrozen(config.elasticsearch.hosts)).toBe(true);
  });

  it('reads the documented config/msgtrack.yml as exactly the built-in defaults', () => {
    const cwd = tempDir();
    const fromFile = load({ cwd, argv: [`--config=${join(REPO, 'config/msgtrack.yml')}`] });
    expect(fromFile).toEqual(load({ cwd }));
  });
});

describe('loadConfig precedence: defaults < file < environment < flags', () => {
  const cwd = withFile('pipeline:\n  concurrency: 3\n  grace: 5s\nseed: from-file\neps: 7\n');
  const argv = ['--config', 'x.yml'];

  it('takes the file over the defaults', () => {
    const config = load({ cwd, argv });
    expect([config.pipeline.concurrency, config.pipeline.grace, config.seed, config.eps]).toEqual([3, 5000, 'from-file', 7]);
  });

  it('takes the environment over the file, the generic variable over the dedicated one', () => {
    const env = {
      MSGTRACK_PIPELINE_CONCURRENCY: '5',
      MSGTRACK_SEED: 'from-env',
      ELASTICSEARCH_HOSTS: 'http://a:9200, https://b:9243',
      ELASTICSEARCH_USERNAME: 'elastic',
      MSGTRACK_ELASTICSEARCH_USERNAME: 'generic',
      ELASTICSEARCH_PASSWORD: 'pw',
      MSGTRACK_EPS: '',
    };
    const config = load({ cwd, argv, env });
    expect([config.pipeline.concurrency, config.seed, config.eps]).toEqual([5, 'from-env', 7]);
    expect(config.elasticsearch.hosts).toEqual(['http://a:9200', 'https://b:9243']);
    expect(config.elasticsearch.username).toBe('generic');
  });

  it('takes flags over the environment: dedicated flags, --set, fixed-value flags, repeated list flags', () => {
    const env = { MSGTRACK_PIPELINE_CONCURRENCY: '5', MSGTRACK_SEED: 'from-env', ELASTICSEARCH_HOSTS: 'http://a:9200' };
    const config = load({
      cwd,
      env,
      argv: [...argv, '--set', 'pipeline.concurrency=9', '--seed=flag', '--gzip', '--insecure', '--es-url', 'http://c:1', '--es-url=http://d:2'],
    });
    expect([config.pipeline.concurrency, config.seed]).toEqual([9, 'flag']);
    expect([config.elasticsearch.compression, config.elasticsearch.tls_verify]).toEqual([true, false]);
    expect(config.elasticsearch.hosts).toEqual(['http://c:1', 'http://d:2']);
  });
});

describe('config file discovery', () => {
  it('uses $MSGTRACK_CONFIG, then ./config/msgtrack.yml', () => {
    const cwd = withFile('users: 11\n');
    expect(load({ cwd, env: { MSGTRACK_CONFIG: 'x.yml' } }).users).toBe(11);
    mkdirSync(join(cwd, 'config'));
    writeFileSync(join(cwd, 'config/msgtrack.yml'), 'users: 12\n');
    expect(load({ cwd }).users).toBe(12);
    expect(load({ cwd, argv: ['--config', 'x.yml'] }).users).toBe(11);
  });

  it('refuses a named file that does not exist', () => {
    expect(failure({ argv: ['--config', 'nope.yml'] }).message).toBe("config file 'nope.yml' not found");
    expect(failure({ env: { MSGTRACK_CONFIG: 'gone.yml' } }).message).toBe("config file 'gone.yml' not found");
  });

  it('accepts dotted keys and empty values (which keep the default)', () => {
    const cwd = withFile('pipeline.concurrency: 2\nkibana:\n  url:\nmetrics:\n');
    const config = load({ cwd, argv: ['--config', 'x.yml'] });
    expect(config.pipeline.concurrency).toBe(2);
    expect(config.kibana.url).toBeUndefined();
  });
});

describe('bad input: one message naming the key and what is allowed', () => {
  const file = (yaml: string) => ({ cwd: withFile(yaml), argv: ['--config', 'x.yml'] });

  it('unknown key, with the closest known key', () => {
    expect(failure(file('elasticsearch:\n  host: http://x:9200\n')).message).toBe(
      "unknown key 'elasticsearch.host' in x.yml line 2; did you mean 'elasticsearch.hosts'?",
    );
    expect(failure(file('concurrency: 4\n')).message).toContain("did you mean 'pipeline.concurrency'?");
    expect(failure({ argv: ['--set', 'pipeline.concurency=4'] }).message).toBe(
      "unknown key 'pipeline.concurency' (flag --set); did you mean 'pipeline.concurrency'?",
    );
  });

  it('wrong type and out of range, naming the source', () => {
    expect(failure(file('pipeline:\n  concurrency: many\n')).message).toBe(
      "'pipeline.concurrency' must be an integer between 1 and 64, got 'many' (x.yml line 2)",
    );
    expect(failure({ env: { MSGTRACK_PIPELINE_CONCURRENCY: '65' } }).message).toBe(
      "'pipeline.concurrency' must be an integer between 1 and 64, got '65' (environment MSGTRACK_PIPELINE_CONCURRENCY)",
    );
    expect(failure({ argv: ['--eps', '0'] }).message).toBe(
      "'eps' must be a number greater than 0 and at most 1000000, got '0' (flag --eps)",
    );
    expect(failure({ argv: ['--set', 'pipeline.grace=30'] }).message).toMatch(/^'pipeline.grace' must be a duration between 0ms and 1h/);
    expect(failure({ argv: ['--server-ip', '10.0.1.300'] }).message).toBe(
      "'server_ip' must be an IPv4 address, got '10.0.1.300' (flag --server-ip)",
    );
    expect(failure({ argv: ['--namespace', 'My-Lab'] }).message).toContain("'namespace' must be lower-case letters");
    expect(failure(file('users: [1, 2]\n')).message).toBe("'users' must be an integer between 1 and 100000, got a list (x.yml line 1)");
  });

  it('pipeline.queue_bytes: a size within its range, from any source', () => {
    expect(load({ env: { MSGTRACK_PIPELINE_QUEUE_BYTES: '256MiB' } }).pipeline.queue_bytes).toBe(256 * 1024 * 1024);
    expect(load({ argv: ['--set', 'pipeline.queue_bytes=64KiB'] }).pipeline.queue_bytes).toBe(64 * 1024);
    expect(failure(file('pipeline:\n  queue_bytes: 32KiB\n')).message).toBe(
      "'pipeline.queue_bytes' must be a size between 64KiB and 64GiB (like 512KiB, 5MiB, 1GiB), got '32KiB' (x.yml line 2)",
    );
    expect(failure({ env: { MSGTRACK_PIPELINE_QUEUE_BYTES: '100' } }).message).toBe(
      "'pipeline.queue_bytes' must be a size between 64KiB and 64GiB (like 512KiB, 5MiB, 1GiB), got '100' (environment MSGTRACK_PIPELINE_QUEUE_BYTES)",
    );
    expect(failure({ argv: ['--set', 'pipeline.queue_bytes=65GiB'] }).message).toMatch(/^'pipeline.queue_bytes' must be a size between 64KiB and 64GiB/);
  });

  it('steady_start: on by default, off with --cold-start or the environment', () => {
    expect(load().steady_start).toBe(true);
    expect(load({ argv: ['--cold-start'] }).steady_start).toBe(false);
    expect(load({ env: { MSGTRACK_STEADY_START: 'false' } }).steady_start).toBe(false);
  });

  it('enum values', () => {
    expect(failure({ argv: ['--profile', 'weekly'] }).message).toBe(
      "'profile' must be one of business-week, flat, got 'weekly' (flag --profile)",
    );
  });

  it('invalid YAML, with file, line and column', () => {
    expect(failure(file('seed: a\npipeline:\n  concurrency: [1, 2\n')).message).toMatch(
      /^invalid YAML in x\.yml at line \d+, column \d+: /,
    );
    expect(failure(file('seed: a\nseed: b\n')).message).toMatch(/^invalid YAML in x\.yml at line 2, column 1: Map keys must be unique/);
    expect(failure(file('- a\n- b\n')).message).toBe('x.yml must be a mapping of settings (key: value)');
  });

  it('unknown flag, missing value, flag without value', () => {
    expect(failure({ argv: ['--es-urls', 'http://x'] }).message).toBe("unknown flag '--es-urls' for msgtrack; did you mean '--es-url'?");
    expect(failure({ argv: ['--metrics-port'] }).message).toBe("flag '--metrics-port' needs a value (an integer between 0 and 65535)");
    expect(failure({ argv: ['--gzip=yes'] }).message).toBe("flag '--gzip' takes no value");
    expect(failure({ argv: ['--set', 'novalue'] }).message).toBe("flag '--set' needs key=value, got 'novalue'");
  });

  it('relations between keys', () => {
    const documented = ['--config', join(REPO, 'config/msgtrack.yml')];
    expect(load({ argv: documented, env: { ELASTICSEARCH_CLOUD_ID: 'lab:abc' } }).elasticsearch.cloud_id).toBe('lab:abc');
    expect(failure({ argv: ['--set', 'pipeline.backoff_initial=2m'] }).message).toBe(
      "'pipeline.backoff_initial' must not exceed 'pipeline.backoff_max'",
    );
    expect(failure({ env: { ELASTICSEARCH_CLOUD_ID: 'lab:abc', ELASTICSEARCH_HOSTS: 'http://x:9200' } }).message).toBe(
      "set either 'elasticsearch.cloud_id' or 'elasticsearch.hosts', not both",
    );
  });
});

describe('secrets: only from the environment or a file, never echoed', () => {
  const SECRET = 's3cr3t-Value';

  it('refuses a literal secret in the file or in a flag, pointing to the env var and the *_file key', () => {
    const cwd = withFile(`elasticsearch:\n  password: ${SECRET}\n`);
    const fromFile = failure({ cwd, argv: ['--config', 'x.yml'] });
    expect(fromFile.message).toBe(
      "'elasticsearch.password' cannot be set in x.yml line 2; set the ELASTICSEARCH_PASSWORD environment variable or 'elasticsearch.password_file'",
    );
    const fromFlag = failure({ argv: ['--set', `elasticsearch.api_key=${SECRET}`] });
    expect(fromFlag.message).toContain('ELASTICSEARCH_API_KEY');
    expect(fromFlag.message).not.toContain(SECRET);
  });

  it('reads the environment, or the *_file without its trailing newline', () => {
    const env = { ELASTICSEARCH_USERNAME: 'elastic', ELASTICSEARCH_PASSWORD: SECRET };
    expect(load({ env }).elasticsearch.password).toBe(SECRET);
    const cwd = withFile(`${SECRET}\n`, 'key.txt');
    const config = load({ cwd, argv: ['--set', 'elasticsearch.api_key_file=key.txt'] });
    expect(config.elasticsearch.api_key).toBe(SECRET);
    expect(config.elasticsearch.api_key_file).toBe(join(cwd, 'key.txt'));
  });

  it('refuses two sources or two credentials without echoing either', () => {
    const cwd = withFile(`${SECRET}\n`, 'key.txt');
    const both = failure({ cwd, env: { ELASTICSEARCH_API_KEY: SECRET }, argv: ['--set', 'elasticsearch.api_key_file=key.txt'] });
    expect(both.message).toBe("set either ELASTICSEARCH_API_KEY or 'elasticsearch.api_key_file', not both");
    const two = failure({ env: { ELASTICSEARCH_API_KEY: SECRET, ELASTICSEARCH_BEARER_TOKEN: SECRET } });
    expect(two.message).toBe("use one credential, not 'elasticsearch.api_key' and 'elasticsearch.bearer_token'");
    expect(failure({ env: { ELASTICSEARCH_PASSWORD: SECRET } }).message).toContain('basic authentication needs both');
  });

  it('hides a URL password in messages', () => {
    const message = failure({ argv: ['--es-url', `ftp://u:${SECRET}@host`] }).message;
    expect(message).not.toContain(SECRET);
    expect(message).toContain("got 'ftp://u:[redacted]@host");
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, REPO, runCli, tempDir, type CliResult } from '../utils/run-cli.js';

beforeAll(ensureBuilt, 180_000);

/** Bad input: status 2, exactly one stderr line `msgtrack: <message>`, no stack, nothing on stdout. */
function expectRefusal(result: CliResult, message: string | RegExp): void {
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.endsWith('\n')).toBe(true);
  const lines = result.stderr.slice(0, -1).split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).not.toMatch(/\bat .+:\d+:\d+/);
  if (typeof message === 'string') expect(lines[0]).toBe(`msgtrack: ${message}`);
  else expect(lines[0]).toMatch(message);
}

function configDir(yaml: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'lab.yml'), yaml);
  return dir;
}

describe('msgtrack refuses bad input with status 2 and one line', () => {
  it('an unknown key in the config file, with the closest known key', async () => {
    const cwd = configDir('elasticsearch:\n  host: http://es:9200\n');
    expectRefusal(
      await runCli(['generate', '--count', '1', '--config', 'lab.yml'], { cwd }),
      "unknown key 'elasticsearch.host' in lab.yml line 2; did you mean 'elasticsearch.hosts'?",
    );
  });

  it('a value of the wrong type, from the environment', async () => {
    expectRefusal(
      await runCli(['generate', '--count', '1'], { env: { MSGTRACK_PIPELINE_CONCURRENCY: 'many' } }),
      "'pipeline.concurrency' must be an integer between 1 and 64, got 'many' (environment MSGTRACK_PIPELINE_CONCURRENCY)",
    );
  });

  it('a value out of range, from a flag', async () => {
    expectRefusal(
      await runCli(['generate', '--count', '1', '--set', 'servers=17']),
      "'servers' must be an integer between 1 and 16, got '17' (flag --set)",
    );
  });

  it('a queue byte bound out of range, from the environment', async () => {
    expectRefusal(
      await runCli(['generate', '--count', '1'], { env: { MSGTRACK_PIPELINE_QUEUE_BYTES: '1KiB' } }),
      "'pipeline.queue_bytes' must be a size between 64KiB and 64GiB (like 512KiB, 5MiB, 1GiB), got '1KiB' (environment MSGTRACK_PIPELINE_QUEUE_BYTES)",
    );
  });

  it('a value outside an enum', async () => {
    expectRefusal(
      await runCli(['generate', '--count', '1', '--profile', 'weekly']),
      "'profile' must be one of business-week, flat, got 'weekly' (flag --profile)",
    );
  });

  it('invalid YAML, with file, line and column', async () => {
    const cwd = configDir('seed: lab\npipeline:\n  concurrency: 4\n    grace: 5s\n');
    expectRefusal(
      await runCli(['generate', '--count', '1', '--config', 'lab.yml'], { cwd }),
      'invalid YAML in lab.yml at line 3, column 16: Nested mappings are not allowed in compact mappings',
    );
  });

  it('a missing --config file', async () => {
    expectRefusal(await runCli(['generate', '--count', '1', '--config', 'absent.yml']), "config file 'absent.yml' not found");
  });

  it('a literal secret in the config file, without echoing it', async () => {
    const cwd = configDir('elasticsearch:\n  api_key: c2VjcmV0OmtleQ==\n');
    const result = await runCli(['generate', '--count', '1', '--config', 'lab.yml'], { cwd });
    expectRefusal(result, /^msgtrack: 'elasticsearch.api_key' cannot be set in lab.yml line 2; set the ELASTICSEARCH_API_KEY environment variable or 'elasticsearch.api_key_file'$/);
    expect(result.stderr).not.toContain('c2VjcmV0OmtleQ==');
  });

  it('an unknown flag, a missing flag value, an unknown command', async () => {
    expectRefusal(await runCli(['generate', '--count', '1', '--es-urls', 'http://x']), "unknown flag '--es-urls' for msgtrack generate; did you mean '--es-url'?");
    expectRefusal(await runCli(['generate', '--count']), "flag '--count' needs a value (an integer between 0 and 1000000000000)");
    expectRefusal(await runCli(['genrate']), "unknown command 'genrate'; did you mean 'generate'?");
    expectRefusal(await runCli([]), /^msgtrack: missing command; expected one of generate, run, backfill, setup, check/);
  });

  it('flag combinations that make no sense', async () => {
    expectRefusal(await runCli(['generate']), "msgtrack generate needs '--count N' or '--from ISO --to ISO'");
    expectRefusal(
      await runCli(['generate', '--from', '2026-02-22T10:00:00Z', '--to', '2026-02-22T09:00:00Z']),
      "'--to' must be later than '--from'",
    );
    expectRefusal(await runCli(['generate', '--from', '2026-02-22T10:00:00', '--to', '2026-02-23']), /^msgtrack: '--from' must be an ISO 8601 time with a zone/);
  });
});

describe('msgtrack --help and --version', () => {
  it('prints the version from package.json', async () => {
    const { version } = (await import(join(REPO, 'package.json'), { with: { type: 'json' } })).default as { version: string };
    expect(await runCli(['--version'])).toEqual({ status: 0, stdout: `msgtrack ${version}\n`, stderr: '' });
  });

  it('lists the commands, and per command its flags and the configuration keys from the schema', async () => {
    const overview = await runCli(['--help']);
    expect(overview.status).toBe(0);
    for (const command of ['generate', 'run', 'backfill', 'setup', 'check']) expect(overview.stdout).toContain(`  ${command}`);
    const generate = await runCli(['generate', '--help']);
    expect(generate.status).toBe(0);
    for (const text of ['--count N', '--format ecs|csv', '--config FILE', 'hostname, --hostname TEXT  [default EXCH01]', 'MSGTRACK_SERVER_IP']) {
      expect(generate.stdout).toContain(text);
    }
    expect(generate.stdout).not.toContain('pipeline.concurrency');
    const run = await runCli(['run', '--help']);
    expect(run.stdout).toContain('pipeline.concurrency  [default 4]');
    expect(run.stdout).toContain('Env: MSGTRACK_ELASTICSEARCH_HOSTS, ELASTICSEARCH_HOSTS.');
  });
});

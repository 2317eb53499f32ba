import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, type LoggerOptions } from '../../../src/telemetry/logger.js';

// Known values standing in for configured credentials; none may ever reach the output.
const PASSWORD = 'Sup3r"Secret\\pw@42';
const API_KEY = 'VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==';
const USERNAME = 'elastic';

function capture(options: Partial<LoggerOptions> & { tty?: boolean } = {}) {
  const stream = Object.assign(new PassThrough(), { isTTY: options.tty ?? false });
  let out = '';
  stream.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const logger = createLogger({
    level: 'info',
    secrets: [PASSWORD, API_KEY],
    ...options,
    destination: stream,
  });
  return { logger, output: () => out };
}

function expectNoSecrets(text: string): void {
  for (const secret of [PASSWORD, API_KEY, JSON.stringify(PASSWORD).slice(1, -1), encodeURIComponent(PASSWORD)]) {
    expect(text).not.toContain(secret);
  }
}

describe('createLogger', () => {
  it('writes one JSON object per line with level name, ISO time and message', () => {
    const { logger, output } = capture({ format: 'json' });
    logger.info({ attempt: 3 }, 'cluster unavailable');
    const lines = output().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]);
    expect(record).toMatchObject({ level: 'info', msg: 'cluster unavailable', attempt: 3 });
    expect(new Date(record.time).toISOString()).toBe(record.time);
  });

  it('drops lines below the configured level', () => {
    const { logger, output } = capture({ format: 'json', level: 'warn' });
    logger.info('quiet');
    logger.warn('loud');
    expect(output()).not.toContain('quiet');
    expect(output()).toContain('loud');
  });

  it('redacts credentials by key in logged objects, nested config and child bindings', () => {
    const { logger, output } = capture({ format: 'json', secrets: [] });
    const elasticsearch = { url: 'https://es:9200', username: USERNAME, password: PASSWORD, api_key: API_KEY };
    logger.info({ config: { elasticsearch } }, 'configuration loaded');
    logger.info({ client: { apiKey: API_KEY, headers: { authorization: `ApiKey ${API_KEY}` } } }, 'client');
    logger.child({ password: PASSWORD }).warn('child');
    expectNoSecrets(output());
    const first = JSON.parse(output().split('\n')[0]);
    expect(first.config.elasticsearch).toEqual({
      url: 'https://es:9200',
      username: USERNAME,
      password: '[REDACTED]',
      api_key: '[REDACTED]',
    });
  });

  it('scrubs configured secrets and URL userinfo from error messages and stacks', () => {
    const { logger, output } = capture({ format: 'json' });
    const url = `https://${USERNAME}:${encodeURIComponent(PASSWORD)}@es.example:9200`;
    const err = new Error(`connect ECONNREFUSED ${url}; key ${API_KEY}; raw ${PASSWORD}`);
    logger.error({ err }, `bulk failed against ${url}`);
    expectNoSecrets(output());
    const record = JSON.parse(output());
    expect(record.msg).toBe('bulk failed against https://[REDACTED]@es.example:9200');
    expect(record.err.message).toContain('raw [REDACTED]');
  });

  it('scrubs Authorization credentials found in an error meta dump', () => {
    const { logger, output } = capture({ format: 'json', secrets: [] });
    const err = Object.assign(new Error('security_exception'), {
      meta: { request: { params: { headers: { authorization: `ApiKey ${API_KEY}` } } } },
    });
    logger.error({ err, note: `sent Authorization: ApiKey ${API_KEY}` }, 'auth failed');
    expectNoSecrets(output());
  });

  it('prints human-readable lines when asked, still redacted', () => {
    const { logger, output } = capture({ format: 'pretty' });
    logger.warn({ attempt: 2, password: PASSWORD }, 'backing off');
    logger.error({ err: new Error(`denied for ${PASSWORD}`) }, 'fatal auth');
    const text = output();
    expect(text).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN  backing off {2}attempt=2 password=\[REDACTED\]\n/);
    expect(text).toContain('ERROR fatal auth\n    Error: denied for [REDACTED]\n        at ');
    expect(text).not.toContain('\x1b[');
    expectNoSecrets(text);
  });

  it('in auto format, is pretty and coloured on a terminal and JSON elsewhere', () => {
    const tty = capture({ format: 'auto', tty: true });
    tty.logger.info('hello');
    expect(tty.output()).toContain('\x1b[32mINFO \x1b[0m hello');

    const pipe = capture({ tty: false });
    pipe.logger.info('hello');
    expect(JSON.parse(pipe.output()).msg).toBe('hello');
  });
});

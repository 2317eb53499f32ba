import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { redactConfig, redactUrl } from '../../../src/config/redact.js';

describe('redactConfig', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'msgtrack-redact-'));
  const env = {
    ELASTICSEARCH_USERNAME: 'elastic',
    ELASTICSEARCH_PASSWORD: 'pa55word',
    ELASTICSEARCH_HOSTS: 'https://elastic:urlpa55@es1:9200,http://es2:9200',
    KIBANA_URL: 'https://k:kpa55@kibana:5601',
  };
  const config = loadConfig({ argv: [], env, cwd });

  it('replaces secrets and URL passwords, keeps everything else', () => {
    const redacted = redactConfig(config);
    const text = JSON.stringify(redacted);
    for (const secret of ['pa55word', 'urlpa55', 'kpa55']) expect(text).not.toContain(secret);
    expect(redacted.elasticsearch.password).toBe('[redacted]');
    expect(redacted.elasticsearch.api_key).toBeUndefined();
    expect(redacted.elasticsearch.hosts).toEqual(['https://elastic:[redacted]@es1:9200/', 'http://es2:9200']);
    expect(redacted.elasticsearch.username).toBe('elastic');
    expect(redacted.pipeline).toEqual(config.pipeline);
  });

  it('leaves the configuration itself untouched', () => {
    redactConfig(config);
    expect(config.elasticsearch.password).toBe('pa55word');
  });

  it('leaves URLs without a password and non-URLs as they are', () => {
    expect(redactUrl('http://es2:9200')).toBe('http://es2:9200');
    expect(redactUrl('not a url')).toBe('not a url');
  });
});

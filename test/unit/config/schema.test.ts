import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/cli/commands.js';
import { envNames, flagName, genericEnvName } from '../../../src/config/option-spec.js';
import { CONFIG_FLAGS } from '../../../src/config/read-flags.js';
import { CONFIG_KEYS, SCHEMA } from '../../../src/config/schema.js';

const DOCUMENTED = readFileSync(join(import.meta.dirname, '../../../config/msgtrack.yml'), 'utf8');

describe('the configuration schema', () => {
  it('keeps the six seed parameters as top-level keys', () => {
    for (const key of ['hostname', 'domain', 'server_ip', 'dag_name', 'agent_id', 'agent_version']) {
      expect(CONFIG_KEYS).toContain(key);
    }
  });

  it('gives every key a generic MSGTRACK_ variable, and no variable to two keys', () => {
    expect(genericEnvName('pipeline.concurrency')).toBe('MSGTRACK_PIPELINE_CONCURRENCY');
    const all = CONFIG_KEYS.flatMap((key) => envNames(key, SCHEMA[key]));
    expect(new Set(all).size).toBe(all.length);
  });

  it('gives no flag to two options, and no command flag clashes with a config flag', () => {
    const flags = CONFIG_KEYS.flatMap((key) => ((SCHEMA[key] as { flags?: [] }).flags ?? []).map(flagName));
    expect(new Set(flags).size).toBe(flags.length);
    for (const def of Object.values(COMMANDS)) {
      for (const { flag } of def.flags) expect(CONFIG_FLAGS.has(flag), flag).toBe(false);
    }
  });

  it('documents every key in config/msgtrack.yml, and no secret value', () => {
    for (const key of CONFIG_KEYS) {
      const name = key.slice(key.indexOf('.') + 1);
      const written = new RegExp(`^\\s*${name}:`, 'm').test(DOCUMENTED);
      expect(written, key).toBe(SCHEMA[key].type !== 'secret');
    }
  });
});

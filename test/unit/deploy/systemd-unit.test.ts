import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SCHEMA } from '../../../src/config/schema.js';
import { parseDuration } from '../../../src/config/units.js';
import { unknownEnv } from './known-env.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const UNIT_TEXT = readFileSync(join(ROOT, 'deploy', 'msgtrack.service'), 'utf8');
const ENV_EXAMPLE = readFileSync(join(ROOT, 'deploy', 'msgtrack.env.example'), 'utf8');

/** section -> key -> values, in file order (systemd keys may repeat). */
function parseUnit(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = new Map();
      sections.set(header[1], current);
      continue;
    }
    const eq = line.indexOf('=');
    if (!current || eq < 0) throw new Error(`not a unit line: ${line}`);
    const key = line.slice(0, eq);
    current.set(key, [...(current.get(key) ?? []), line.slice(eq + 1)]);
  }
  return sections;
}

/** systemd time spans as this unit writes them: "45s", "1min 30s", "2min". */
function seconds(span: string): number {
  const units: Record<string, number> = { s: 1, sec: 1, min: 60, m: 60, h: 3600 };
  let total = 0;
  for (const [, n, unit] of span.matchAll(/(\d+)\s*(min|sec|s|m|h)/g)) total += Number(n) * units[unit];
  return total;
}

const unit = parseUnit(UNIT_TEXT);
const service = unit.get('Service') ?? new Map<string, string[]>();
const one = (key: string): string | undefined => service.get(key)?.at(-1);

const work = mkdtempSync(join(tmpdir(), 'msgtrack-unit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * `systemd-analyze verify` on a copy whose ExecStart names this machine's node binary: verify
 * requires the executable to exist, and node need not live at /usr/bin/node here. Everything else
 * in the copy is the shipped unit, byte for byte.
 */
function verify(text: string): { status: number | null; output: string } {
  const copy = join(work, 'msgtrack.service');
  writeFileSync(copy, text.replace(/^ExecStart=\/usr\/bin\/node /m, `ExecStart=${process.execPath} `));
  const result = spawnSync('systemd-analyze', ['verify', copy], { encoding: 'utf8' });
  if (result.error) throw new Error(`systemd-analyze is needed for this test (apt-get install systemd): ${result.error.message}`);
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('deploy/msgtrack.service', () => {
  it('passes systemd-analyze verify without a warning about the unit', () => {
    const { status, output } = verify(UNIT_TEXT);
    expect(output.split('\n').filter((line) => line.includes('msgtrack'))).toEqual([]);
    expect(status).toBe(0);
  });

  it('is checked for real: verify reports a misspelt directive and a missing binary', () => {
    expect(verify(UNIT_TEXT.replace('ProtectSystem=strict', 'ProtectSytem=strict')).output).toContain("Unknown key 'ProtectSytem'");
    const missing = verify(UNIT_TEXT.replace(/^ExecStart=\/usr\/bin\/node /m, 'ExecStart=/nonexistent/node '));
    expect(missing.output).toContain('/nonexistent/node');
    expect(missing.status).not.toBe(0);
  });

  it('runs the daemon with the config file under /etc/msgtrack', () => {
    expect(one('ExecStart')).toBe('/usr/bin/node /opt/msgtrack/bin/msgtrack run --config /etc/msgtrack/msgtrack.yml');
    expect(one('Type')).toBe('simple');
    expect(unit.get('Install')?.get('WantedBy')).toEqual(['multi-user.target']);
  });

  it('restarts on failure, but not on a configuration error (exit 2)', () => {
    expect(one('Restart')).toBe('on-failure');
    expect(one('RestartPreventExitStatus')).toBe('2');
  });

  it('stops with SIGTERM and waits longer than the drain grace period', () => {
    expect(one('KillSignal')).toBe('SIGTERM');
    const graceSeconds = (parseDuration(SCHEMA['pipeline.grace'].default) ?? NaN) / 1000;
    expect(graceSeconds).toBe(30);
    expect(seconds(one('TimeoutStopSec') ?? '')).toBeGreaterThanOrEqual(graceSeconds + 10);
  });

  it('is sandboxed', () => {
    expect(one('DynamicUser')).toBe('yes');
    expect(one('ProtectSystem')).toBe('strict');
    expect(one('ProtectHome')).toBe('yes');
    expect(one('PrivateTmp')).toBe('yes');
    expect(one('NoNewPrivileges')).toBe('yes');
    expect(one('CapabilityBoundingSet')).toBe('');
    // V8 needs writable+executable memory for its JIT: this would crash node at start.
    expect(service.has('MemoryDenyWriteExecute')).toBe(false);
  });

  it('keeps state and logs in directories systemd creates for the dynamic user', () => {
    expect(one('StateDirectory')).toBe('msgtrack');
    expect(one('LogsDirectory')).toBe('msgtrack');
    expect(one('WorkingDirectory')).toBe('%S/msgtrack');
    expect(service.get('Environment')).toContain('MSGTRACK_PIPELINE_DEAD_LETTER=%S/msgtrack/dead-letter.ndjson');
  });

  it('reads secrets from an optional root-only environment file, with variables msgtrack knows', () => {
    expect(one('EnvironmentFile')).toBe('-/etc/msgtrack/msgtrack.env');
    const unitVars = (service.get('Environment') ?? []).map((assignment) => assignment.split('=', 1)[0]);
    expect(unitVars.length).toBeGreaterThan(0);
    expect(unknownEnv(unitVars)).toEqual([]);
    const exampleVars = [...ENV_EXAMPLE.matchAll(/^#?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
    expect(exampleVars).toEqual(expect.arrayContaining(['ELASTICSEARCH_HOSTS', 'ELASTICSEARCH_API_KEY', 'ELASTICSEARCH_PASSWORD']));
    expect(unknownEnv(exampleVars)).toEqual([]);
    // The commented credential alternative names a real *_FILE option.
    const credential = [...UNIT_TEXT.matchAll(/^#Environment=([A-Z_]+)=/gm)].map((m) => m[1]);
    expect(credential).toEqual(['MSGTRACK_ELASTICSEARCH_PASSWORD_FILE']);
    expect(unknownEnv(credential)).toEqual([]);
  });
});

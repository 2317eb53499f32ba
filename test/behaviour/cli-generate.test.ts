import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, runCli, tempDir } from '../utils/run-cli.js';

beforeAll(ensureBuilt, 180_000);

const START = '2026-02-23T09:00:00Z'; // a Monday morning: business-week traffic is flowing
const FIXED = ['--seed', 'cli-test', '--start', START];

function ecsLines(stdout: string): Array<Record<string, any>> {
  expect(stdout.endsWith('\n')).toBe(true);
  return stdout.slice(0, -1).split('\n').map((line) => JSON.parse(line));
}

describe('msgtrack generate', () => {
  it('writes exactly --count ECS documents, one per line', async () => {
    const result = await runCli(['generate', '--count', '2500', ...FIXED]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const docs = ecsLines(result.stdout);
    expect(docs).toHaveLength(2500);
    expect(Date.parse(docs[0]['@timestamp'])).toBeGreaterThanOrEqual(Date.parse(START));
  });

  it('is byte-identical for the same seed and settings, different for another seed', async () => {
    const [a, b, other] = await Promise.all([
      runCli(['generate', '--count', '500', ...FIXED]),
      runCli(['generate', '--count', '500', ...FIXED]),
      runCli(['generate', '--count', '500', '--seed', 'another', '--start', START]),
    ]);
    expect(a.stdout.length).toBeGreaterThan(0);
    expect(b.stdout).toBe(a.stdout);
    expect(other.stdout).not.toBe(a.stdout);
  });

  it('--from/--to writes every event of [from, to): the prefix of the stream that starts at from', async () => {
    const from = '2026-02-23T09:00:00Z';
    const to = '2026-02-23T09:01:00Z';
    const [span, stream] = await Promise.all([
      runCli(['generate', '--seed', 'cli-test', '--eps', '50', '--from', from, '--to', to]),
      runCli(['generate', '--seed', 'cli-test', '--eps', '50', '--start', from, '--count', '20000']),
    ]);
    expect(span.status).toBe(0);
    const inSpan = ecsLines(span.stdout);
    const all = ecsLines(stream.stdout);
    expect(inSpan.length).toBeGreaterThan(100);
    for (const doc of inSpan) {
      const ts = Date.parse(doc['@timestamp']);
      expect(ts >= Date.parse(from) && ts < Date.parse(to), doc['@timestamp']).toBe(true);
    }
    expect(all.slice(0, inSpan.length)).toEqual(inSpan);
    expect(Date.parse(all[inSpan.length]['@timestamp'])).toBeGreaterThanOrEqual(Date.parse(to));
  });

  it('--format csv writes the five Exchange header lines, then CRLF rows of 30 columns', async () => {
    const result = await runCli(['generate', '--count', '300', '--format', 'csv', ...FIXED]);
    expect(result.status).toBe(0);
    expect(result.stdout.endsWith('\r\n')).toBe(true);
    const lines = result.stdout.slice(0, -2).split('\r\n');
    expect(lines).toHaveLength(305);
    expect(lines.slice(0, 5).map((line) => line.split(':')[0])).toEqual(['#Software', '#Version', '#Log-type', '#Date', '#Fields']);
    expect(lines[4].split(',')).toHaveLength(30);
    expect(lines.slice(5).some((line) => line.includes('\n'))).toBe(false);
    expect(Date.parse(lines[5].split(',')[0])).toBeGreaterThanOrEqual(Date.parse(START));
  });

  it('--output FILE holds the same bytes as stdout', async () => {
    const cwd = tempDir();
    const [toFile, toStdout] = await Promise.all([
      runCli(['generate', '--count', '400', ...FIXED, '--output', 'events.ndjson'], { cwd }),
      runCli(['generate', '--count', '400', ...FIXED]),
    ]);
    expect(toFile).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(cwd, 'events.ndjson'), 'utf8')).toBe(toStdout.stdout);
  });

  it('takes settings from file < environment < flags (seen in the documents)', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'lab.yml'), 'namespace: fromfile\ndomain: file.example\nhostname: FILESRV01\n');
    const base = ['generate', '--count', '50', ...FIXED, '--config', 'lab.yml'];
    const env = { MSGTRACK_NAMESPACE: 'fromenv', MSGTRACK_DOMAIN: 'env.example' };
    const [fileOnly, withEnv, withFlag] = await Promise.all([
      runCli(base, { cwd }),
      runCli(base, { cwd, env }),
      runCli([...base, '--namespace', 'fromflag'], { cwd, env }),
    ]);
    const seen = (stdout: string) => {
      const text = stdout;
      const doc = ecsLines(stdout)[0];
      return [doc.data_stream.namespace, text.includes('FILESRV01'), text.includes('@env.example'), text.includes('@file.example')];
    };
    expect(seen(fileOnly.stdout)).toEqual(['fromfile', true, false, true]);
    expect(seen(withEnv.stdout)).toEqual(['fromenv', true, true, false]);
    expect(seen(withFlag.stdout)).toEqual(['fromflag', true, true, false]);
  });

  it('stops quietly with status 0 when the reader goes away (| head)', () => {
    const started = Date.now();
    const shell = spawnSync(
      'bash',
      ['--norc', '--noprofile', '-c', `"${process.execPath}" "${BIN}" generate --count 100000000 --seed s | head -n 3; echo "status=\${PIPESTATUS[0]}" >&2`],
      { cwd: tempDir(), encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 },
    );
    expect(shell.stdout.split('\n').filter(Boolean)).toHaveLength(3);
    expect(shell.stderr).toBe('status=0\n');
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('reports an --output it cannot open with status 1 and one line', async () => {
    const result = await runCli(['generate', '--count', '1', '--output', '/nonexistent-dir/x.ndjson']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^msgtrack: cannot open --output: ENOENT[^\n]*\n$/);
  });
});

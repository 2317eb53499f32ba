// msgtrack setup and msgtrack check against the real engine (issue 4 item 5, issue 6 "Tests"):
// setup installs the template and the ingest pipeline, a second run changes nothing; check says
// "ok" to a live engine and fails plainly on a dead port.
import { describe, expect, it } from 'vitest';
import { DATA_STREAM_DATASET } from '../../src/setup/index-template.js';
import { freePort, parseLogs } from '../utils/daemon.js';
import { engineRequest } from '../utils/engine.js';
import { runCli } from '../utils/run-cli.js';
import { e2eSuite } from './e2e-suite.js';

const suite = e2eSuite();
const TEMPLATE = `/_index_template/logs-${DATA_STREAM_DATASET}`;
const PIPELINE = '/_ingest/pipeline/msgtrack-exchange-messagetracking';

const target = (url: string): string[] => ['--target', 'opensearch', '--es-url', url, '--log-format', 'json'];

/** The resources a setup run reports, as "kind name: action". */
function reported(stdout: string): string[] {
  return parseLogs(stdout)
    .filter((r) => typeof r.action === 'string')
    .map((r) => `${r.kind} ${r.name}: ${r.action}`)
    .sort();
}

async function stored(): Promise<unknown[]> {
  const answers = await Promise.all([engineRequest(suite.engine(), 'GET', TEMPLATE), engineRequest(suite.engine(), 'GET', PIPELINE)]);
  for (const a of answers) expect(a.status).toBe(200);
  return answers.map((a) => a.body);
}

describe('msgtrack setup against the real engine', () => {
  it('installs the index template and the ingest pipeline, and a second run changes nothing', async () => {
    const first = await runCli(['setup', ...target(suite.engine())]);
    expect(first.status, first.stdout + first.stderr).toBe(0);
    // Another suite sharing the engine may have installed them already: created or unchanged.
    expect(reported(first.stdout)).toEqual([
      expect.stringMatching(`^index_template logs-${DATA_STREAM_DATASET}: (created|updated|unchanged)$`),
      expect.stringMatching(/^ingest_pipeline msgtrack-exchange-messagetracking: (created|updated|unchanged)$/),
    ]);
    const before = await stored();
    const template = (before[0] as { index_templates: Array<{ index_template: { index_patterns: string[]; data_stream?: object } }> }).index_templates[0].index_template;
    expect(template.index_patterns).toEqual([`logs-${DATA_STREAM_DATASET}-*`]);
    expect(template.data_stream).toBeDefined();

    const second = await runCli(['setup', ...target(suite.engine())]);
    expect(second.status, second.stdout + second.stderr).toBe(0);
    expect(reported(second.stdout)).toEqual([
      `index_template logs-${DATA_STREAM_DATASET}: unchanged`,
      'ingest_pipeline msgtrack-exchange-messagetracking: unchanged',
    ]);
    expect(await stored()).toEqual(before);
  });
});

describe('msgtrack check', () => {
  it('says ok to the live engine and exits 0', async () => {
    const result = await runCli(['check', ...target(suite.engine())]);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatch(/^ok {2}/);
    expect(lines).toContain('ok   configuration valid');
    expect(result.stdout).toMatch(/^ok {3}reached opensearch \d+\.\d+\.\d+$/m);
  });

  it('fails plainly on a port where nothing listens, and exits 1', async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    const result = await runCli(['check', ...target(dead)]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^FAIL cannot reach ${dead.replaceAll('.', '\\.')}: .*ECONNREFUSED`, 'm'));
    expect(result.stdout).not.toMatch(/^ok {3}reached/m);
  });
});

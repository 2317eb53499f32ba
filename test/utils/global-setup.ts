// Vitest global setup: one embedded OpenSearch node for the whole run (issue 3).
// MSGTRACK_TEST_ENGINE_URL set → that engine is used and nothing is started. Otherwise the node is
// started only when a selected test file needs it (see needsEngine), so a unit-test run on a
// 2-core machine does not pay for a JVM.
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildEngine, startEngine, waitForYellow, type RunningEngine } from '../../scripts/engine-lib.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the engine ('' when the selected tests did not need one). */
    engineUrl: string;
  }
}

const ENV = 'MSGTRACK_TEST_ENGINE_URL';
/** Files that talk to the engine import test/utils/engine.ts or live in test/integration. */
const USES_ENGINE = /utils\/engine(\.js)?['"]/;

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env[ENV];
  if (given) {
    if (!(await waitForYellow(given, Date.now() + 30_000))) {
      throw new Error(`${ENV}=${redact(given)} does not answer GET /_cluster/health with yellow or green`);
    }
    project.provide('engineUrl', given);
    return undefined;
  }
  if (!(await needsEngine(project))) {
    project.provide('engineUrl', '');
    return undefined;
  }
  const { classpath } = await buildEngine({ log: (line) => console.error(`[engine] ${line}`) });
  const engine: RunningEngine = await startEngine({ port: 0, classpath });
  project.provide('engineUrl', engine.url);
  // Test workers are forked after setup, so they inherit this too (for code outside vitest's inject).
  process.env[ENV] = engine.url;
  return async () => {
    delete process.env[ENV];
    await engine.stop();
  };
}

async function needsEngine(project: TestProject): Promise<boolean> {
  // filenamePattern holds the CLI file filters; it is internal, so without it we assume all files.
  if (project.vitest.config.watch) return true; // files selected later may need it
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  const specs = await project.vitest.getRelevantTestSpecifications(filters);
  for (const spec of specs) {
    if (relative(project.config.root, spec.moduleId).startsWith('test/integration/')) return true;
    if (USES_ENGINE.test(await readFile(spec.moduleId, 'utf8'))) return true;
  }
  return false;
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

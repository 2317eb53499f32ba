import { readFileSync } from 'node:fs';
import { openOutput, writeLines } from '../src/cli/open-output.js';
import { timed } from './timed.js';

/**
 * The reference of issue 2, as a child process of the bench: plain `JSON.stringify` of the very
 * same ECS documents `generate` wrote, parsed into objects beforehand, written exactly as
 * generate writes (its chunk size, the same output kind). It lives in its own process because
 * half a gigabyte of pre-built documents would otherwise sit in the heap of every generate pass
 * and make each of its major GCs mark them.
 *
 * Protocol (IPC): argv = [documents file, output file]; sends {ready, bytes} once loaded and
 * warmed up, then answers each 'pass' with a Timing; 'exit' ends it.
 */

async function writeReference(docs: readonly object[], file: string): Promise<void> {
  const output = await openOutput(file);
  let i = 0;
  await writeLines(output, '', () => (i < docs.length ? JSON.stringify(docs[i++]) : undefined), '\n');
  const failure = await output.close();
  if (failure) throw failure;
}

function readDocuments(file: string): object[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.pop(); // after the last newline
  return lines.map((line) => JSON.parse(line) as object);
}

const [docsFile, outputFile] = process.argv.slice(2);
const docs = readDocuments(docsFile);
let bytes = 0;
for (const doc of docs) bytes += Buffer.byteLength(JSON.stringify(doc)) + 1;
await writeReference(docs, outputFile); // warm-up
process.send!({ ready: true, bytes });
process.on('message', (message) => {
  if (message === 'exit') process.exit(0);
  void timed(() => writeReference(docs, outputFile)).then((timing) => process.send!(timing));
});

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createClient, type Target } from '../src/sinks/elasticsearch/client.js';

/**
 * The comparison client of issue 8 item 3, run as its own process: the official client's
 * `helpers.bulk`, fed the NDJSON documents `msgtrack generate` wrote, streamed line by line from
 * the file. Two ways to feed it:
 * - `objects`: each line parsed into a document object, which the helper serialises (how the
 *   helper is normally used: a program has documents, not JSON text);
 * - `strings`: each line as it is, which the helper sends untouched (its best case: no parse,
 *   no serialisation).
 * The client is built like msgtrack's (same transport, no client retries) so that only the
 * shipping code differs.
 *
 * argv: url target index file flushBytes concurrency mode. Prints one JSON line with the
 * helper's stats and its own duration.
 */

const [url, target, index, file, flushBytes, concurrency, mode] = process.argv.slice(2);

async function* documents(lines: AsyncIterable<string>): AsyncGenerator<object> {
  for await (const line of lines) yield JSON.parse(line) as object;
}

const client = createClient({ hosts: [url], target: target as Target });
const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
let dropped = 0;
const began = performance.now();
const stats = await client.helpers.bulk<string | object>({
  datasource: mode === 'objects' ? documents(lines) : lines[Symbol.asyncIterator](),
  onDocument: () => ({ create: { _index: index } }),
  flushBytes: Number(flushBytes),
  concurrency: Number(concurrency),
  onDrop: () => void dropped++,
});
const seconds = (performance.now() - began) / 1000;
await client.close();
process.stdout.write(JSON.stringify({ total: stats.total, successful: stats.successful, failed: stats.failed, dropped, seconds }) + '\n');

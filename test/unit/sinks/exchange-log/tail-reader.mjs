// A tailing collector in its own process, as Filebeat follows a log folder: it polls every log
// file under the folder given as argv[2] and reads whatever bytes were appended since last time.
// A read that ends inside a line (a write in progress) is fine as long as the rest follows; a
// file that stays at rest on a partial line (no growth for REST_MS) is a violation.
// Prints "ready", then, once stdin closes, one JSON line: {sizes, chunks, torn, violations}.
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const REST_MS = 150;
const files = new Map(); // path -> { fd, pos, tornSince }
const violations = [];
let chunks = 0;
let torn = 0;
let done = false;
const buf = Buffer.alloc(1 << 20);

function pass() {
  for (const name of readdirSync(dir, { recursive: true })) {
    if (!name.endsWith('.LOG')) continue;
    const path = join(dir, name);
    let f = files.get(path);
    if (!f) files.set(path, (f = { fd: openSync(path, 'r'), pos: 0, tornSince: undefined }));
    const size = statSync(path).size;
    if (size > f.pos) {
      while (f.pos < size) {
        const n = readSync(f.fd, buf, 0, Math.min(buf.length, size - f.pos), f.pos);
        if (n === 0) break;
        f.pos += n;
        chunks++;
      }
      const end = Buffer.alloc(2);
      readSync(f.fd, end, 0, 2, f.pos - 2);
      const whole = end[0] === 13 && end[1] === 10;
      if (!whole) torn++;
      f.tornSince = whole ? undefined : Date.now();
    } else if (f.tornSince !== undefined && Date.now() - f.tornSince > REST_MS) {
      violations.push({ file: name, offset: f.pos });
      f.tornSince = undefined;
    }
  }
}

function loop() {
  pass();
  if (!done) return void setTimeout(loop, 2);
  pass();
  const sizes = {};
  for (const [path, f] of files) {
    sizes[path] = f.pos;
    closeSync(f.fd);
  }
  process.stdout.write(JSON.stringify({ sizes, chunks, torn, violations }) + '\n');
}

process.stdin.on('data', () => {});
process.stdin.on('end', () => (done = true));
process.stdout.write('ready\n');
loop();

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** A byte sink for large chunks, stdout or a file, that turns stream errors into a value. */
export interface Output {
  /** Writes a chunk and waits for 'drain' when the stream asks; false once the output failed. */
  write(chunk: string): Promise<boolean>;
  /** Flushes; closes a file (stdout stays open). Resolves to the first failure, if any. */
  close(): Promise<NodeJS.ErrnoException | undefined>;
  /** For messages: the file path, or 'stdout'. */
  readonly name: string;
}

/** Resolves on 'drain', or on 'close' when the stream died while we waited. */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done).off('close', done);
      resolve();
    };
    stream.on('drain', done).on('close', done);
  });
}

function wrap(stream: Writable, name: string, ownsStream: boolean): Output {
  let failure: NodeJS.ErrnoException | undefined;
  // Kept for the process's life: a late EPIPE on stdout must not become an uncaught exception.
  stream.on('error', (error: NodeJS.ErrnoException) => {
    failure ??= error;
  });
  const alive = () => failure === undefined && !stream.destroyed;
  return {
    name,
    async write(chunk) {
      if (!alive()) return false;
      if (!stream.write(chunk)) await drained(stream);
      return alive();
    },
    async close() {
      if (ownsStream) {
        stream.end();
        await finished(stream).catch(() => undefined);
      } else if (alive() && stream.writableNeedDrain) {
        await drained(stream);
      }
      return failure;
    },
  };
}

/**
 * stdout, or the file (created or truncated). A file that cannot be opened rejects here, before
 * anything is simulated.
 */
export async function openOutput(file: string | undefined): Promise<Output> {
  if (file === undefined) return wrap(process.stdout, 'stdout', false);
  const stream = createWriteStream(file);
  await once(stream, 'open');
  return wrap(stream, file, true);
}

// Large writes: one syscall per ~64K characters rather than per line (issue 2, "large writes").
export const CHUNK_CHARS = 1 << 16;

/**
 * Writes `head` and then every line `next` yields (until it yields undefined), each followed by
 * `eol`, in ~64K-character chunks with back-pressure. Resolves false when the output failed or
 * its reader went away, so the caller stops producing. One loop serves `generate` and the
 * bench's JSON.stringify reference, so both are written exactly the same way.
 */
export async function writeLines(output: Output, head: string, next: () => string | undefined, eol: string): Promise<boolean> {
  let chunk = head;
  for (let line = next(); line !== undefined; line = next()) {
    chunk += line;
    chunk += eol;
    if (chunk.length >= CHUNK_CHARS) {
      if (!(await output.write(chunk))) return false;
      chunk = '';
    }
  }
  return chunk === '' || output.write(chunk);
}

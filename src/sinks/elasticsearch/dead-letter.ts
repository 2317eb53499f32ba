import { createWriteStream, type WriteStream } from 'node:fs';
import type { Logger } from 'pino';
import type { DeadLetterSink, ItemRejection } from '../../pipeline/bulk-sink.js';

/**
 * The dead-letter file: one NDJSON line per event the cluster refused for good, with when, which
 * `_id`, the status, the error type and reason, and the original document as it was sent:
 *
 *   {"time":"2025-01-15T10:00:00.000Z","_id":"…","status":400,"error":{"type":"…","reason":"…"},"document":{…}}
 *
 * Appends (a restart keeps earlier lines). Never fatal: a file that cannot be written is logged
 * once and further lines are dropped; the pipeline still counts every rejected event.
 */

export interface DeadLetterOptions {
  readonly path: string;
  readonly logger: Logger;
  readonly now?: () => number;
}

export function createDeadLetter(options: DeadLetterOptions): DeadLetterSink {
  const now = options.now ?? Date.now;
  let stream: WriteStream | undefined;
  let failed = false;

  // Opened on the first rejection, so a clean run leaves no empty file behind.
  const open = (): WriteStream => {
    const s = createWriteStream(options.path, { flags: 'a' });
    s.on('error', (err) => {
      if (!failed) options.logger.error({ path: options.path, err: err.message }, 'dead-letter file unwritable; further rejected events are only counted');
      failed = true;
    });
    return s;
  };

  return {
    write(items, rejections) {
      if (failed || rejections.length === 0) return;
      stream ??= open();
      const time = JSON.stringify(new Date(now()).toISOString());
      let text = '';
      // The only place a rejected item becomes text again.
      for (const r of rejections) text += deadLetterLine(items.text(r.index), r, time);
      stream.write(text);
    },
    close() {
      const s = stream;
      if (!s || s.destroyed) return Promise.resolve();
      return new Promise((resolve) => {
        s.once('error', () => resolve());
        s.end(() => resolve());
      });
    },
  };
}

/** One line for one bulk item (`action\ndocument\n`); `time` is already JSON-quoted. */
export function deadLetterLine(item: string, rejection: ItemRejection, time: string): string {
  const nl = item.indexOf('\n');
  const document = item.slice(nl + 1).trimEnd();
  const id = rejection.id ?? idOfAction(item.slice(0, nl));
  const error = JSON.stringify({ type: rejection.type, reason: rejection.reason });
  return `{"time":${time},"_id":${JSON.stringify(id ?? null)},"status":${rejection.status},"error":${error},"document":${document || 'null'}}\n`;
}

function idOfAction(actionLine: string): string | undefined {
  try {
    const action = JSON.parse(actionLine) as Record<string, { _id?: unknown }>;
    for (const op in action) {
      const id = action[op]?._id;
      return typeof id === 'string' ? id : undefined;
    }
  } catch {
    // Not JSON: the line still records status and reason; the id stays null.
  }
  return undefined;
}

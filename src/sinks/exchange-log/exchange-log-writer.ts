/**
 * Writes tracking events as Exchange writes its message tracking logs (issue 7,
 * shared/docs/message-tracking.md §1): CSV lines with CRLF ends in rolling `MSGTRK*.LOG` files,
 * one file family per service (logging-server.ts), one folder per server (`DIR/EXCH01/…`, as
 * each Exchange server has its own MessageTracking folder) unless `perServer` is false.
 *
 * - Every file opens with the header lines, dated with the file's creation (the simulated time of
 *   its first line). A file rolls over when the next line would pass `fileMaxBytes` (a file holds
 *   at least one line) or when the hour changes (the hour is in the name, log-file-name.ts).
 * - Retention (log-retention.ts) deletes closed files by age and by size per prefix and folder.
 * - All times are simulated times, so a seed gives the same files byte for byte.
 * - Tail-safe appends: lines are buffered and each write() call carries whole lines only, so the
 *   file never rests on a half-written line. (A reader racing a write in progress can still see
 *   part of it, as for any append on Linux, where the size grows page by page; collectors such
 *   as Filebeat wait for the line end.) No fsync: a crash loses the buffer, never a line's half.
 * - Back-pressure: `write` returns a promise while more than `highWaterBytes` wait to be written.
 */

import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrackingEvent } from '../../sim/event.js';
import { csvHeaderLines, encodeCsvLine } from '../../encode/exchange-csv.js';
import { hourOf } from './log-file-name.js';
import { createLogGroups, LOG_FAMILIES, pruneLogGroup, startLogFile, type LogFile, type LogGroup, type LogGroups } from './log-group.js';
import { logFamily, loggingServer } from './logging-server.js';

export interface ExchangeLogWriterOptions {
  readonly dir: string;
  readonly fileMaxBytes: number;
  /** Per file prefix in each folder, as Exchange counts it. */
  readonly dirMaxBytes: number;
  readonly maxAgeMs: number;
  /** One subfolder per server (default true); false puts every server's files in `dir`. */
  readonly perServer?: boolean;
  /** Buffered bytes above which `write` asks the producer to wait (default 4 MiB). */
  readonly highWaterBytes?: number;
}

export interface ExchangeLogWriter {
  /** Undefined when the line was taken at once; a promise to await when the buffer is full. */
  write(ev: TrackingEvent): void | Promise<void>;
  /** Writes what is buffered, closes every file, applies retention. Idempotent. */
  close(): Promise<void>;
}

/** A folder name for a server: its short name, upper case, nothing a path could trip over. */
function serverFolder(server: string): string {
  return server.split('.', 1)[0].toUpperCase().replace(/[^A-Z0-9_-]/g, '_') || '_';
}

async function writeAll(handle: FileHandle, text: string): Promise<void> {
  const buf = Buffer.from(text);
  // Regular files do not short-write in practice; the loop keeps a short write from losing bytes.
  for (let off = 0; off < buf.length; ) off += (await handle.write(buf, off, buf.length - off)).bytesWritten;
}

export function createExchangeLogWriter(options: ExchangeLogWriterOptions): ExchangeLogWriter {
  const { dir, fileMaxBytes, dirMaxBytes, maxAgeMs } = options;
  const perServer = options.perServer !== false;
  const highWater = options.highWaterBytes ?? 4 * 1024 * 1024;

  const byServer = new Map<string, LogGroups>();
  const byFolder = new Map<string, LogGroups>();
  const madeFolders = new Set<string>();
  let dirty: LogFile[] = [];
  let pendingBytes = 0;
  let now = -Infinity;
  let currentHour = -Infinity;
  let scheduled = false;
  let draining: Promise<void> | undefined;
  let failure: Error | undefined;
  let closed = false;
  let closing: Promise<void> | undefined;
  let waiters: { resolve: () => void; reject: (err: Error) => void }[] = [];

  const groupsOf = (ev: TrackingEvent): LogGroups => {
    const server = loggingServer(ev);
    let groups = byServer.get(server);
    if (groups === undefined) {
      const folder = perServer ? join(dir, serverFolder(server)) : dir;
      groups = byFolder.get(folder) ?? createLogGroups(folder, maxAgeMs);
      byFolder.set(folder, groups);
      byServer.set(server, groups);
    }
    return groups;
  };

  const markDirty = (f: LogFile): void => {
    if (!f.queued) {
      f.queued = true;
      dirty.push(f);
    }
    schedule();
  };

  /** One drain at a time; writes made meanwhile coalesce into its next round. */
  const schedule = (): void => {
    if (scheduled || draining !== undefined) return;
    scheduled = true;
    setImmediate(startDrain);
  };

  const append = (g: LogGroup, f: LogFile, text: string, bytes: number): void => {
    f.pending += text;
    f.pendingBytes += bytes;
    f.size += bytes;
    g.total += bytes;
    pendingBytes += bytes;
    markDirty(f);
  };

  const retire = (g: LogGroup): void => {
    const f = g.active;
    if (f === undefined) return;
    g.active = undefined;
    f.retiring = true;
    markDirty(f);
  };

  const openFile = (g: LogGroup, ts: number, hourMs: number): LogFile => {
    retire(g);
    const f = startLogFile(g, hourMs, ts);
    const header = csvHeaderLines(ts); // ASCII: length is the byte count
    append(g, f, header, header.length);
    return f;
  };

  /** A new hour: files of earlier hours can take no more lines, so they are closed now. */
  const retireEarlierHours = (hourMs: number): void => {
    currentHour = hourMs;
    for (const groups of byFolder.values()) {
      for (const family of LOG_FAMILIES) if ((groups[family].active?.hourMs ?? hourMs) < hourMs) retire(groups[family]);
    }
  };

  const applyRetention = async (): Promise<void> => {
    for (const groups of byFolder.values()) for (const family of LOG_FAMILIES) await pruneLogGroup(groups[family], now, maxAgeMs, dirMaxBytes);
  };

  const settleWaiters = (): void => {
    if (failure === undefined && pendingBytes >= highWater) return;
    const ready = waiters;
    waiters = [];
    for (const w of ready) {
      if (failure) w.reject(failure);
      else w.resolve();
    }
  };

  const drain = async (): Promise<void> => {
    while (dirty.length > 0) {
      const batch = dirty;
      dirty = [];
      for (const f of batch) {
        f.queued = false;
        if (f.pending) {
          if (f.handle === undefined) {
            const folder = f.group.folder;
            if (!madeFolders.has(folder)) {
              await mkdir(folder, { recursive: true });
              madeFolders.add(folder);
            }
            // 'ax': append, and never clobber a file someone else created meanwhile.
            f.handle = await open(f.path, 'ax');
          }
          const text = f.pending;
          const bytes = f.pendingBytes;
          f.pending = '';
          f.pendingBytes = 0;
          await writeAll(f.handle, text);
          pendingBytes -= bytes;
        }
        if (f.retiring && f.pending === '' && f.open) {
          await f.handle?.close();
          f.handle = undefined;
          f.open = false;
          f.group.nextExpiry = Math.min(f.group.nextExpiry, f.lastTs + maxAgeMs);
        }
      }
      await applyRetention();
      settleWaiters();
    }
  };

  function startDrain(): void {
    scheduled = false;
    draining = drain()
      .catch((err: unknown) => {
        failure = err instanceof Error ? err : new Error(String(err));
      })
      .finally(() => {
        draining = undefined;
        settleWaiters();
        // Lines queued between the drain's last round and here.
        if (dirty.length > 0 && failure === undefined) schedule();
      });
  }

  return {
    write(ev) {
      if (failure) throw failure;
      if (closed) throw new Error('the Exchange log writer is closed');
      const hourMs = hourOf(ev.ts);
      if (hourMs > currentHour) retireEarlierHours(hourMs);
      now = ev.ts;
      const g = groupsOf(ev)[logFamily(ev)];
      const line = encodeCsvLine(ev) + '\r\n';
      const bytes = Buffer.byteLength(line);
      let f = g.active;
      if (f === undefined || f.hourMs !== hourMs || (f.lines > 0 && f.size + bytes > fileMaxBytes)) f = openFile(g, ev.ts, hourMs);
      f.lines++;
      f.lastTs = ev.ts;
      append(g, f, line, bytes);
      if (pendingBytes < highWater) return;
      return new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
    },

    close() {
      closing ??= (async () => {
        closed = true;
        for (const groups of byFolder.values()) for (const family of LOG_FAMILIES) retire(groups[family]);
        while (scheduled || draining) await (draining ?? new Promise((resolve) => setImmediate(resolve)));
        if (failure) throw failure;
      })();
      return closing;
    },
  };
}

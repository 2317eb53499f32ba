/**
 * The writer's model of a MessageTracking folder: per file prefix a group of files, oldest first,
 * with the running total that retention checks. A group is the unit of naming (instance numbers)
 * and of retention (Exchange counts its size limit per prefix, log-retention.ts).
 */

import { unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { logFileName } from './log-file-name.js';
import { filesToDelete } from './log-retention.js';
import type { LogFamily } from './logging-server.js';
import { scanLogFolder } from './scan-log-folder.js';

export const LOG_FAMILIES: readonly LogFamily[] = ['MSGTRK', 'MSGTRKMS', 'MSGTRKMD'];

export interface LogFile {
  readonly group: LogGroup;
  readonly path: string;
  readonly hourMs: number;
  /** Bytes written or buffered. */
  size: number;
  /** Simulated time of the last line. */
  lastTs: number;
  lines: number;
  open: boolean;
  /** Rolled over: to be closed once its buffer is written. */
  retiring: boolean;
  /** In the writer's queue of files with work to do. */
  queued: boolean;
  pending: string;
  pendingBytes: number;
  handle?: FileHandle;
}

export interface LogGroup {
  readonly folder: string;
  readonly family: LogFamily;
  /** Oldest first; files found at start-up are closed and have no handle. */
  files: LogFile[];
  total: number;
  active?: LogFile;
  lastHour: number;
  lastSeq: number;
  /** Highest instance number per hour among the files found at start-up. */
  readonly existingSeq: Map<number, number>;
  /** Simulated time from which a closed file is old enough to delete. */
  nextExpiry: number;
}

export type LogGroups = Record<LogFamily, LogGroup>;

function newFile(group: LogGroup, path: string, hourMs: number, lastTs: number, open: boolean): LogFile {
  return { group, path, hourMs, size: 0, lastTs, lines: 0, open, retiring: false, queued: false, pending: '', pendingBytes: 0 };
}

/** The groups of `folder`, with the log files already there. */
export function createLogGroups(folder: string, maxAgeMs: number): LogGroups {
  const existing = scanLogFolder(folder);
  const groups = {} as LogGroups;
  for (const family of LOG_FAMILIES) {
    const g: LogGroup = { folder, family, files: [], total: 0, lastHour: -Infinity, lastSeq: 0, existingSeq: new Map(), nextExpiry: Infinity };
    for (const e of existing) {
      if (e.family !== family) continue;
      const f = newFile(g, e.path, e.hourMs, e.lastTs, false);
      f.size = e.size;
      g.files.push(f);
      g.existingSeq.set(e.hourMs, Math.max(g.existingSeq.get(e.hourMs) ?? 0, e.seq));
      g.total += e.size;
      g.nextExpiry = Math.min(g.nextExpiry, e.lastTs + maxAgeMs);
    }
    groups[family] = g;
  }
  return groups;
}

/** A new, empty active file of `group` for the hour `hourMs`, with the next instance number. */
export function startLogFile(g: LogGroup, hourMs: number, ts: number): LogFile {
  const seq = hourMs === g.lastHour ? g.lastSeq + 1 : (g.existingSeq.get(hourMs) ?? 0) + 1;
  g.lastHour = hourMs;
  g.lastSeq = seq;
  const f = newFile(g, join(g.folder, logFileName(g.family, hourMs, seq)), hourMs, ts, true);
  g.files.push(f);
  g.active = f;
  return f;
}

/** Deletes what retention says must go, if anything can be due (cheap check first). */
export async function pruneLogGroup(g: LogGroup, now: number, maxAgeMs: number, maxBytes: number): Promise<void> {
  if (g.total <= maxBytes && now < g.nextExpiry) return;
  const doomed = new Set(filesToDelete(g.files, now, maxAgeMs, maxBytes));
  for (const f of doomed) {
    try {
      await unlink(f.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    g.total -= f.size;
  }
  g.files = g.files.filter((f) => !doomed.has(f));
  let oldest = Infinity;
  for (const f of g.files) if (!f.open && f.lastTs < oldest) oldest = f.lastTs;
  g.nextExpiry = oldest + maxAgeMs;
}

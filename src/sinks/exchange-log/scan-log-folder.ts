/**
 * The message tracking log files already in a folder, so that a restarted writer continues the
 * instance numbers instead of overwriting a file, and counts the old files for retention.
 */

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HOUR_MS, parseLogFileName, type LogFileName } from './log-file-name.js';

export interface ExistingLogFile extends LogFileName {
  readonly path: string;
  readonly size: number;
  /** The file's hour ends its writing: names carry the hour, so no line of a later hour is in it. */
  readonly lastTs: number;
}

/**
 * Our log files in `folder`, oldest first (hour, then instance number); none when the folder
 * does not exist yet. Synchronous: it runs once per folder, when the first line is routed there.
 */
export function scanLogFolder(folder: string): ExistingLogFile[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: ExistingLogFile[] = [];
  for (const name of names) {
    const parsed = parseLogFileName(name);
    if (parsed === undefined) continue;
    const path = join(folder, name);
    const stat = statSync(path);
    if (stat.isFile()) out.push({ ...parsed, path, size: stat.size, lastTs: parsed.hourMs + HOUR_MS - 1 });
  }
  return out.sort((a, b) => a.hourMs - b.hourMs || a.seq - b.seq);
}

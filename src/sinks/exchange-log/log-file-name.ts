/**
 * Names of message tracking log files: `<prefix><yyyymmddhh>-<n>.LOG`, e.g. `MSGTRK2026120316-1.LOG`.
 *
 * Exchange 2013 and later name the files after the UTC hour they were created in; the instance
 * number starts at 1 and grows by one each time a file of the same prefix rolls over at the size
 * limit within that hour (Microsoft, "Message tracking in Exchange Server": "MSGTRKyyyymmddhh-nnnn.log
 * … yyyymmddhh is the UTC date-time on which the log file was created"). Real files carry the
 * number unpadded (`MSGTRKMD2026100108-1.LOG`); Exchange 2007/2010 used a date without the hour.
 */

import type { LogFamily } from './logging-server.js';

export const HOUR_MS = 3_600_000;

export interface LogFileName {
  readonly family: LogFamily;
  /** Start of the UTC hour the file was created in, epoch ms. */
  readonly hourMs: number;
  readonly seq: number;
}

/** Start of the UTC hour holding `ms`. */
export function hourOf(ms: number): number {
  return ms - (((ms % HOUR_MS) + HOUR_MS) % HOUR_MS);
}

export function logFileName(family: LogFamily, hourMs: number, seq: number): string {
  const iso = new Date(hourMs).toISOString(); // 2026-12-03T16:00:00.000Z
  return family + iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10) + iso.slice(11, 13) + '-' + seq + '.LOG';
}

// Longest prefix first: MSGTRKMS2026… must not read as MSGTRK + "MS2026…".
const NAME = /^(MSGTRKMS|MSGTRKMD|MSGTRK)(\d{4})(\d{2})(\d{2})(\d{2})-(\d+)\.LOG$/;

/** The parts of a log file name, or undefined for any other file (MSGTRKMA included: not ours). */
export function parseLogFileName(name: string): LogFileName | undefined {
  const m = NAME.exec(name);
  if (!m) return undefined;
  const hourMs = Date.UTC(Number(m[2]), Number(m[3]) - 1, Number(m[4]), Number(m[5]));
  return { family: m[1] as LogFamily, hourMs, seq: Number(m[6]) };
}

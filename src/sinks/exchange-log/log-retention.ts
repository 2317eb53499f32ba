/**
 * Which log files circular logging deletes (Exchange's MessageTrackingLogMaxAge and
 * MessageTrackingLogMaxDirectorySize), as a pure function of one file group.
 *
 * Exchange counts the directory limit per file name prefix, not for the folder as a whole: "the
 * maximum size of the message tracking log directory is calculated as the total size of all log
 * files that have the same prefix" (Microsoft, TransportServer.MessageTrackingLogMaxDirectorySize),
 * which is why a real MessageTracking folder holds more than the limit. So a group is one prefix
 * in one server's folder. Files still open for writing are never deleted.
 */

export interface RetainedFile {
  readonly size: number;
  /** Simulated time of the file's last line, epoch ms. */
  readonly lastTs: number;
  readonly open: boolean;
}

/**
 * The files of `files` (oldest first) to delete at simulated time `now`: every closed file whose
 * last line is older than `maxAgeMs`, then the oldest closed files while the group's total size
 * is above `maxBytes`.
 */
export function filesToDelete<F extends RetainedFile>(files: readonly F[], now: number, maxAgeMs: number, maxBytes: number): F[] {
  let total = 0;
  for (const f of files) total += f.size;
  const out: F[] = [];
  for (const f of files) {
    if (f.open) continue;
    if (now - f.lastTs > maxAgeMs || total > maxBytes) {
      out.push(f);
      total -= f.size;
    }
  }
  return out;
}

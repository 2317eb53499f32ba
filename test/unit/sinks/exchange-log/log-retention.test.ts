import { describe, expect, it } from 'vitest';
import { filesToDelete, type RetainedFile } from '../../../../src/sinks/exchange-log/log-retention.js';

const H = 3_600_000;
const file = (name: string, size: number, lastTs: number, open = false) => ({ name, size, lastTs, open });
const names = (files: { name: string }[]): string[] => files.map((f) => f.name);

describe('filesToDelete', () => {
  const files = [file('a', 100, 0), file('b', 100, 1 * H), file('c', 100, 2 * H), file('d', 100, 3 * H, true)];

  it('keeps everything within age and size', () => {
    expect(filesToDelete(files, 3 * H, 10 * H, 1000)).toEqual([]);
  });

  it('deletes closed files whose last line is older than the maximum age', () => {
    expect(names(filesToDelete(files, 3 * H + 1, 2 * H, 1000))).toEqual(['a', 'b']);
    // exactly max age old is not older
    expect(names(filesToDelete(files, 3 * H, 2 * H, 1000))).toEqual(['a']);
  });

  it('deletes the oldest closed files until the total fits', () => {
    expect(names(filesToDelete(files, 3 * H, 10 * H, 250))).toEqual(['a', 'b']);
    expect(names(filesToDelete(files, 3 * H, 10 * H, 400))).toEqual([]);
  });

  it('never deletes an open file, even when it alone is over the limit', () => {
    const open: RetainedFile[] = [file('x', 5000, 0, true)];
    expect(filesToDelete(open, 100 * H, H, 10)).toEqual([]);
    expect(names(filesToDelete(files, 100 * H, H, 10))).toEqual(['a', 'b', 'c']);
  });

  it('counts age deletions toward the size limit', () => {
    // a is too old; after it goes, 300 bytes remain, which fits 300.
    expect(names(filesToDelete(files, 2 * H + 1, 2 * H, 300))).toEqual(['a']);
  });
});

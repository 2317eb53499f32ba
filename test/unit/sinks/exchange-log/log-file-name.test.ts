import { describe, expect, it } from 'vitest';
import { hourOf, logFileName, parseLogFileName } from '../../../../src/sinks/exchange-log/log-file-name.js';

const H16 = Date.parse('2026-12-03T16:00:00.000Z');

describe('log file names', () => {
  it('are <prefix><UTC yyyymmddhh>-<n>.LOG, unpadded instance number', () => {
    expect(logFileName('MSGTRK', H16, 1)).toBe('MSGTRK2026120316-1.LOG');
    expect(logFileName('MSGTRKMS', Date.parse('2026-01-05T03:00:00Z'), 12)).toBe('MSGTRKMS2026010503-12.LOG');
    expect(logFileName('MSGTRKMD', Date.parse('2026-12-31T23:00:00Z'), 2)).toBe('MSGTRKMD2026123123-2.LOG');
  });

  it('parse back, the longer prefixes first', () => {
    expect(parseLogFileName('MSGTRK2026120316-1.LOG')).toEqual({ family: 'MSGTRK', hourMs: H16, seq: 1 });
    expect(parseLogFileName('MSGTRKMS2026120316-7.LOG')).toEqual({ family: 'MSGTRKMS', hourMs: H16, seq: 7 });
    expect(parseLogFileName('MSGTRKMD2026120316-10.LOG')).toEqual({ family: 'MSGTRKMD', hourMs: H16, seq: 10 });
  });

  it('ignore other files: approvals, other logs, partial names', () => {
    for (const name of ['MSGTRKMA2026120316-1.LOG', 'MSGTRK20261203-1.LOG', 'MSGTRK2026120316-1.LOG.gz', 'notes.txt', 'MSGTRK2026120316-.LOG']) {
      expect(parseLogFileName(name), name).toBeUndefined();
    }
  });

  it('hourOf truncates to the UTC hour', () => {
    expect(hourOf(H16)).toBe(H16);
    expect(hourOf(H16 + 3_599_999)).toBe(H16);
    expect(hourOf(H16 + 3_600_000)).toBe(H16 + 3_600_000);
  });
});

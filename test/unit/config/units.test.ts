import { describe, expect, it } from 'vitest';
import { parseBytes, parseDuration, parseIsoTime } from '../../../src/config/units.js';

describe('durations', () => {
  it('reads one unit, fractions allowed, and refuses bare numbers other than 0', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('7d')).toBe(604_800_000);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('30')).toBeUndefined();
    expect(parseDuration('5 minutes')).toBeUndefined();
    expect(parseDuration('-1s')).toBeUndefined();
  });
});

describe('sizes', () => {
  it('reads IEC and SI units case-insensitively, bare numbers as bytes', () => {
    expect(parseBytes('5MiB')).toBe(5 * 1024 * 1024);
    expect(parseBytes('5mib')).toBe(5 * 1024 * 1024);
    expect(parseBytes('10MB')).toBe(10_000_000);
    expect(parseBytes('512 KiB')).toBe(524_288);
    expect(parseBytes('4096')).toBe(4096);
    expect(parseBytes('5 parsecs')).toBeUndefined();
    expect(parseBytes('MiB')).toBeUndefined();
  });
});

describe('ISO times', () => {
  it('reads dates (UTC) and date-times with a zone', () => {
    expect(parseIsoTime('2026-02-22')).toBe(Date.UTC(2026, 1, 22));
    expect(parseIsoTime('2026-02-22T17:00:00Z')).toBe(Date.UTC(2026, 1, 22, 17));
    expect(parseIsoTime('2026-02-22T17:00:00.250Z')).toBe(Date.UTC(2026, 1, 22, 17, 0, 0, 250));
    expect(parseIsoTime('2026-02-22T18:00+01:00')).toBe(Date.UTC(2026, 1, 22, 17));
  });

  it('refuses local times (they depend on TZ), impossible dates and other formats', () => {
    expect(parseIsoTime('2026-02-22T17:00:00')).toBeUndefined();
    expect(parseIsoTime('2026-02-30')).toBeUndefined();
    expect(parseIsoTime('2026-13-01T00:00:00Z')).toBeUndefined();
    expect(parseIsoTime('2026-02-22T24:00:00Z')).toBeUndefined();
    expect(parseIsoTime('yesterday')).toBeUndefined();
    expect(parseIsoTime('1771779600000')).toBeUndefined();
  });
});

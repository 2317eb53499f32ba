import { describe, expect, it } from 'vitest';
import { formatLogLine } from '../../../src/telemetry/format-log-line.js';

describe('formatLogLine', () => {
  it('shows time, level and message, then the other fields as key=value', () => {
    const line = JSON.stringify({
      level: 40,
      time: Date.UTC(2024, 4, 3, 10, 42, 5, 123),
      pid: 1,
      hostname: 'h',
      msg: 'cluster down',
      attempt: 3,
      reason: 'connect refused',
      status: null,
    });
    expect(formatLogLine(`${line}\n`)).toBe(
      '10:42:05.123 WARN  cluster down  attempt=3 reason="connect refused" status=null\n',
    );
  });

  it('indents an error stack under the line', () => {
    const err = { stack: 'E: a\n  at b' };
    const line = JSON.stringify({ level: 'error', time: '2024-05-03T10:42:05.000Z', msg: 'x', err });
    expect(formatLogLine(line)).toBe('10:42:05.000 ERROR x\n    E: a\n      at b\n');
  });

  it('colours the level only when asked', () => {
    const line = JSON.stringify({ level: 'info', time: 0, msg: 'up' });
    expect(formatLogLine(line, true)).toBe('00:00:00.000 \x1b[32mINFO \x1b[0m up\n');
  });

  it('passes lines that are not JSON objects through unchanged', () => {
    expect(formatLogLine('not json\n')).toBe('not json\n');
    expect(formatLogLine('[1,2]')).toBe('[1,2]');
  });
});

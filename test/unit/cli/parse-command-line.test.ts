import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../src/cli/parse-command-line.js';
import { ConfigError } from '../../../src/config/errors.js';

const CWD = '/work/lab';

function message(argv: string[]): string {
  try {
    parseCommandLine(argv, CWD);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected ${argv.join(' ')} to be refused`);
}

describe('parseCommandLine', () => {
  it('separates command flags (typed) from configuration flags (left for loadConfig)', () => {
    const parsed = parseCommandLine(
      ['generate', '--count', '10', '--seed', 's', '--gzip', '--format=csv', '--output', 'out.log', '--set', 'users=5'],
      CWD,
    );
    expect(parsed).toEqual({
      kind: 'command',
      command: 'generate',
      args: { count: 10, format: 'csv', outputFile: '/work/lab/out.log' },
      configArgv: ['--seed=s', '--gzip', '--set=users=5'],
    });
  });

  it('parses times to epoch ms and durations to ms, and fills command defaults', () => {
    const generate = parseCommandLine(['generate', '--from', '2026-02-22', '--to', '2026-02-22T01:00:00Z'], CWD);
    expect(generate.kind === 'command' && generate.args).toEqual({
      from: Date.UTC(2026, 1, 22),
      to: Date.UTC(2026, 1, 22, 1),
      format: 'ecs',
    });
    const run = parseCommandLine(['run', '--lookback', '2h', '--output', 'exchange-log'], CWD);
    expect(run.kind === 'command' && run.args).toEqual({ lookback: 7_200_000, outputKind: 'exchange-log' });
  });

  it('answers --help and --version before validating anything else', () => {
    expect(parseCommandLine(['--version'], CWD)).toEqual({ kind: 'version' });
    expect(parseCommandLine(['--help'], CWD)).toEqual({ kind: 'help' });
    expect(parseCommandLine(['help', 'run'], CWD)).toEqual({ kind: 'help', command: 'run' });
    expect(parseCommandLine(['generate', '--bogus', '--help'], CWD)).toEqual({ kind: 'help', command: 'generate' });
  });

  it('refuses missing and unknown commands', () => {
    expect(message([])).toBe('missing command; expected one of generate, run, backfill, setup, check (see msgtrack --help)');
    expect(message(['generat'])).toBe("unknown command 'generat'; did you mean 'generate'?");
    expect(message(['--count', '3'])).toContain("unknown flag '--count' before the command");
  });

  it('refuses flags of another command, positionals and bad values', () => {
    expect(message(['run', '--count', '5'])).toBe("unknown flag '--count' for msgtrack run");
    expect(message(['generate', '--count', '5', 'extra'])).toBe("unexpected argument 'extra' for msgtrack generate");
    expect(message(['generate', '--count', 'ten'])).toBe(
      "'--count' must be an integer between 0 and 1000000000000, got 'ten' (flag --count)",
    );
    expect(message(['generate', '--count'])).toBe("flag '--count' needs a value (an integer between 0 and 1000000000000)");
    expect(message(['generate', '--from', 'yesterday', '--to', '2026-01-01'])).toMatch(/^'--from' must be an ISO 8601 time/);
    expect(message(['generate', '--count', '1', '--format', 'xml'])).toBe("'--format' must be one of ecs, csv, got 'xml' (flag --format)");
  });

  it('refuses combinations that make no sense', () => {
    expect(message(['generate'])).toBe("msgtrack generate needs '--count N' or '--from ISO --to ISO'");
    expect(message(['generate', '--count', '5', '--from', '2026-01-01', '--to', '2026-01-02'])).toBe(
      "use either '--count' or '--from'/'--to', not both",
    );
    expect(message(['generate', '--from', '2026-01-01'])).toBe("'--from' needs '--to'");
    expect(message(['generate', '--from', '2026-01-02', '--to', '2026-01-01'])).toBe("'--to' must be later than '--from'");
    expect(message(['generate', '--from', '2026-01-01', '--to', '2026-01-02', '--start', '2026-01-01'])).toBe(
      "'--start' and '--from' both set the start; use one",
    );
    expect(message(['backfill'])).toBe("msgtrack backfill needs '--from ISO --to ISO'");
    expect(message(['backfill', '--to', '2026-01-02'])).toBe("'--to' needs '--from'");
  });
});

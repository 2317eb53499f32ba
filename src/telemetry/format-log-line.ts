/**
 * Turns one pino JSON line into a line for a human at a terminal:
 * `12:04:05.123 WARN  cluster unavailable, backing off  attempt=3 delayMs=4000`, with an error's
 * stack on the lines below. Ours rather than pino-pretty: logs are a few lines per state change,
 * so a dependency (and its worker-thread transport) buys nothing a screenful of code doesn't.
 */

const LEVEL_NAMES: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO ',
  40: 'WARN ',
  50: 'ERROR',
  60: 'FATAL',
};
// ANSI colours by level, only used when writing to a terminal.
const LEVEL_COLOURS: Record<string, string> = {
  TRACE: '\x1b[90m',
  DEBUG: '\x1b[36m',
  'INFO ': '\x1b[32m',
  'WARN ': '\x1b[33m',
  ERROR: '\x1b[31m',
  FATAL: '\x1b[35m',
};
const RESET = '\x1b[0m';
// Fields every line has, or that are shown in the prefix, so not repeated as key=value.
const SKIPPED = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'err']);

function levelName(level: unknown): string {
  if (typeof level === 'number') return LEVEL_NAMES[level] ?? String(level);
  return typeof level === 'string' ? level.toUpperCase().padEnd(5) : '?    ';
}

function clockTime(time: unknown): string {
  const date = new Date(typeof time === 'number' || typeof time === 'string' ? time : Number.NaN);
  return Number.isNaN(date.getTime()) ? '--:--:--.---' : date.toISOString().slice(11, 23);
}

function fieldValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

function errorText(err: unknown): string {
  if (err === null || typeof err !== 'object') return '';
  const { stack, message } = err as { stack?: unknown; message?: unknown };
  const text = typeof stack === 'string' ? stack : typeof message === 'string' ? message : JSON.stringify(err);
  return `\n    ${text.split('\n').join('\n    ')}`;
}

/**
 * Formats one JSON log line (with or without its trailing newline); returns the line unchanged
 * when it is not a JSON object, so nothing is ever lost.
 */
export function formatLogLine(line: string, colour = false): string {
  let record: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return line;
    record = parsed as Record<string, unknown>;
  } catch {
    return line;
  }
  const level = levelName(record.level);
  const shownLevel = colour ? `${LEVEL_COLOURS[level] ?? ''}${level}${RESET}` : level;
  let out = `${clockTime(record.time)} ${shownLevel} ${typeof record.msg === 'string' ? record.msg : ''}`;
  const fields: string[] = [];
  for (const key of Object.keys(record)) {
    if (!SKIPPED.has(key)) fields.push(`${key}=${fieldValue(record[key])}`);
  }
  if (fields.length > 0) out += `  ${fields.join(' ')}`;
  return `${out}${errorText(record.err)}\n`;
}

import { pino, type DestinationStream, type Logger } from 'pino';
import { formatLogLine } from './format-log-line.js';
import { REDACTED, secretScrubber } from './redact-secrets.js';

/**
 * The process logger: pino writing JSON lines (one per state change, never per event), or a
 * human-readable line when a person is watching a terminal. Credentials are removed twice:
 * by key (pino `redact`, for config objects and request headers) and by value (every configured
 * secret, URL userinfo and Authorization credentials scrubbed from the finished line, since error
 * messages and stacks are strings that path-based redaction cannot look into).
 */

export type { Logger };
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
export type LogFormat = 'auto' | 'json' | 'pretty';

/** Anything lines can be written to; `isTTY` decides the `auto` format. */
export interface LogStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

export interface LoggerOptions {
  readonly level: LogLevel;
  /** `auto` (default): pretty when the destination is a terminal, JSON otherwise. */
  readonly format?: LogFormat;
  /**
   * Where lines go. `generate` writes events to stdout, so its logs use `stderr`; the daemon
   * commands (run, backfill) may log to `stdout` (default).
   */
  readonly destination?: 'stdout' | 'stderr' | LogStream;
  /** Literal secrets (password, API key, ...) that must never appear in any line. */
  readonly secrets?: readonly (string | undefined)[];
}

const SECRET_KEYS = [
  'password',
  'api_key',
  'apiKey',
  'authorization',
  'Authorization',
  'token',
  'bearer_token',
  'bearerToken',
];
// fast-redact matches exact depths, so each key is listed at the depths our objects reach
// (config sections, client options, an error's `meta.request.params.headers`).
const WILDCARD_PREFIXES = ['', '*.', '*.*.', '*.*.*.', '*.*.*.*.'];
export const REDACT_PATHS: readonly string[] = WILDCARD_PREFIXES.flatMap((prefix) =>
  SECRET_KEYS.map((key) => prefix + key),
);

function resolveStream(destination: LoggerOptions['destination']): LogStream {
  if (destination === 'stderr') return process.stderr;
  if (destination === undefined || destination === 'stdout') return process.stdout;
  return destination;
}

export function createLogger(options: LoggerOptions): Logger {
  const target = resolveStream(options.destination);
  const format = options.format ?? 'auto';
  const pretty = format === 'pretty' || (format === 'auto' && target.isTTY === true);
  const colour = pretty && target.isTTY === true;
  const scrub = secretScrubber(options.secrets ?? []);
  // Process streams write synchronously on Linux (files, pipes, TTYs), so nothing is lost on exit.
  const sink: DestinationStream = {
    write: pretty
      ? (line: string) => target.write(formatLogLine(scrub(line), colour))
      : (line: string) => target.write(scrub(line)),
  };
  return pino(
    {
      level: options.level,
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names rather than numbers: the lines are read by people and by log shippers alike.
      formatters: { level: (label) => ({ level: label }) },
    },
    sink,
  );
}

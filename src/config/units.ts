/**
 * Text forms of durations, sizes and instants, shared by the config loader and the command flags.
 * Each parser returns undefined for text it does not accept; the caller words the error.
 */

const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1e3, m: 60e3, h: 3600e3, d: 86_400e3 };
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/** '500ms', '30s', '1.5h', '7d' → milliseconds. A bare number is refused (seconds or ms?), except 0. */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * DURATION_UNITS[match[2]]);
}

// IEC units are powers of 1024, SI units powers of 1000; case-insensitive ('5mib' = '5MiB').
const BYTE_UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  kib: 1024,
  mb: 1e6,
  mib: 1024 ** 2,
  gb: 1e9,
  gib: 1024 ** 3,
};
const BYTES = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i;

/** '5MiB', '10MB', '512KiB', '4096' → bytes. */
export function parseBytes(text: string): number | undefined {
  const match = BYTES.exec(text.trim());
  if (!match) return undefined;
  const unit = match[2] === '' ? 1 : BYTE_UNITS[match[2].toLowerCase()];
  return unit === undefined ? undefined : Math.round(Number(match[1]) * unit);
}

// A date, or a date-time with an explicit zone: a local-time reading would make output depend on
// the machine's TZ, which breaks "same seed → same bytes".
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;

/** '2026-02-22', '2026-02-22T17:00:00Z', '2026-02-22T18:00+01:00' → epoch ms. */
export function parseIsoTime(text: string): number | undefined {
  const match = ISO.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.parse rolls 2026-02-30 over to March 2nd; refuse it instead.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return undefined;
  if (Number(match[4] ?? 0) > 23 || Number(match[5] ?? 0) > 59 || Number(match[6] ?? 0) > 59) return undefined;
  const ms = Date.parse(text.trim());
  return Number.isFinite(ms) ? ms : undefined;
}

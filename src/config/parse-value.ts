import { resolve } from 'node:path';
import { ConfigError } from './errors.js';
import type { OptionSpec } from './option-spec.js';
import { redactUrl } from './redact.js';
import { parseBytes, parseDuration, parseIsoTime } from './units.js';

/** What an option accepts, worded to follow "must be": used by errors and --help. */
export function describeExpected(spec: OptionSpec): string {
  switch (spec.type) {
    case 'string':
      return spec.expect ?? 'a non-empty string';
    case 'int':
      return `an integer between ${spec.min} and ${spec.max}`;
    case 'number':
      return `a number greater than ${spec.above} and at most ${spec.max}`;
    case 'boolean':
      return 'true or false';
    case 'duration':
      return `a duration between ${spec.min} and ${spec.max} (like 500ms, 30s, 5m, 2h, 7d)`;
    case 'bytes':
      return `a size between ${spec.min} and ${spec.max} (like 512KiB, 5MiB, 1GiB)`;
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
    case 'url':
      return 'an http or https URL';
    case 'urls':
      return 'a non-empty list of http or https URLs';
    case 'path':
      return 'a file path';
    case 'time':
      return 'an ISO 8601 time with a zone, like 2026-02-22T17:00:00Z, or a date';
    case 'secret':
      return 'a non-empty string';
  }
}

const TRUE = new Set(['true', 'yes', 'on', '1']);
const FALSE = new Set(['false', 'no', 'off', '0']);

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** How a rejected value is quoted in a message: short, and with any URL password hidden. */
function show(raw: unknown): string {
  if (Array.isArray(raw)) return 'a list';
  if (raw !== null && typeof raw === 'object') return 'a mapping';
  const text = redactUrl(String(raw));
  return `'${text.length > 60 ? `${text.slice(0, 57)}...` : text}'`;
}

/** YAML gives numbers and booleans; environment and flags give text. Both are accepted. */
function asText(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw.trim() === '' ? undefined : raw.trim();
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (typeof raw === 'boolean') return String(raw);
  return undefined;
}

function inRange(value: number | undefined, min: number, max: number): number | undefined {
  return value !== undefined && value >= min && value <= max ? value : undefined;
}

/** Parses a raw value or returns undefined when it is not acceptable. */
function convert(spec: OptionSpec, raw: unknown, cwd: string): unknown {
  if (spec.type === 'urls') {
    const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [];
    const urls = items.map((item) => asText(item));
    if (urls.length === 0 || urls.some((url) => url === undefined || !isHttpUrl(url))) return undefined;
    return Object.freeze(urls);
  }
  const text = asText(raw);
  if (text === undefined) return undefined;
  switch (spec.type) {
    case 'string':
      return spec.valid === undefined || spec.valid(text) ? text : undefined;
    case 'secret':
      return text;
    case 'int':
      return /^[+-]?\d+$/.test(text) ? inRange(Number(text), spec.min, spec.max) : undefined;
    case 'number': {
      const value = Number(text);
      return Number.isFinite(value) && value > spec.above && value <= spec.max ? value : undefined;
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      return TRUE.has(lower) ? true : FALSE.has(lower) ? false : undefined;
    }
    case 'duration':
      return inRange(parseDuration(text), parseDuration(spec.min)!, parseDuration(spec.max)!);
    case 'bytes':
      return inRange(parseBytes(text), parseBytes(spec.min)!, parseBytes(spec.max)!);
    case 'enum':
      return spec.values.includes(text) ? text : undefined;
    case 'url':
      return isHttpUrl(text) ? text : undefined;
    case 'path':
      return resolve(cwd, text);
    case 'time':
      return parseIsoTime(text);
  }
}

/**
 * Parses one option's raw value (from a default, the YAML file, the environment or a flag) into
 * its typed value, or throws a ConfigError naming the key, what is allowed and where the value
 * came from. `null`/`undefined` means unset: the option's default applies (the caller handles it).
 */
export function parseValue(key: string, spec: OptionSpec, raw: unknown, origin: string, cwd: string): unknown {
  const value = convert(spec, raw, cwd);
  if (value !== undefined) return value;
  // Secrets are never quoted back.
  const got = spec.type === 'secret' ? 'an empty value' : show(raw);
  throw new ConfigError(`'${key}' must be ${describeExpected(spec)}, got ${got} (${origin})`, key);
}

/** The default as it reads in the documented config file and in --help. */
export function formatDefault(spec: OptionSpec): string | undefined {
  if (spec.default === undefined) return undefined;
  return spec.type === 'urls' ? spec.default.join(',') : String(spec.default);
}

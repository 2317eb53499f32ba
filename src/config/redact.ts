import { CONFIG_KEYS, SCHEMA, type Config } from './schema.js';

export const REDACTED = '[redacted]';

/** Hides the password of a URL with credentials (`https://u:p@host` → `https://u:[redacted]@host`). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = 'REDACTED';
    return parsed.href.replace(':REDACTED@', `:${REDACTED}@`);
  } catch {
    return url;
  }
}

/**
 * The configuration as it may be logged: secret values replaced by "[redacted]" (absent ones stay
 * absent, so a log still shows which credential is in use) and URL passwords hidden.
 */
export function redactConfig(config: Config): Config {
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(config)) {
    copy[name] = value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...value } : value;
  }
  for (const key of CONFIG_KEYS) {
    const spec = SCHEMA[key];
    if (spec.type !== 'secret' && spec.type !== 'url' && spec.type !== 'urls') continue;
    const dot = key.indexOf('.');
    const holder = (dot < 0 ? copy : copy[key.slice(0, dot)]) as Record<string, unknown>;
    const name = key.slice(dot + 1);
    const value = holder[name];
    if (value === undefined) continue;
    if (spec.type === 'secret') holder[name] = REDACTED;
    else if (spec.type === 'url') holder[name] = redactUrl(value as string);
    else holder[name] = (value as readonly string[]).map(redactUrl);
  }
  return copy as Config;
}

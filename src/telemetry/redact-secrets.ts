/**
 * Scrubs credentials out of free text: error messages and stack traces can embed a URL with
 * userinfo (`https://elastic:pw@host`), an `Authorization` header or the configured key itself,
 * and pino's path-based `redact` cannot see inside a string. Applied to whole log lines, which
 * are written per state change, never per event, so a few regex passes cost nothing.
 */

export const REDACTED = '[REDACTED]';

// `scheme://user:password@` → `scheme://[REDACTED]@`. Greedy up to the last `@` before the path,
// so an unencoded `@` inside the password does not leave its tail behind.
const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/)[^\s/"'<>]*@/gi;
// The credential part of an HTTP Authorization value (Basic, Bearer, ApiKey schemes). Tokens are
// base64-ish and long; 16+ characters keeps prose such as "basic authentication" intact.
const AUTH_SCHEME = /\b(basic|bearer|apikey)(\s+)[A-Za-z0-9+/=._~-]{16,}/gi;

/** JSON-escaped form, so a secret with `"` or `\` is still found inside a serialized log line. */
function jsonEscaped(secret: string): string {
  return JSON.stringify(secret).slice(1, -1);
}

/**
 * The literal strings to hunt for: every non-empty secret, plus its JSON-escaped and URL-encoded
 * forms when those differ. Longest first, so a secret that contains another is replaced whole.
 */
export function secretForms(secrets: readonly (string | undefined)[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    forms.add(secret);
    forms.add(jsonEscaped(secret));
    forms.add(encodeURIComponent(secret));
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * Builds the scrubber once (secret forms resolved up front) for a logger to apply to every line.
 * Known secrets go first: a pattern pass could otherwise consume part of one and hide the rest.
 */
export function secretScrubber(secrets: readonly (string | undefined)[]): (text: string) => string {
  const forms = secretForms(secrets);
  return (text) => {
    let out = text;
    for (const form of forms) out = out.split(form).join(REDACTED);
    return out.replace(URL_USERINFO, `$1${REDACTED}@`).replace(AUTH_SCHEME, `$1$2${REDACTED}`);
  };
}

/** Replaces each given secret, URL userinfo and Authorization credentials with `[REDACTED]`. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  return secretScrubber(secrets)(text);
}

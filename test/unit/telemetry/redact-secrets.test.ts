import { describe, expect, it } from 'vitest';
import { redactSecrets, secretForms } from '../../../src/telemetry/redact-secrets.js';

describe('redactSecrets', () => {
  it('removes userinfo from URLs, even with an unencoded @ in the password', () => {
    expect(redactSecrets('GET https://elastic:changeme@es:9200/_bulk failed')).toBe(
      'GET https://[REDACTED]@es:9200/_bulk failed',
    );
    expect(redactSecrets('http://u:p@ss@host:1/x')).toBe('http://[REDACTED]@host:1/x');
  });

  it('leaves URLs without userinfo and nearby e-mail addresses alone', () => {
    const text = '{"url":"http://127.0.0.1:9200","sender":"ann@contoso.com"}';
    expect(redactSecrets(text)).toBe(text);
  });

  it('removes Authorization credentials but keeps prose about authentication', () => {
    const token = 'dGVzdDp0ZXN0LXBhc3N3b3JkLTEyMw==';
    expect(redactSecrets(`Authorization: Basic ${token}`)).toBe('Authorization: Basic [REDACTED]');
    expect(redactSecrets(`bearer ${token}.x`)).toBe('bearer [REDACTED]');
    expect(redactSecrets('falling back to basic authentication')).toBe('falling back to basic authentication');
  });

  it('removes each given secret in raw, JSON-escaped and URL-encoded form', () => {
    const secret = 'a"b\\c/d';
    const text = `raw ${secret} json ${JSON.stringify(secret)} url ${encodeURIComponent(secret)}`;
    expect(redactSecrets(text, [secret])).toBe('raw [REDACTED] json "[REDACTED]" url [REDACTED]');
  });

  it('ignores empty and missing secrets', () => {
    expect(redactSecrets('nothing to hide', ['', undefined])).toBe('nothing to hide');
  });

  it('replaces a secret that contains another one whole', () => {
    expect(secretForms(['pass', 'password'])[0]).toBe('password');
    expect(redactSecrets('password', ['pass', 'password'])).toBe('[REDACTED]');
  });
});

/**
 * The one error family of configuration and command-line input. The CLI prints its message as a
 * single `msgtrack: <message>` line and exits 2, without a stack: the message alone must say what
 * was wrong and what is allowed. Messages never echo a secret value (see redact.ts).
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  /** The dotted key or flag the message is about, when there is one (for tests and tooling). */
  readonly subject: string | undefined;

  constructor(message: string, subject?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.subject = subject;
  }
}


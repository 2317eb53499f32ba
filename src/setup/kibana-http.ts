import { readFile } from 'node:fs/promises';
import { Agent } from 'undici';
import { redactSecrets } from '../telemetry/redact-secrets.js';

/**
 * A minimal Kibana HTTP client for setup: global fetch with Kibana's required `kbn-xsrf` header,
 * one auth header, optional TLS settings, and errors that say what Kibana refused and what to do,
 * with every credential scrubbed from the message (Kibana may echo the user name, never more).
 */

export type KibanaAuth =
  | { readonly apiKey: string }
  | { readonly username: string; readonly password: string }
  | { readonly bearer: string };

export interface KibanaConnection {
  /** Kibana base URL, including any `server.basePath`. */
  readonly url: string;
  readonly auth?: KibanaAuth;
  /** Kibana space id; the default space when absent. */
  readonly space?: string;
  /** PEM file of the CA that signed Kibana's certificate. */
  readonly caFile?: string;
  /** Certificate checks stay on unless explicitly turned off (lab only). Default true. */
  readonly tlsVerify?: boolean;
  readonly timeoutMs?: number;
}

/** Every refusal or failure of the Kibana setup; the message never holds a credential. */
export class KibanaSetupError extends Error {
  override readonly name = 'KibanaSetupError';
  /** HTTP status when Kibana answered, undefined when it could not be reached. */
  readonly status: number | undefined;

  constructor(message: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
  }
}

export interface KibanaReply {
  readonly status: number;
  readonly statusText: string;
  /** Parsed JSON, the raw text when not JSON, undefined when empty. */
  readonly body: unknown;
}

export interface KibanaHttp {
  /** `body`: FormData goes as multipart, any other object as JSON. */
  call(method: 'GET' | 'POST', path: string, body?: object): Promise<KibanaReply>;
  /** Throws the matching KibanaSetupError unless the reply has one of the `ok` statuses. */
  expect(reply: KibanaReply, what: string, ok?: readonly number[]): void;
  close(): Promise<void>;
}

export async function kibanaHttp(options: KibanaConnection): Promise<KibanaHttp> {
  const url = new URL(options.url);
  // fetch refuses URLs with userinfo; take it as basic auth when no other auth is given.
  const auth = options.auth ?? (url.username ? urlAuth(url) : undefined);
  url.username = '';
  url.password = '';
  const where = url.href.replace(/\/+$/, '');
  const space = options.space && options.space !== 'default' ? options.space : undefined;
  if (space !== undefined && !/^[a-z0-9_-]+$/.test(space)) {
    throw new KibanaSetupError(`invalid Kibana space id "${space}": use lower-case letters, digits, "_" and "-"`);
  }
  const base = space ? `${where}/s/${space}` : where;
  const headers: Record<string, string> = { accept: 'application/json', 'kbn-xsrf': 'true' };
  const secrets: string[] = [];
  if (auth) {
    headers.authorization = authorization(auth);
    secrets.push(headers.authorization, ...Object.values(auth));
  }
  const dispatcher = await tlsDispatcher(options);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const scrub = (text: string): string => redactSecrets(text, secrets);

  return {
    async call(method, path, body) {
      const isForm = body instanceof FormData;
      const init: RequestInit = {
        method,
        headers: isForm || body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        body: isForm ? body : body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      };
      // undici's Agent is the dispatcher fetch takes; the typings come from two package versions.
      if (dispatcher) (init as { dispatcher?: unknown }).dispatcher = dispatcher;
      try {
        const response = await fetch(`${base}${path}`, init);
        const text = await response.text();
        return { status: response.status, statusText: response.statusText, body: parseBody(text) };
      } catch (error) {
        throw unreachable(where, `${method} ${path}`, error, scrub);
      }
    },
    expect(reply, what, ok = [200]) {
      if (!ok.includes(reply.status)) throw refusal(where, what, reply, space, scrub);
    },
    close: async () => dispatcher?.close(),
  };
}

function urlAuth(url: URL): KibanaAuth {
  return { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
}

function authorization(auth: KibanaAuth): string {
  if ('apiKey' in auth) return `ApiKey ${auth.apiKey}`;
  if ('bearer' in auth) return `Bearer ${auth.bearer}`;
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
}

/** A dedicated connection pool only when TLS settings differ from Node's defaults. */
async function tlsDispatcher(options: KibanaConnection): Promise<Agent | undefined> {
  const verify = options.tlsVerify ?? true;
  if (!options.caFile && verify) return undefined;
  let ca: string | undefined;
  if (options.caFile) {
    try {
      ca = await readFile(options.caFile, 'utf8');
    } catch (error) {
      throw new KibanaSetupError(`cannot read the Kibana CA file ${options.caFile}: ${(error as Error).message}`);
    }
  }
  return new Agent({ connect: { ca, rejectUnauthorized: verify } });
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function unreachable(where: string, what: string, error: unknown, scrub: (t: string) => string): KibanaSetupError {
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return new KibanaSetupError(`Kibana at ${where} did not answer ${what} in time`);
  const code = err.cause?.code ?? '';
  const reason = scrub(err.cause?.message ?? err.message);
  const tls = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)
    ? "; give the CA file of Kibana's certificate (or, in a lab only, turn TLS verification off)"
    : '';
  return new KibanaSetupError(`Kibana at ${where} is unreachable for ${what}: ${code ? `${code} ` : ''}${reason}${tls}`);
}

function refusal(
  where: string,
  what: string,
  reply: KibanaReply,
  space: string | undefined,
  scrub: (t: string) => string,
): KibanaSetupError {
  const { status } = reply;
  const message = (reply.body as { message?: unknown } | undefined)?.message;
  const raw = typeof message === 'string' ? message : typeof reply.body === 'string' ? reply.body : '';
  const detail = raw ? `: ${scrub(raw).slice(0, 300)}` : '';
  const hint =
    status === 401 ? 'check the username and password, API key or token'
    : status === 403 ? 'the user needs the kibana_admin role (or All on Saved Objects Management, Data View Management and Dashboard) in the space'
    : status === 404 ? (space ? `does the space "${space}" exist?` : 'is this the Kibana base URL, including any server.basePath?')
    : status >= 500 ? 'Kibana or its Elasticsearch is failing; retry when it is healthy'
    : '';
  const verb = status >= 500 ? 'failed on' : 'refused';
  const code = `${status}${reply.statusText ? ` ${reply.statusText}` : ''}`;
  return new KibanaSetupError(`Kibana at ${where} ${verb} ${what} (${code})${detail}${hint ? `; ${hint}` : ''}`, status);
}

/**
 * The shape of one configuration option in the schema, and the types derived from it. Defaults
 * are written the way a user would write them ('30s', '5MiB') and go through the same parser as
 * user input, so the schema cannot hold a default its own validation would reject.
 */

/** A flag that takes a value (`--es-url URL`), or one that sets a fixed value (`--gzip`). */
export type OptionFlag = string | { readonly flag: string; readonly sets: boolean };

interface Common {
  /** One line for --help and the documented config file. */
  readonly doc: string;
  /** Dedicated environment variables, after the generic MSGTRACK_<KEY> one (checked first). */
  readonly env?: readonly string[];
  readonly flags?: readonly OptionFlag[];
}

export interface StringOption extends Common {
  readonly type: 'string';
  readonly default: string | undefined;
  /** What is allowed, for error messages ("an IPv4 address"); the value must pass `valid`. */
  readonly expect?: string;
  readonly valid?: (value: string) => boolean;
}
export interface IntOption extends Common {
  readonly type: 'int';
  readonly default: number | undefined;
  readonly min: number;
  readonly max: number;
}
export interface NumberOption extends Common {
  readonly type: 'number';
  readonly default: number;
  /** Exclusive lower bound: the value must be greater than this. */
  readonly above: number;
  readonly max: number;
}
export interface BooleanOption extends Common {
  readonly type: 'boolean';
  readonly default: boolean;
}
/** Parsed to milliseconds. */
export interface DurationOption extends Common {
  readonly type: 'duration';
  readonly default: string | undefined;
  readonly min: string;
  readonly max: string;
}
/** Parsed to bytes. */
export interface BytesOption extends Common {
  readonly type: 'bytes';
  readonly default: string;
  readonly min: string;
  readonly max: string;
}
export interface EnumOption extends Common {
  readonly type: 'enum';
  readonly default: string;
  readonly values: readonly string[];
}
export interface UrlOption extends Common {
  readonly type: 'url';
  readonly default: string | undefined;
}
export interface UrlListOption extends Common {
  readonly type: 'urls';
  readonly default: readonly string[];
}
/** Resolved to an absolute path against the working directory. */
export interface PathOption extends Common {
  readonly type: 'path';
  readonly default: string | undefined;
}
/** An instant in ISO 8601 with an explicit zone (or a bare date, UTC); parsed to epoch ms. */
export interface TimeOption extends Common {
  readonly type: 'time';
  readonly default: undefined;
}
/**
 * Taken only from the environment or from the file named by the `file` option, never from the
 * config file or a flag (flags show in `ps`, config files get committed).
 */
export interface SecretOption extends Common {
  readonly type: 'secret';
  readonly default: undefined;
  readonly file: string;
}

export type OptionSpec =
  | StringOption
  | IntOption
  | NumberOption
  | BooleanOption
  | DurationOption
  | BytesOption
  | EnumOption
  | UrlOption
  | UrlListOption
  | PathOption
  | TimeOption
  | SecretOption;

/** The TypeScript type of an option's parsed value. */
export type ValueOf<O> = O extends { readonly type: 'enum'; readonly values: readonly (infer V)[] }
  ? V
  : O extends { readonly type: 'int' | 'number' | 'duration' | 'bytes' | 'time' }
    ? O extends { readonly default: undefined }
      ? number | undefined
      : number
    : O extends { readonly type: 'boolean' }
      ? boolean
      : O extends { readonly type: 'urls' }
        ? readonly string[]
        : O extends { readonly default: string }
          ? string
          : string | undefined;

/** A raw value for one key from one source, before parsing. `origin` names the source for errors. */
export interface Setting {
  readonly key: string;
  readonly raw: unknown;
  readonly origin: string;
}

/** `pipeline.concurrency` → `MSGTRACK_PIPELINE_CONCURRENCY`. */
export function genericEnvName(key: string): string {
  return `MSGTRACK_${key.replace(/\./g, '_').toUpperCase()}`;
}

/** Every environment variable of an option, in the order they are consulted. */
export function envNames(key: string, spec: OptionSpec): string[] {
  return [genericEnvName(key), ...(spec.env ?? [])];
}

export function flagName(flag: OptionFlag): string {
  return typeof flag === 'string' ? flag : flag.flag;
}

/** The refusal of a secret written where secrets may not be (config file, flag). */
export function secretRefusal(key: string, spec: SecretOption, where: string): string {
  const env = spec.env?.[0] ?? genericEnvName(key);
  return `'${key}' cannot be set in ${where}; set the ${env} environment variable or '${spec.file}'`;
}

import { didYouMean } from './closest-match.js';
import { ConfigError } from './errors.js';

export interface FlagDef {
  readonly takesValue: boolean;
  /** What the value must be, for the "needs a value" message ("an integer between 1 and 64"). */
  readonly expects?: string;
}

export interface ScannedFlag {
  readonly name: string;
  /** undefined for a flag that takes no value. */
  readonly value: string | undefined;
}

/**
 * Splits arguments into flags by a table of known flags: `--name value`, `--name=value`, or a
 * bare `--name` for flags without a value. A value may start with a single '-' (`--eps -1` is then
 * refused by the value check, not mistaken for a flag) but not with '--'. Positional arguments,
 * unknown flags and missing values are ConfigErrors; `usage` names the command in them.
 */
export function scanArgv(argv: readonly string[], flags: ReadonlyMap<string, FlagDef>, usage: string): ScannedFlag[] {
  const scanned: ScannedFlag[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    const name = eq < 0 ? token : token.slice(0, eq);
    const def = flags.get(name);
    if (def === undefined) {
      if (!token.startsWith('-') || token === '--') throw new ConfigError(`unexpected argument '${token}' for ${usage}`, token);
      throw new ConfigError(`unknown flag '${name}' for ${usage}${didYouMean(name, flags.keys())}`, name);
    }
    if (!def.takesValue) {
      if (eq >= 0) throw new ConfigError(`flag '${name}' takes no value`, name);
      scanned.push({ name, value: undefined });
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = token.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
    if (value === undefined || value === '') {
      throw new ConfigError(`flag '${name}' needs a value${def.expects ? ` (${def.expects})` : ''}`, name);
    }
    scanned.push({ name, value });
  }
  return scanned;
}

import { didYouMean } from './closest-match.js';
import { ConfigError } from './errors.js';
import { flagName, secretRefusal, type OptionSpec, type Setting } from './option-spec.js';
import { describeExpected } from './parse-value.js';
import { scanArgv, type FlagDef } from './scan-argv.js';
import { CONFIG_KEYS, SCHEMA, type ConfigKey } from './schema.js';

export interface ConfigFlagDef extends FlagDef {
  /** The option the flag sets; absent for --set and --config. */
  readonly key?: ConfigKey;
  /** The value a flag without argument sets (`--gzip` → true). */
  readonly sets?: boolean;
}

function buildFlagTable(): ReadonlyMap<string, ConfigFlagDef> {
  const table = new Map<string, ConfigFlagDef>([
    ['--config', { takesValue: true, expects: 'a YAML file' }],
    ['--set', { takesValue: true, expects: 'key=value' }],
  ]);
  for (const key of CONFIG_KEYS) {
    const spec: OptionSpec = SCHEMA[key];
    for (const flag of spec.flags ?? []) {
      table.set(
        flagName(flag),
        typeof flag === 'string'
          ? { key, takesValue: true, expects: describeExpected(spec) }
          : { key, takesValue: false, sets: flag.sets },
      );
    }
  }
  return table;
}

/** Every flag that sets configuration, shared with the command-line parser. */
export const CONFIG_FLAGS = buildFlagTable();

export interface FlagSettings {
  readonly settings: Setting[];
  /** The --config file, as given. */
  readonly configFile: string | undefined;
}

/**
 * The configuration set by flags: dedicated flags, `--set key=value` for any key, and
 * `--config FILE`. A repeated list flag (`--es-url A --es-url B`) accumulates; any other repeated
 * flag keeps its last value.
 */
export function readFlagSettings(argv: readonly string[], usage = 'msgtrack'): FlagSettings {
  const settings = new Map<string, Setting>();
  let configFile: string | undefined;
  for (const { name, value } of scanArgv(argv, CONFIG_FLAGS, usage)) {
    if (name === '--config') {
      configFile = value;
      continue;
    }
    if (name === '--set') {
      const eq = value!.indexOf('=');
      if (eq <= 0) throw new ConfigError(`flag '--set' needs key=value, got '${value!.slice(0, 60)}'`, '--set');
      const key = value!.slice(0, eq).trim();
      if (!(key in SCHEMA)) throw new ConfigError(`unknown key '${key}' (flag --set)${didYouMean(key, CONFIG_KEYS)}`, key);
      const spec = SCHEMA[key as ConfigKey];
      if (spec.type === 'secret') throw new ConfigError(secretRefusal(key, spec, 'a flag'), key);
      settings.set(key, { key, raw: value!.slice(eq + 1), origin: 'flag --set' });
      continue;
    }
    const def = CONFIG_FLAGS.get(name)!;
    const key = def.key!;
    const previous = settings.get(key);
    const raw =
      def.sets !== undefined
        ? def.sets
        : SCHEMA[key].type === 'urls' && previous?.origin === `flag ${name}`
          ? `${String(previous.raw)},${value}`
          : value;
    settings.set(key, { key, raw, origin: `flag ${name}` });
  }
  return { settings: [...settings.values()], configFile };
}

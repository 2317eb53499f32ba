import { didYouMean } from '../config/closest-match.js';
import { ConfigError } from '../config/errors.js';
import { describeExpected, parseValue } from '../config/parse-value.js';
import { CONFIG_FLAGS } from '../config/read-flags.js';
import { scanArgv, type FlagDef } from '../config/scan-argv.js';
import type { CommandArgs } from './command-args.js';
import { COMMAND_NAMES, COMMANDS, type CommandFlag, type CommandName } from './commands.js';

export type ParsedCommandLine =
  | { readonly kind: 'help'; readonly command?: CommandName }
  | { readonly kind: 'version' }
  | {
      readonly kind: 'command';
      readonly command: CommandName;
      readonly args: CommandArgs;
      /** The configuration flags, normalised to `--name` / `--name=value`, for loadConfig. */
      readonly configArgv: readonly string[];
    };

const HELP = new Set(['--help', '-h', 'help']);
const VERSION = new Set(['--version', '-V']);

function commandName(word: string | undefined): CommandName {
  if (word === undefined || word.startsWith('-')) {
    const what = word === undefined ? 'missing command' : `unknown flag '${word}' before the command`;
    throw new ConfigError(`${what}; expected one of ${COMMAND_NAMES.join(', ')} (see msgtrack --help)`, word);
  }
  if (!(word in COMMANDS)) {
    const hint = didYouMean(word, COMMAND_NAMES) || `; expected one of ${COMMAND_NAMES.join(', ')}`;
    throw new ConfigError(`unknown command '${word}'${hint}`, word);
  }
  return word as CommandName;
}

/**
 * Splits `msgtrack <command> [flags]` into the command, its own flags (parsed and checked) and the
 * configuration flags, which are left to loadConfig. Every flag is known here, so an unknown one
 * or a missing value fails before anything starts.
 */
export function parseCommandLine(argv: readonly string[], cwd: string): ParsedCommandLine {
  const [first, ...rest] = argv;
  if (first !== undefined && VERSION.has(first)) return { kind: 'version' };
  if (first !== undefined && HELP.has(first)) {
    return rest[0] === undefined ? { kind: 'help' } : { kind: 'help', command: commandName(rest[0]) };
  }
  const command = commandName(first);
  if (rest.includes('--help') || rest.includes('-h')) return { kind: 'help', command };

  const def = COMMANDS[command];
  const own = new Map<string, CommandFlag>(def.flags.map((flag: CommandFlag) => [flag.flag, flag]));
  const table = new Map<string, FlagDef>(CONFIG_FLAGS);
  for (const flag of own.values()) table.set(flag.flag, { takesValue: true, expects: describeExpected(flag.spec) });

  const args: Record<string, unknown> = {};
  const configArgv: string[] = [];
  for (const { name, value } of scanArgv(rest, table, `msgtrack ${command}`)) {
    const flag = own.get(name);
    if (flag === undefined) configArgv.push(value === undefined ? name : `${name}=${value}`);
    else args[flag.field] = parseValue(name, flag.spec, value, `flag ${name}`, cwd);
  }
  for (const flag of own.values()) {
    if (args[flag.field] === undefined && flag.spec.default !== undefined) {
      args[flag.field] = parseValue(flag.flag, flag.spec, flag.spec.default, 'default', cwd);
    }
  }
  def.check(args as CommandArgs);
  return { kind: 'command', command, args: args as CommandArgs, configArgv };
}

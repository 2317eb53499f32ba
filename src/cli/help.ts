import { DEFAULT_CONFIG_FILE } from '../config/load.js';
import { envNames, flagName, type OptionSpec } from '../config/option-spec.js';
import { describeExpected, formatDefault } from '../config/parse-value.js';
import { CONFIG_KEYS, SCHEMA } from '../config/schema.js';
import { COMMAND_NAMES, COMMANDS, type CommandFlag, type CommandName } from './commands.js';

const PLACEHOLDER: Readonly<Record<OptionSpec['type'], string>> = {
  string: 'TEXT',
  int: 'N',
  number: 'N',
  boolean: 'BOOL',
  duration: 'DURATION',
  bytes: 'SIZE',
  enum: 'NAME',
  url: 'URL',
  urls: 'URL',
  path: 'FILE',
  time: 'ISO',
  secret: 'TEXT',
};

function commandFlagLines(flag: CommandFlag): string[] {
  const placeholder = flag.spec.type === 'enum' ? flag.spec.values.join('|') : PLACEHOLDER[flag.spec.type];
  const fallback = formatDefault(flag.spec);
  return [
    `  ${flag.flag} ${placeholder}`,
    `      ${flag.spec.doc}${fallback === undefined ? '' : ` Default: ${fallback}.`}`,
  ];
}

/** Two lines per option: key, flags and default; then doc, allowed values and environment. */
function optionLines(key: string, spec: OptionSpec): string[] {
  const flags = (spec.flags ?? []).map((flag) =>
    typeof flag === 'string' ? `${flag} ${PLACEHOLDER[spec.type]}` : flagName(flag),
  );
  const fallback = formatDefault(spec);
  const head = [key, ...flags].join(', ') + (fallback === undefined ? '' : `  [default ${fallback}]`);
  const source = spec.type === 'secret' ? `Only from the environment or '${spec.file}'` : `Must be ${describeExpected(spec)}`;
  return [`  ${head}`, `      ${spec.doc} ${source}. Env: ${envNames(key, spec).join(', ')}.`];
}

function overview(): string {
  const width = Math.max(...COMMAND_NAMES.map((name) => name.length));
  return [
    'msgtrack: simulates the mail flow of an Exchange 2019 organisation and ships its message',
    'tracking events to Elasticsearch.',
    '',
    'Usage: msgtrack <command> [flags]',
    '',
    'Commands:',
    ...COMMAND_NAMES.map((name) => `  ${name.padEnd(width)}  ${COMMANDS[name].summary}`),
    '',
    'Run msgtrack <command> --help for its flags and configuration. msgtrack --version prints the version.',
    '',
  ].join('\n');
}

/** --help text, generated from the command table and the configuration schema. */
export function renderHelp(command?: CommandName): string {
  if (command === undefined) return overview();
  const def = COMMANDS[command];
  const lines = [`msgtrack ${command}: ${def.summary}`, '', `Usage: ${def.usage}`, ''];
  if (def.flags.length > 0) lines.push('Flags:', ...def.flags.flatMap(commandFlagLines), '');
  lines.push(
    'Configuration: defaults < YAML file < environment < flags.',
    `  --config FILE`,
    `      YAML file (else $MSGTRACK_CONFIG, else ./${DEFAULT_CONFIG_FILE} when present). Relative paths resolve against the working directory.`,
    '  --set KEY=VALUE',
    '      Set any key below (repeatable). Secrets only from the environment or *_file keys.',
  );
  const sections = new Set<string>(def.sections);
  for (const key of CONFIG_KEYS) {
    const dot = key.indexOf('.');
    if (sections.has(dot < 0 ? '' : key.slice(0, dot))) lines.push(...optionLines(key, SCHEMA[key]));
  }
  return `${lines.join('\n')}\n`;
}

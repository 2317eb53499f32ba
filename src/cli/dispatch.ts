import { fileURLToPath } from 'node:url';
import { ConfigError } from '../config/errors.js';
import { loadConfig } from '../config/load.js';
import type { Environment } from '../config/read-env.js';
import type { CommandModule } from './command-args.js';
import type { CommandName } from './commands.js';
import { applyHeapPolicy, heapProfileOf } from './heap-policy.js';
import { renderHelp } from './help.js';
import { parseCommandLine } from './parse-command-line.js';
import { packageVersion } from './version.js';

/** Exit statuses: 0 done, 1 failed while running, 2 bad input (config, flags). */
const FAILED = 1;
const BAD_INPUT = 2;

/**
 * Commands load lazily, so `msgtrack generate` does not pay for the Elasticsearch client, and a
 * command whose module is missing from the build says so instead of breaking every command.
 */
async function loadCommand(name: CommandName): Promise<CommandModule | string> {
  const url = new URL(`./${name}.js`, import.meta.url);
  try {
    return (await import(url.href)) as CommandModule;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ERR_MODULE_NOT_FOUND' && message.includes(fileURLToPath(url))) {
      return `command '${name}' is not available in this build (${fileURLToPath(url)} is missing)`;
    }
    throw error;
  }
}

/** Runs one command line; resolves to the exit status. Bad input is one stderr line, no stack. */
export async function dispatch(argv: readonly string[], env: Environment, cwd: string): Promise<number> {
  try {
    const parsed = parseCommandLine(argv, cwd);
    if (parsed.kind === 'version') {
      process.stdout.write(`msgtrack ${packageVersion()}\n`);
      return 0;
    }
    if (parsed.kind === 'help') {
      process.stdout.write(renderHelp(parsed.command));
      return 0;
    }
    const config = loadConfig({ argv: parsed.configArgv, env, cwd, usage: `msgtrack ${parsed.command}` });
    // Before the command's modules load and allocate (see heap-policy.ts).
    applyHeapPolicy(heapProfileOf(parsed.command), process.execArgv, env.NODE_OPTIONS);
    const command = await loadCommand(parsed.command);
    if (typeof command === 'string') {
      process.stderr.write(`msgtrack: ${command}\n`);
      return FAILED;
    }
    return await command.main(config, parsed.args);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`msgtrack: ${error.message}\n`);
      return BAD_INPUT;
    }
    // Not bad input but a fault: keep the stack, someone will need it.
    process.stderr.write(`msgtrack: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return FAILED;
  }
}

import type { Config } from '../config/schema.js';

/**
 * The command-specific flags, parsed and checked by the CLI (times in epoch ms, durations in ms,
 * paths absolute). Each command reads only its own fields; see COMMANDS in commands.ts.
 */
export interface CommandArgs {
  /** generate --count: exactly this many events. */
  readonly count?: number;
  /** generate/backfill --from/--to: the simulated span [from, to). Set together, to > from. */
  readonly from?: number;
  readonly to?: number;
  /** generate --start: the simulated start instant; absent means now (never set with from). */
  readonly start?: number;
  /** generate --format (default ecs). */
  readonly format?: 'ecs' | 'csv';
  /** generate --output FILE; absent means stdout. */
  readonly outputFile?: string;
  /** run --output (default elasticsearch). */
  readonly outputKind?: 'elasticsearch' | 'exchange-log';
  /** run --lookback: backfill this much history first. */
  readonly lookback?: number;
  /** run --duration: stop after this long; absent means until signalled. */
  readonly duration?: number;
}

/** What every module src/cli/<command>.ts exports; resolves to the exit status. */
export interface CommandModule {
  main(config: Config, args: CommandArgs): Promise<number>;
}

import type { Config } from '../config/schema.js';
import type { CommandArgs } from './command-args.js';
import { ship } from './shipper.js';

/** msgtrack run: the daemon. Backfills --lookback, then follows the wall clock. */
export async function main(config: Config, args: CommandArgs): Promise<number> {
  return ship(config, { kind: 'live', lookbackMs: args.lookback ?? 0, durationMs: args.duration }, args.outputKind ?? 'elasticsearch');
}

import type { Config } from '../config/schema.js';
import type { CommandArgs } from './command-args.js';
import { ship } from './shipper.js';

/** msgtrack backfill: every event of [--from, --to), as fast as the cluster takes them. */
export async function main(config: Config, args: CommandArgs): Promise<number> {
  // commands.ts guarantees both are set for backfill.
  return ship(config, { kind: 'span', from: args.from!, to: args.to! }, 'elasticsearch');
}

import type { Config } from '../config/schema.js';
import type { SimulationSettings } from '../sim/settings.js';

/** The simulation's settings from the configuration, for every command that simulates. */
export function simulationSettings(config: Config, start: number): SimulationSettings {
  return {
    seed: config.seed,
    start,
    eps: config.eps,
    profile: config.profile,
    steadyStart: config.steady_start,
    org: {
      hostname: config.hostname,
      domain: config.domain,
      serverIp: config.server_ip,
      dagName: config.dag_name,
      servers: config.servers,
      users: config.users,
      groups: config.groups,
      externalDomains: config.external_domains,
    },
  };
}

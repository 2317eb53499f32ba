import type { ProfileName } from './traffic-profile.js';

/** The organisation being simulated; every field is visible in the output (see issue 2). */
export interface OrgSettings {
  /** First mailbox server, default 'EXCH01' (others derived: EXCH02, ...). */
  hostname: string;
  /** 'contoso.com' */
  domain: string;
  /** First server's IP '10.0.1.10' (others: next addresses). */
  serverIp: string;
  /** 'DAG01' */
  dagName: string;
  /** Mailbox servers in the DAG, default 4 (1..16). */
  servers: number;
  /** Default 300. */
  users: number;
  /** Distribution groups, default 20. */
  groups: number;
  /** Recurring external correspondent domains, default 40. */
  externalDomains: number;
}

export interface SimulationSettings {
  seed: string;
  /** Epoch ms: the simulated instant the stream starts at. */
  start: number;
  /** Mean events per simulated second over the profile's period. */
  eps: number;
  profile: ProfileName;
  org: OrgSettings;
  /** Begin with the mail in flight at `start` (true), or with an empty organisation (false). */
  steadyStart: boolean;
}

export const DEFAULT_ORG: Readonly<OrgSettings> = Object.freeze({
  hostname: 'EXCH01',
  domain: 'contoso.com',
  serverIp: '10.0.1.10',
  dagName: 'DAG01',
  servers: 4,
  users: 300,
  groups: 20,
  externalDomains: 40,
});

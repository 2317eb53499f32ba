import { guid } from '../ids.js';
import type { Rng } from '../rng.js';
import type { OrgSettings } from '../settings.js';

/**
 * The DAG: `servers` mailbox servers named from `hostname` (EXCH01 → EXCH02, ...), addressed from
 * `serverIp` upwards, each the active copy of a few mailbox databases. Every string a log line
 * needs about a server (FQDN, receive connectors) is built here once.
 */
export interface Server {
  readonly index: number;
  readonly name: string;
  readonly fqdn: string;
  readonly ip: string;
  /** `EXCH01\Default EXCH01`: the backend transport receive connector (port 2525). */
  readonly defaultConnector: string;
  /** `EXCH01\Default Frontend EXCH01`: the Internet-facing front end receive connector. */
  readonly frontendConnector: string;
  /** Indexes of the databases whose active copy is on this server. */
  readonly databases: readonly number[];
}

export interface Database {
  readonly index: number;
  readonly name: string;
  readonly guid: string;
  readonly server: number;
  /** custom-data of a DELIVER into this database. */
  readonly deliverCustomData: string;
}

export interface Topology {
  readonly dagName: string;
  readonly domain: string;
  readonly servers: readonly Server[];
  readonly databases: readonly Database[];
}

/** Mailboxes per database a lab-sized organisation is given (about 25; at least one per server). */
const USERS_PER_DATABASE = 25;
const MAX_DATABASES_PER_SERVER = 8;

/** EXCH01 → EXCH03 for i = 2: the trailing number counts up with its width kept. */
export function serverName(first: string, i: number): string {
  if (i === 0) return first;
  let end = first.length;
  while (end > 0 && first.charCodeAt(end - 1) >= 48 && first.charCodeAt(end - 1) <= 57) end--;
  if (end === first.length) return first + String(i + 1);
  const digits = first.slice(end);
  return first.slice(0, end) + String(Number(digits) + i).padStart(digits.length, '0');
}

/** The i-th address after `first` (10.0.1.10 → 10.0.1.12 for i = 2). */
export function nthAddress(first: string, i: number): string {
  const [a, b, c, d] = first.split('.').map(Number);
  const v = ((((a << 24) | (b << 16) | (c << 8) | d) >>> 0) + i) >>> 0;
  return (v >>> 24) + '.' + ((v >>> 16) & 255) + '.' + ((v >>> 8) & 255) + '.' + (v & 255);
}

export function buildTopology(org: OrgSettings, rng: Rng): Topology {
  const perServer = Math.min(
    MAX_DATABASES_PER_SERVER,
    Math.max(1, Math.round(org.users / (org.servers * USERS_PER_DATABASE))),
  );
  const databases: Database[] = [];
  const serverDbs: number[][] = Array.from({ length: org.servers }, () => []);
  // DB01 on the first server, DB02 on the second, ...: active copies spread round-robin.
  for (let i = 0; i < perServer * org.servers; i++) {
    const name = 'DB' + String(i + 1).padStart(2, '0');
    const server = i % org.servers;
    databases.push({
      index: i,
      name,
      guid: guid(rng),
      server,
      deliverCustomData: 'S:DatabaseName=' + name + ';S:DeliveryPriority=Normal;S:AccountForest=' + org.domain,
    });
    serverDbs[server].push(i);
  }
  const servers: Server[] = [];
  for (let i = 0; i < org.servers; i++) {
    const name = serverName(org.hostname, i);
    servers.push({
      index: i,
      name,
      fqdn: name + '.' + org.domain,
      ip: nthAddress(org.serverIp, i),
      defaultConnector: name + '\\Default ' + name,
      frontendConnector: name + '\\Default Frontend ' + name,
      databases: serverDbs[i],
    });
  }
  return { dagName: org.dagName, domain: org.domain, servers, databases };
}

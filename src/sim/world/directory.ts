import { cumulate, pickCumulative, type Rng } from '../rng.js';
import { guid } from '../ids.js';
import type { OrgSettings } from '../settings.js';
import type { Topology } from './topology.js';
import { COUNTRIES, addressIn, type Country } from './geo.js';
import {
  COMPANY_ROOTS,
  COMPANY_SUFFIXES,
  DEPARTMENTS,
  FIRST_NAMES,
  GROUP_NAMES,
  LAST_NAMES,
  SERVICE_MAILBOXES,
} from './names.js';

/**
 * The organisation's directory, built once from the seed and the settings: people (first.last,
 * department, mailbox database), service mailboxes, distribution groups with real member lists,
 * and the recurring external correspondents. Departments live mostly on one server, as admins
 * place a site's or team's mailboxes together; this is also what keeps most internal mail on few
 * servers (and the SEND share of §2 reachable).
 */
export interface Mailbox {
  readonly index: number;
  readonly address: string;
  /** A secondary proxy address (jsmith@...) that the categorizer RESOLVEs to `address`. */
  readonly alias: string | undefined;
  /** Index into DEPARTMENTS; -1 for service mailboxes. */
  readonly department: number;
  readonly database: number;
  readonly server: number;
  readonly mailboxGuid: string;
  /** Sort key grouping recipients by server, then database. */
  readonly routeKey: number;
  /**
   * Mailbox index of the ForwardingAddress (REDIRECT), or -1. Set on the mailboxes of people who
   * left: kept for a while, forwarded to a colleague, removed from groups, sending nothing.
   */
  readonly forwardTo: number;
}

export interface Group {
  readonly address: string;
  readonly members: readonly number[];
  /** Primary addresses of the members, in `members` order (the EXPAND line lists them). */
  readonly memberAddresses: readonly string[];
}

export interface ExternalDomain {
  readonly name: string;
  readonly country: Country;
  readonly mxHost: string;
  readonly mxIps: readonly string[];
  readonly people: readonly string[];
  /** On the organisation's allow list: its mail skips content filtering (SCL -1). */
  readonly trusted: boolean;
}

export interface Directory {
  /** People first (indexes 0..people-1), then service mailboxes. */
  readonly mailboxes: readonly Mailbox[];
  readonly people: number;
  readonly services: readonly number[];
  readonly groups: readonly Group[];
  /** People of each department. */
  readonly departmentMembers: readonly (readonly number[])[];
  /** Group of each department, or -1. */
  readonly departmentGroup: readonly number[];
  /** Cumulative send activity over people: a few send much of the mail. */
  readonly senderActivity: Float64Array;
  readonly externals: readonly ExternalDomain[];
  readonly externalActivity: Float64Array;
}

/** Share of people who left and whose mail is forwarded to a colleague (REDIRECT). */
const DEPARTED_SHARE = 0.015;
/** Share of people housed outside their department's server. */
const STRAY_SHARE = 0.12;
/** Share of the most active correspondent domains that are on the allow list. */
const TRUSTED_SHARE = 0.15;
const DEPARTMENT_GROUP_CAP = 25;

export function buildDirectory(org: OrgSettings, topology: Topology, rng: Rng): Directory {
  const servers = topology.servers;
  const deptCumulative = cumulate(DEPARTMENTS.map((d) => d.weight));
  const taken = new Set<string>();
  const mailboxes: Mailbox[] = [];
  const departmentMembers: number[][] = DEPARTMENTS.map(() => []);

  const place = (department: number): { server: number; database: number } => {
    const home = department < 0 ? rng.int(servers.length) : department % servers.length;
    const server = rng.chance(STRAY_SHARE) ? rng.int(servers.length) : home;
    const dbs = servers[server].databases;
    return { server, database: dbs[rng.int(dbs.length)] };
  };
  const add = (local: string, alias: string | undefined, department: number, forwardTo: number): Mailbox => {
    const { server, database } = place(department);
    const mailbox: Mailbox = {
      index: mailboxes.length,
      address: local + '@' + org.domain,
      alias: alias === undefined ? undefined : alias + '@' + org.domain,
      department,
      database,
      server,
      mailboxGuid: guid(rng),
      routeKey: server * 1024 + database,
      forwardTo,
    };
    mailboxes.push(mailbox);
    return mailbox;
  };

  for (let i = 0; i < org.users; i++) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    let local = first + '.' + last;
    for (let n = 2; taken.has(local); n++) local = first + '.' + last + n;
    taken.add(local);
    const short = first.charAt(0) + last;
    // Everyone gets the short proxy address (jsmith@) unless someone already holds it.
    const alias = taken.has(short) ? undefined : short;
    if (alias !== undefined) taken.add(alias);
    const department = pickCumulative(rng, deptCumulative);
    departmentMembers[department].push(add(local, alias, department, -1).index);
  }
  const people = mailboxes.length;
  const departed = markDeparted(mailboxes, departmentMembers, rng);
  const services = SERVICE_MAILBOXES.map((name) => add(name, undefined, -1, -1).index);

  // Activity skew: Zipf-like weights over a random ranking of the people.
  const ranks = Array.from({ length: people }, (_, i) => i);
  for (let i = people - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [ranks[i], ranks[j]] = [ranks[j], ranks[i]];
  }
  const activity = new Array<number>(people);
  for (let r = 0; r < people; r++) activity[ranks[r]] = departed.has(ranks[r]) ? 0 : 1 / (r + 5);

  const { groups, departmentGroup } = buildGroups(org, departmentMembers, mailboxes, departed, rng);
  const externals = buildExternals(org, rng);
  return {
    mailboxes,
    people,
    services,
    groups,
    departmentMembers,
    departmentGroup,
    senderActivity: cumulate(activity),
    externals,
    externalActivity: cumulate(externals.map((_, i) => 1 / Math.pow(i + 1, 0.9))),
  };
}

function buildGroups(
  org: OrgSettings,
  departmentMembers: readonly (readonly number[])[],
  mailboxes: readonly Mailbox[],
  departed: ReadonlySet<number>,
  rng: Rng,
): { groups: Group[]; departmentGroup: number[] } {
  const groups: Group[] = [];
  const departmentGroup = DEPARTMENTS.map(() => -1);
  const people = departmentMembers.reduce((n, m) => n + m.length, 0);
  for (let d = 0; d < DEPARTMENTS.length && groups.length < org.groups; d++) {
    const name = DEPARTMENTS[d].name.toLowerCase();
    const members = departmentMembers[d].filter((m) => !departed.has(m)).slice(0, DEPARTMENT_GROUP_CAP);
    if (members.length === 0) continue;
    departmentGroup[d] = groups.length;
    groups.push(group(name + '@' + org.domain, members, mailboxes));
  }
  for (let g = 0; groups.length < org.groups && people > 0; g++) {
    const base = GROUP_NAMES[g % GROUP_NAMES.length];
    const round = Math.floor(g / GROUP_NAMES.length);
    const name = round === 0 ? base : base + '-' + (round + 1);
    const size = Math.min(people - departed.size, rng.between(3, 12));
    const members = new Set<number>();
    while (members.size < size) {
      const m = rng.int(people);
      if (!departed.has(m)) members.add(m);
    }
    groups.push(group(name + '@' + org.domain, [...members].sort((a, b) => a - b), mailboxes));
  }
  return { groups, departmentGroup };
}

/**
 * Picks the people who left (a fixed share, so the REDIRECT rate does not swing with the seed)
 * and points each mailbox's forwarding at a remaining colleague of the same department.
 */
function markDeparted(mailboxes: Mailbox[], departmentMembers: readonly (readonly number[])[], rng: Rng): Set<number> {
  const departed = new Set<number>();
  const deputies = new Set<number>();
  const wanted = Math.round(mailboxes.length * DEPARTED_SHARE);
  for (let tries = 0; departed.size < wanted && tries < wanted * 20; tries++) {
    const who = rng.int(mailboxes.length);
    if (departed.has(who) || deputies.has(who)) continue;
    const colleagues = departmentMembers[mailboxes[who].department].filter((m) => m !== who && !departed.has(m));
    if (colleagues.length === 0) continue;
    const deputy = rng.pick(colleagues);
    departed.add(who);
    deputies.add(deputy);
    mailboxes[who] = { ...mailboxes[who], forwardTo: deputy };
  }
  return departed;
}

function group(address: string, members: number[], mailboxes: readonly Mailbox[]): Group {
  return { address, members, memberAddresses: members.map((m) => mailboxes[m].address) };
}

function buildExternals(org: OrgSettings, rng: Rng): ExternalDomain[] {
  const countryCumulative = cumulate(COUNTRIES.map((c) => c.businessWeight));
  const out: ExternalDomain[] = [];
  const trusted = Math.max(1, Math.round(org.externalDomains * TRUSTED_SHARE));
  for (let i = 0; i < org.externalDomains; i++) {
    const root = COMPANY_ROOTS[i % COMPANY_ROOTS.length];
    const round = Math.floor(i / COMPANY_ROOTS.length);
    const stem = round === 0 ? root : root + '-' + COMPANY_SUFFIXES[(round - 1) % COMPANY_SUFFIXES.length] + (round > COMPANY_SUFFIXES.length ? round : '');
    const country = COUNTRIES[pickCumulative(rng, countryCumulative)];
    const name = stem + '.' + country.tld;
    const people: string[] = [];
    const count = rng.between(3, 8);
    for (let p = 0; p < count; p++) {
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      people.push((rng.chance(0.5) ? first + '.' + last : first.charAt(0) + '.' + last) + '@' + name);
    }
    out.push({
      name,
      country,
      mxHost: (rng.chance(0.5) ? 'mail.' : 'mx1.') + name,
      mxIps: [addressIn(rng, country), addressIn(rng, country)],
      people,
      trusted: i < trusted,
    });
  }
  return out;
}

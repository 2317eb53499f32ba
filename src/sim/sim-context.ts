import { EventHeap } from './event-heap.js';
import { guid, hex8Upper } from './ids.js';
import { ParkingLot } from './parking-lot.js';
import { Rng } from './rng.js';
import type { OrgSettings } from './settings.js';
import type { TrackingEvent } from './event.js';
import type { Resumable } from './message-track.js';
import { buildDirectory, type Directory } from './world/directory.js';
import { buildTopology, type Topology } from './world/topology.js';
import { originatingCustomData } from './content/verdicts.js';

/** A TrackingEvent while the simulation still fills it in (seq is set on emission). */
export type DraftEvent = { -readonly [K in keyof TrackingEvent]: TrackingEvent[K] };

/**
 * Everything a message flow needs: the world (built once), one RNG per concern, the heap of
 * pending events and the per-server counters. Strings that every message repeats are built here.
 */
export class SimContext {
  readonly topology: Topology;
  readonly directory: Directory;
  /** Message composition: kind, sender, recipients, category, size. */
  readonly content: Rng;
  /** Branches of a message's life: shadowing, defers, failures. */
  readonly fate: Rng;
  /** Latencies between hops. */
  readonly timing: Rng;
  /** GUIDs, Message-IDs, session ids. */
  readonly ids: Rng;
  /** Events made and not yet released (the flows' output, ordered across messages). */
  readonly events = new EventHeap<DraftEvent>();
  readonly discarded = {} as DraftEvent;
  /** Events made so far, discarded ones included. */
  eventsMade = 0;
  /** Suspended flows, keyed by the instant they resume at. */
  readonly flows = new EventHeap<Resumable>();
  /** Messages waiting minutes for a retry (their flows are handles into it). */
  readonly parked: ParkingLot;

  readonly originatingData: string;
  readonly originatingDataExternal: string;
  /** custom-data of intra-organisation hops (SEND to a DAG member, HAREDIRECT). */
  readonly intraOrgData: string;
  readonly accountForestData: string;
  /** custom-data of a SEND to the Internet. */
  readonly internetData: string;
  /** Exchange's system mailbox that sends DSNs. */
  readonly dsnSender: string;

  private readonly internalIds: number[];
  private readonly sessionHigh: string[];
  private readonly sessionLow: number[];
  private readonly mailboxEvents: number[];

  /**
   * `streams` names a separate set of content/fate/timing/ids draws over the same world (the
   * calibration pilot uses one, so the run it calibrates is not disturbed). Events before
   * `releaseFrom` are never made: a steady start simulates the lives in flight from before it,
   * and their earlier events are written into `discarded` instead, a scratch event that no one
   * reads (half the cost of making them).
   */
  constructor(seed: string, org: OrgSettings, streams = '', readonly releaseFrom = -Infinity) {
    const world = new Rng(seed, 'directory');
    this.topology = buildTopology(org, world);
    this.directory = buildDirectory(org, this.topology, world);
    this.parked = new ParkingLot(this.topology.servers);
    this.content = new Rng(seed, 'content' + streams);
    this.fate = new Rng(seed, 'fate' + streams);
    this.timing = new Rng(seed, 'timing' + streams);
    this.ids = new Rng(seed, 'ids' + streams);
    const ruleId = guid(world);
    this.originatingData = originatingCustomData(false, ruleId);
    this.originatingDataExternal = originatingCustomData(true, ruleId);
    this.accountForestData = 'S:DeliveryPriority=Normal;S:AccountForest=' + org.domain;
    this.intraOrgData = 'S:DeliveryGroup=' + org.dagName + ';' + this.accountForestData;
    this.internetData = 'S:ToEntity=Internet;' + this.accountForestData;
    this.dsnSender = 'MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@' + org.domain;
    // Internal message ids are large per-server counters in real logs (e.g. 70971234566456).
    this.internalIds = this.topology.servers.map(() => 10_000_000_000_000 + world.int(80_000_000_000_000));
    this.sessionHigh = this.topology.servers.map(() => hex8Upper(0x08d00000 + world.int(0xfffff)));
    this.sessionLow = this.topology.servers.map(() => world.uint32());
    this.mailboxEvents = this.topology.databases.map(() => 1_000_000 + world.int(90_000_000));
  }

  /** Next event number of a mailbox database's event history (the `Event:` of SUBMIT). */
  nextMailboxEvent(database: number): number {
    return (this.mailboxEvents[database] += 1 + this.ids.int(40));
  }

  /** Next internal-message-id on a server: monotonic per server. */
  nextInternalId(server: number): number {
    return ++this.internalIds[server];
  }

  /** Next SMTP session id on a server (16 hex digits, sequential as in real logs). */
  nextSession(server: number): string {
    const low = (this.sessionLow[server] = (this.sessionLow[server] + 1 + this.ids.int(4)) >>> 0);
    return this.sessionHigh[server] + hex8Upper(low);
  }

  /** Starts a flow at `at` (no earlier than the flow that spawns it): a forked message's life. */
  spawn(flow: Resumable, at: number): void {
    this.flows.push(at, flow);
  }

  newLogId(): string {
    return guid(this.ids);
  }
}

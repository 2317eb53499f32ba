import { DISCARD_LOGGED, SHADOW_SHARE } from '../calibration.js';
import type { Flow, MessageTrack } from '../message-track.js';
import type { Server } from '../world/topology.js';

/**
 * Shadow redundancy: the primary server queues a copy of the message on a peer of the DAG
 * (HAREDIRECT, whose source-context is the peer's answer, naming it and the shadow's
 * internal id there, as Exchange writes it) and the peer discards the copy once the primary has
 * handed the message on (HADISCARD on the peer, with the primary as the client).
 *
 * Returns the peer's index, or -1 when no shadow was made (a single server has no peer).
 */
export function* makeShadow(track: MessageTrack, primary: Server, envelope: readonly string[]): Flow<number> {
  const ctx = track.ctx;
  const servers = ctx.topology.servers;
  if (servers.length < 2 || !ctx.fate.chance(SHADOW_SHARE)) return -1;
  let peerIndex = ctx.fate.int(servers.length - 1);
  if (peerIndex >= primary.index) peerIndex++;
  const peer = servers[peerIndex];
  yield track.wait(15, 180);
  const e = track.emit('HAREDIRECT', 'SMTP', primary, envelope, envelope.length);
  e.sourceContext =
    peer.fqdn +
    '=250 2.6.0 ' +
    track.facts.messageId +
    ' [InternalId=' +
    track.idOn(peerIndex) +
    ', Hostname=' +
    peer.fqdn +
    '] Queued mail for redundancy';
  e.customData = ctx.intraOrgData;
  return peerIndex;
}

/** HADISCARD on the peer after the primary moved on (logged for a calibrated share). */
export function* discardShadow(track: MessageTrack, primary: Server, peerIndex: number, envelope: readonly string[]): Flow {
  const ctx = track.ctx;
  if (peerIndex < 0 || !ctx.fate.chance(DISCARD_LOGGED)) return;
  yield track.wait(500, 30_000);
  const e = track.emit('HADISCARD', 'REDUNDANCY', ctx.topology.servers[peerIndex], envelope, envelope.length);
  e.clientIp = primary.ip;
  e.clientHostname = primary.fqdn;
}

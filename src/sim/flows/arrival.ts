import { ARRIVAL_WEIGHTS, OUTBOUND_DEFER, OUTBOX_SCOPE, SYSTEM_EXTERNAL_SHARE } from '../calibration.js';
import type { Flow } from '../message-track.js';
import type { SimContext } from '../sim-context.js';
import { simulateInbound } from './inbound.js';
import type { Deferral } from './outbound.js';
import { simulateSubmission } from './submission.js';

const TOTAL_WEIGHT = ARRIVAL_WEIGHTS.outbox + ARRIVAL_WEIGHTS.system + ARRIVAL_WEIGHTS.inbound;
const OUTBOX_SHARE = ARRIVAL_WEIGHTS.outbox / TOTAL_WEIGHT;
const SUBMISSION_SHARE = (ARRIVAL_WEIGHTS.outbox + ARRIVAL_WEIGHTS.system) / TOTAL_WEIGHT;

/** Shares of all arrivals that are user mail with external recipients, and application mail with them. */
const OUTBOX_EXTERNAL = OUTBOX_SHARE * (1 - OUTBOX_SCOPE.internal);
const SYSTEM_EXTERNAL = (ARRIVAL_WEIGHTS.system / TOTAL_WEIGHT) * SYSTEM_EXTERNAL_SHARE;

/** Share of arrivals whose hop to the Internet is deferred (every external message makes one hop). */
export const DEFERRED_SHARE = (OUTBOX_EXTERNAL + SYSTEM_EXTERNAL) * OUTBOUND_DEFER;

/** One arriving message's life, from its first event at `at`. */
export function arrivalFlow(ctx: SimContext, at: number): Flow {
  const r = ctx.content.next();
  if (r < OUTBOX_SHARE) return simulateSubmission(ctx, at, true);
  if (r < SUBMISSION_SHARE) return simulateSubmission(ctx, at, false);
  return simulateInbound(ctx, at);
}

/** The life of an arriving message given that its hop to the Internet is deferred as `deferral`:
 *  user or application mail in proportion to their shares of such messages. */
export function deferredArrivalFlow(ctx: SimContext, at: number, deferral: Deferral): Flow {
  const fromOutbox = ctx.content.next() * (OUTBOX_EXTERNAL + SYSTEM_EXTERNAL) < OUTBOX_EXTERNAL;
  return simulateSubmission(ctx, at, fromOutbox, deferral);
}

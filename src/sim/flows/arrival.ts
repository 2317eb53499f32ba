import { ARRIVAL_WEIGHTS } from '../calibration.js';
import type { SimContext } from '../sim-context.js';
import { simulateInbound } from './inbound.js';
import { simulateSubmission } from './submission.js';

const OUTBOX_SHARE = ARRIVAL_WEIGHTS.outbox / (ARRIVAL_WEIGHTS.outbox + ARRIVAL_WEIGHTS.system + ARRIVAL_WEIGHTS.inbound);
const SUBMISSION_SHARE =
  (ARRIVAL_WEIGHTS.outbox + ARRIVAL_WEIGHTS.system) / (ARRIVAL_WEIGHTS.outbox + ARRIVAL_WEIGHTS.system + ARRIVAL_WEIGHTS.inbound);

/** Simulates one arriving message end to end: its whole life goes onto the heap at once. */
export function simulateArrival(ctx: SimContext, at: number): void {
  const r = ctx.content.next();
  if (r < OUTBOX_SHARE) simulateSubmission(ctx, at, true);
  else if (r < SUBMISSION_SHARE) simulateSubmission(ctx, at, false);
  else simulateInbound(ctx, at);
}

/**
 * Branch probabilities of the message flows, calibrated so the event mix of message-tracking.md
 * §2 holds with default settings. The mix is a consequence of simulated lives, never sampled per
 * event: e.g. SUBMIT:NOTIFYMAPI = 2:1 because half the submissions come from applications and
 * assistants (no Outbox, hence no NOTIFYMAPI), RECEIVE ≈ 2 per message (STOREDRIVER + SMTP, or
 * front end + backend), and DELIVER ≈ 2 × SEND because deliveries are batched per database and
 * only hops to another DAG member (or out of the organisation) are SENDs.
 *
 * How these were set: `simCalibration` (bench/sim.ts) over 1–5 million events and several
 * seeds, adjusting one knob at a time towards the targets; test/behaviour/event-mix.test.ts checks
 * the result. Most knobs move one event-id each (ALIAS_USE → RESOLVE, GROUP_SHARE → EXPAND,
 * OUTBOX_SCOPE.mixed → TRANSFER, SHADOW_SHARE → HAREDIRECT, DISCARD_LOGGED → HADISCARD, ...).
 */

/** Relative arrival rates of the three kinds of message. */
export const ARRIVAL_WEIGHTS = {
  /** A user's client puts the message in the Outbox (NOTIFYMAPI, RECEIVE, SUBMIT). */
  outbox: 5,
  /** An application or mailbox assistant submits directly (RECEIVE, SUBMIT; no NOTIFYMAPI). */
  system: 5,
  /** Mail from the Internet through a front end. */
  inbound: 3,
} as const;

/** Where a user's message goes. */
export const OUTBOX_SCOPE = { internal: 0.62, external: 0.18, mixed: 0.2 } as const;
/** Share of application/assistant mail that leaves the organisation. */
export const SYSTEM_EXTERNAL_SHARE = 0.15;

/** Inbound categories (drive sender, verdict and fate). */
export const INBOUND_CATEGORIES = { business: 55, automated: 15, newsletter: 15, spam: 10, phishing: 5 } as const;

/** Recipient count of an internal message: P(1), P(2), ... */
export const INTERNAL_RECIPIENTS = [0.66, 0.18, 0.08, 0.035, 0.02, 0.01, 0.01, 0.005];
/** Recipient count of an inbound message. */
export const INBOUND_RECIPIENTS = [0.75, 0.15, 0.1];
/** Recipient count at one external domain. */
export const EXTERNAL_RECIPIENTS = [0.75, 0.2, 0.05];

/** Chance a recipient is picked in the sender's own department. */
export const SAME_DEPARTMENT = 0.7;
/** Chance a message (also) goes to a distribution group. */
export const GROUP_SHARE = { outbox: 0.24, system: 0.2, inbound: 0.07 } as const;
/** Chance the sender used a recipient's secondary address (resolved by RESOLVE) when it has one. */
export const ALIAS_USE = 0.122;
/** Chance a user's message names a mistyped internal address (FAIL 5.1.1 in the categorizer). */
export const UNKNOWN_RECIPIENT = 0.032;

/** Chance a message gets a shadow copy on a peer (otherwise HAREDIRECTFAIL, not in our event set). */
export const SHADOW_SHARE = 0.552;
/** Chance the shadow server logs HADISCARD when the primary's discard notification arrives. */
export const DISCARD_LOGGED = 0.29;
/** Chance a transport rule or agent logs AGENTINFO on internal Originating mail. */
export const AGENTINFO_INTERNAL = 0.05;

/** Fates of a hop to the Internet. */
export const OUTBOUND_REJECT = 0.12;
export const OUTBOUND_DEFER = 0.147;
/** Of the deferred, the share that never gets through and expires. */
export const DEFER_EXPIRE = 0.2;
/** DEFERs logged before the message expires. */
export const DEFERS_BEFORE_EXPIRY = 5;

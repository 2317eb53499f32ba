import { EXTERNAL_RECIPIENTS, SAME_DEPARTMENT, ALIAS_USE } from '../calibration.js';
import { pickCumulative, type Rng } from '../rng.js';
import type { SimContext } from '../sim-context.js';
import type { ExternalDomain } from '../world/directory.js';
import { TARGET_ALIAS, TARGET_EXTERNAL, TARGET_GROUP, TARGET_MAILBOX, type Target } from './categorize.js';

/** Draws a count from a distribution given as P(1), P(2), ... (summing to 1). */
export function drawCount(rng: Rng, distribution: readonly number[]): number {
  let x = rng.next();
  for (let i = 0; i < distribution.length; i++) {
    x -= distribution[i];
    if (x < 0) return i + 1;
  }
  return distribution.length;
}

/** A person as a recipient: by primary address, or by the alias the sender remembered. */
function personTarget(ctx: SimContext, index: number): Target {
  const mailbox = ctx.directory.mailboxes[index];
  return mailbox.alias !== undefined && ctx.content.chance(ALIAS_USE)
    ? { kind: TARGET_ALIAS, index, address: mailbox.alias }
    : { kind: TARGET_MAILBOX, index, address: mailbox.address };
}

/**
 * Internal recipients: `count` people, most from the sender's department (department -1: anyone),
 * never the sender, plus possibly a distribution group (usually the department's own).
 */
export function addInternalTargets(
  ctx: SimContext,
  out: Target[],
  sender: number,
  department: number,
  count: number,
  groupShare: number,
): void {
  const c = ctx.content;
  const dir = ctx.directory;
  if (dir.groups.length > 0 && c.chance(groupShare)) {
    const own = department >= 0 ? dir.departmentGroup[department] : -1;
    const g = own >= 0 && c.chance(0.6) ? own : c.int(dir.groups.length);
    out.push({ kind: TARGET_GROUP, index: g, address: dir.groups[g].address });
  }
  const colleagues = department >= 0 ? dir.departmentMembers[department] : undefined;
  for (let k = 0; k < count; k++) {
    let index =
      colleagues !== undefined && colleagues.length > 1 && c.chance(SAME_DEPARTMENT)
        ? c.pick(colleagues)
        : c.int(dir.people);
    if (index === sender) index = (index + 1) % dir.people;
    if (index !== sender) out.push(personTarget(ctx, index));
  }
}

/** Recipients at one recurring external domain (weighted: a few correspondents dominate). */
export function addExternalTargets(ctx: SimContext, out: Target[]): ExternalDomain {
  const c = ctx.content;
  const dir = ctx.directory;
  const domain = dir.externals[pickCumulative(c, dir.externalActivity)];
  const count = Math.min(domain.people.length, drawCount(c, EXTERNAL_RECIPIENTS));
  const first = c.int(domain.people.length);
  for (let k = 0; k < count; k++) {
    out.push({ kind: TARGET_EXTERNAL, index: -1, address: domain.people[(first + k) % domain.people.length] });
  }
  return domain;
}

/** The envelope recipients as written by the sender. */
export function envelopeOf(targets: readonly Target[]): string[] {
  const out = new Array<string>(targets.length);
  for (let i = 0; i < targets.length; i++) out[i] = targets[i].address;
  return out;
}

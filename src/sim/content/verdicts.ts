import type { Rng } from '../rng.js';
import type { Category } from './subjects.js';

/**
 * Anti-spam verdicts logged by AGENTINFO in custom-data, coherent by construction:
 * - internal (authenticated) and allow-listed senders skip filtering: SCL -1 (SFV=SKN / SKA);
 * - SFV=SPM only with SCL ≥ 5; bulk mail gets a high BCL and SFV=BLK;
 * - spam is SCL 5–9 and phishing SCL 9; SCL 9 reaches the delete threshold (SCLDeleteThreshold 9,
 *   Exchange's content filter default), so exactly those messages are DROPped;
 * - CTRY is the country of the sending IP.
 * Field names follow the X-Forefront-Antispam-Report header (SCL, SFV, IPV, BCL, CTRY).
 */
export interface Verdict {
  readonly scl: number;
  readonly drop: boolean;
  readonly customData: string;
}

/** Probability that spam scores SCL 9 (deleted) rather than 5–8 (delivered to Junk Email). */
const SPAM_DELETE_SHARE = 0.5;

const MALWARE_SCAN = ';S:AMA=SUM|v=1|action=|error=|atch=';

function verdict(scl: number, sfv: string, ipv: string, bcl: number, country: string, extra: string, atch: number): Verdict {
  return {
    scl,
    drop: scl >= 9,
    customData:
      'S:CFA=SUM|SCL=' + scl + '|SFV=' + sfv + '|IPV=' + ipv + '|BCL=' + bcl + '|CTRY=' + country + extra + MALWARE_SCAN + atch,
  };
}

/** Verdict for mail from the Internet. */
export function inboundVerdict(rng: Rng, category: Category, trusted: boolean, country: string): Verdict {
  const atch = rng.chance(0.2) ? 1 : 0;
  switch (category) {
    case 'spam': {
      const scl = rng.chance(SPAM_DELETE_SHARE) ? 9 : rng.between(5, 8);
      return verdict(scl, 'SPM', 'NLI', rng.between(0, 3), country, '', atch);
    }
    case 'phishing':
      return verdict(9, 'SPM', 'NLI', 0, country, '|CAT=PHSH', atch);
    case 'newsletter': {
      const bcl = rng.between(3, 8);
      // Above the bulk threshold (7) the message is marked bulk and goes to Junk Email.
      return bcl >= 7 ? verdict(6, 'BLK', 'NLI', bcl, country, '', 0) : verdict(1, 'NSPM', 'NLI', bcl, country, '', 0);
    }
    default:
      return trusted
        ? verdict(-1, 'SKA', 'CAL', 0, country, '', atch)
        : verdict(rng.between(0, 1), 'NSPM', 'NLI', category === 'automated' ? rng.between(0, 3) : 0, country, '', atch);
  }
}

/** custom-data of AGENTINFO for authenticated (Originating) mail: filtering skipped, SCL -1. */
export function originatingCustomData(toInternet: boolean, ruleId: string): string {
  const base = 'S:CFA=SUM|SCL=-1|SFV=SKN|IPV=CAL|BCL=0' + MALWARE_SCAN + '0';
  // Mail leaving the organisation passes the external-disclaimer transport rule.
  return toInternet ? base + ';S:TRA=ETR|ruleId=' + ruleId + '|action=ApplyHtmlDisclaimer|sev=1|mode=Enforce' : base;
}

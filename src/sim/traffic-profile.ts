/**
 * The traffic shape: a pure function of the timestamp (as in Kibana synthtrace), a rate multiplier
 * whose mean over the profile's period (one week) is exactly 1, so `eps` stays the mean event rate.
 *
 * `business-week` follows a working day in UTC: quiet nights, a ramp from 07:00, a morning peak,
 * a lunch dip, an afternoon peak, and low, flat weekends (Saturday and Sunday at roughly a tenth of
 * a weekday peak). The curve is piecewise linear between hourly knots.
 */
export type ProfileName = 'business-week' | 'flat';

export const PROFILE_NAMES: readonly ProfileName[] = ['business-week', 'flat'];

const HOUR_MS = 3_600_000;
const WEEK_HOURS = 168;

// Relative activity at each full hour (UTC). Shapes, not rates: normalised below.
const WEEKDAY = [
  0.12, 0.1, 0.09, 0.09, 0.1, 0.15, 0.35, 0.9, 1.9, 2.6, 2.8, 2.6, 1.9, 2.3, 2.6, 2.5, 2.2, 1.5, 0.85,
  0.55, 0.42, 0.32, 0.22, 0.15,
];
const WEEKEND = [
  0.1, 0.09, 0.08, 0.08, 0.08, 0.09, 0.11, 0.14, 0.19, 0.24, 0.28, 0.3, 0.3, 0.29, 0.28, 0.27, 0.26,
  0.25, 0.24, 0.22, 0.2, 0.17, 0.14, 0.12,
];

/** 169 knots from Sunday 00:00 UTC, the last equal to the first (periodic). Mean of 168 = 1. */
const KNOTS: Float64Array = buildKnots();

function buildKnots(): Float64Array {
  const knots = new Float64Array(WEEK_HOURS + 1);
  let sum = 0;
  for (let h = 0; h < WEEK_HOURS; h++) {
    const day = Math.floor(h / 24); // 0 = Sunday
    const v = (day === 0 || day === 6 ? WEEKEND : WEEKDAY)[h % 24];
    knots[h] = v;
    sum += v;
  }
  // For a periodic piecewise-linear curve on equal steps, the mean is the mean of the knots.
  const scale = WEEK_HOURS / sum;
  for (let h = 0; h < WEEK_HOURS; h++) knots[h] *= scale;
  knots[WEEK_HOURS] = knots[0];
  return knots;
}

/** Largest value `profileFactor` can return for the profile (bounds Poisson thinning). */
export function profileMax(profile: ProfileName): number {
  if (profile === 'flat') return 1;
  let max = 0;
  for (let h = 0; h < WEEK_HOURS; h++) if (KNOTS[h] > max) max = KNOTS[h];
  return max;
}

export function profileFactor(profile: ProfileName, ts: number): number {
  if (profile === 'flat') return 1;
  // 1970-01-01 was a Thursday: shift by 4 days so hour 0 of the week is Sunday 00:00 UTC.
  const hours = ts / HOUR_MS + 96;
  const inWeek = hours - Math.floor(hours / WEEK_HOURS) * WEEK_HOURS;
  const h = Math.floor(inWeek);
  const frac = inWeek - h;
  return KNOTS[h] + (KNOTS[h + 1] - KNOTS[h]) * frac;
}

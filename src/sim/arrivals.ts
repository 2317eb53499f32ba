import type { Rng } from './rng.js';
import { profileFactor, profileMax, type ProfileName } from './traffic-profile.js';

/**
 * Message arrivals as a non-homogeneous Poisson process with rate `ratePerSecond × profile(t)`,
 * drawn lazily by thinning (Lewis & Shedler): candidates at the profile's peak rate, each kept
 * with probability profile(t) / peak. Exact for any profile shape, and a run can start anywhere.
 */
export class Arrivals {
  private t: number;
  private readonly peak: number;
  private readonly meanGapMs: number;

  constructor(
    private readonly rng: Rng,
    ratePerSecond: number,
    private readonly profile: ProfileName,
    start: number,
  ) {
    this.t = start;
    this.peak = profileMax(profile);
    this.meanGapMs = 1000 / (ratePerSecond * this.peak);
  }

  /** The next arrival instant (epoch ms, fractional). */
  next(): number {
    for (;;) {
      this.t += this.rng.exponential(this.meanGapMs);
      if (this.peak === 1 || this.rng.next() * this.peak < profileFactor(this.profile, this.t)) return this.t;
    }
  }
}

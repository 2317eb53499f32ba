import type { Rng } from '../rng.js';
import type { Category } from './subjects.js';

/**
 * Message sizes in bytes: lognormal (right-skewed, most 2–75 KB) with a long tail clamped at
 * 25 MB, the default maximum message size of an Exchange 2019 organisation. The median depends on
 * the category: newsletters carry HTML and images, notifications and spam are small.
 */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
const MIN_MESSAGE_BYTES = 800;

const MEDIAN: Readonly<Record<Category, number>> = {
  business: 16_000,
  automated: 7_000,
  newsletter: 42_000,
  spam: 9_000,
  phishing: 14_000,
};
const SIGMA: Readonly<Record<Category, number>> = {
  business: 1.15,
  automated: 0.7,
  newsletter: 0.6,
  spam: 0.7,
  phishing: 0.7,
};
const MU: Readonly<Record<Category, number>> = {
  business: Math.log(MEDIAN.business),
  automated: Math.log(MEDIAN.automated),
  newsletter: Math.log(MEDIAN.newsletter),
  spam: Math.log(MEDIAN.spam),
  phishing: Math.log(MEDIAN.phishing),
};

export function messageSize(rng: Rng, category: Category): number {
  const bytes = Math.round(Math.exp(MU[category] + SIGMA[category] * rng.normal()));
  return bytes < MIN_MESSAGE_BYTES ? MIN_MESSAGE_BYTES : bytes > MAX_MESSAGE_BYTES ? MAX_MESSAGE_BYTES : bytes;
}

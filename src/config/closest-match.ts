/** Edit distance (insert, delete, substitute), two rows at a time. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitute = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitute);
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidate nearest to a mistyped name, for "did you mean" hints; undefined when nothing is
 * close enough to be a plausible typo (more than a third of the name would have to change).
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const all = [...candidates];
  // A key written without its section ('concurrency' for 'pipeline.concurrency').
  const suffixed = all.find((candidate) => candidate.endsWith(`.${word}`));
  if (suffixed !== undefined) return suffixed;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.ceil(word.length / 3)) + 1;
  for (const candidate of all) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** "; did you mean 'x'?" or nothing. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : `; did you mean '${match}'?`;
}

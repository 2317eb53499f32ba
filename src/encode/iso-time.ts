/**
 * A fast formatter for epoch milliseconds as `YYYY-MM-DDTHH:mm:ss.SSSZ`, the format of both the
 * Exchange `date-time` column and the ECS `@timestamp` we send.
 *
 * `Date#toISOString` allocates a Date and costs about as much as the rest of a small document, so
 * the date part is computed once per UTC day (events arrive in time order, so the cache nearly
 * always hits) and the time of day comes from integer arithmetic and lookup tables.
 */

const DAY_MS = 86_400_000;

const PAD2: readonly string[] = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** Returns a formatter with its own one-day cache; keep one per encoder. */
export function createIsoFormatter(): (ms: number) => string {
  let dayStart = 0;
  let dayEnd = 0; // empty range: the first call fills the cache
  let dayPrefix = '';
  return (ms: number): string => {
    // Whole milliseconds, as Date does (TimeClip truncates); the tables are indexed by integers.
    const t = Math.trunc(ms);
    if (t < dayStart || t >= dayEnd) {
      dayStart = t - (((t % DAY_MS) + DAY_MS) % DAY_MS);
      dayEnd = dayStart + DAY_MS;
      dayPrefix = new Date(dayStart).toISOString().slice(0, 11);
    }
    let rest = t - dayStart;
    const milli = rest % 1000;
    rest = (rest - milli) / 1000;
    const sec = rest % 60;
    rest = (rest - sec) / 60;
    const min = rest % 60;
    const hour = (rest - min) / 60;
    return dayPrefix + PAD2[hour] + ':' + PAD2[min] + ':' + PAD2[sec] + '.' + PAD3[milli] + 'Z';
  };
}

import { EVENT_IDS, type EventId } from '../sim/event.js';
import type { Metrics } from './metrics.js';

const EVENT_INDEX = Object.fromEntries(EVENT_IDS.map((id, i) => [id, i])) as Record<EventId, number>;

/**
 * `msgtrack_events_generated_total{event_id}` without a metric update per event: events are
 * counted in a plain array and the counts go to the registry on `publish()` (per batch or tick).
 */
export class EventTally {
  private readonly counts = new Array<number>(EVENT_IDS.length).fill(0);

  constructor(private readonly metrics: Metrics) {}

  count(id: EventId): void {
    this.counts[EVENT_INDEX[id]]++;
  }

  publish(): void {
    for (let i = 0; i < this.counts.length; i++) {
      if (this.counts[i] === 0) continue;
      this.metrics.eventsGenerated.labels(EVENT_IDS[i]).inc(this.counts[i]);
      this.counts[i] = 0;
    }
  }
}

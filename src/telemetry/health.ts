/**
 * Liveness and readiness, as plain state the pipeline writes and the HTTP server reads.
 *
 * - live: every registered loop has beaten within `staleAfterMs` (a stuck loop makes /healthz fail);
 * - ready: the cluster accepted the last bulk request (or the connectivity check), with the reason
 *   of the last failure otherwise.
 */
export interface ReadinessState {
  readonly ready: boolean;
  readonly reason: string;
}

export class Health {
  private readonly beats = new Map<string, number>();
  private state: ReadinessState = { ready: false, reason: 'starting' };

  constructor(
    private readonly staleAfterMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** A loop (generator, sender) says it is alive. Cheap: call it per batch or per tick. */
  beat(loop: string): void {
    this.beats.set(loop, this.now());
  }

  /** A loop that finished on purpose stops being watched. */
  retire(loop: string): void {
    this.beats.delete(loop);
  }

  /** Returns true when readiness changed, so the caller can log the state change once. */
  setReady(ready: boolean, reason = ready ? 'ok' : 'unknown'): boolean {
    const changed = ready !== this.state.ready;
    this.state = { ready, reason };
    return changed;
  }

  readiness(): ReadinessState {
    return this.state;
  }

  /** The loops that have not beaten recently; empty when live. */
  staleLoops(): string[] {
    const limit = this.now() - this.staleAfterMs;
    const stale: string[] = [];
    for (const [loop, at] of this.beats) if (at < limit) stale.push(loop);
    return stale;
  }
}

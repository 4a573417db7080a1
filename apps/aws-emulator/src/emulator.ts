import { FaultInjector } from './faults/fault-injector.js';
import { RequestCounters } from './metrics/request-counters.js';
import { SnapshotPager } from './paging/snapshot-pager.js';
import type { Seed } from './seed/seed.types.js';
import { EmulatorState } from './state/emulator-state.js';
import { ThrottleRegistry } from './throttle/throttle-registry.js';

/**
 * Everything one emulator instance holds: the AWS world loaded from the seed plus the test
 * controls around it (faults, throttling, counters). Independent of HTTP so tests can inspect it.
 */
export class Emulator {
  state: EmulatorState;
  readonly faults = new FaultInjector();
  readonly counters = new RequestCounters();
  readonly throttles: ThrottleRegistry;
  findingPager = new SnapshotPager();
  eventPager = new SnapshotPager();

  constructor(readonly seed: Seed) {
    this.state = EmulatorState.fromSeed(seed, new Date(this.now()));
    this.throttles = new ThrottleRegistry(seed.throttling);
  }

  now(): number {
    return Date.now();
  }

  /** Back to the seeded world: issued credentials, injected data, faults and counters are dropped. */
  reset(): void {
    this.state = EmulatorState.fromSeed(this.seed, new Date(this.now()));
    this.faults.reset();
    this.counters.reset();
    this.throttles.reset(this.seed.throttling ?? {});
    this.findingPager = new SnapshotPager();
    this.eventPager = new SnapshotPager();
  }
}

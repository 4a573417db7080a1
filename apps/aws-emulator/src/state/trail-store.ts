import type { StoredTrailEvent } from '../cloudtrail/trail-event.js';

/** CloudTrail management events per account and region, unique by event id. */
export class TrailStore {
  private readonly byScope = new Map<string, Map<string, StoredTrailEvent>>();

  add(accountId: string, region: string, event: StoredTrailEvent): void {
    const scope = `${accountId}/${region}`;
    let events = this.byScope.get(scope);
    if (!events) {
      events = new Map();
      this.byScope.set(scope, events);
    }
    events.set(event.eventId, event);
  }

  list(accountId: string, region: string): StoredTrailEvent[] {
    return [...(this.byScope.get(`${accountId}/${region}`)?.values() ?? [])];
  }

  get(accountId: string, region: string, eventId: string): StoredTrailEvent | undefined {
    return this.byScope.get(`${accountId}/${region}`)?.get(eventId);
  }

  countByRegion(accountId: string): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [scope, events] of this.byScope) {
      const [scopeAccount, region] = scope.split('/');
      if (scopeAccount === accountId) counts[region] = events.size;
    }
    return counts;
  }
}

import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import type { CaseObservable } from '../model/case-observable.entity.js';
import type { CaseTask } from '../model/case-task.entity.js';
import { CaseChildren, type PersonView } from './case-children.js';
import { type CaseView, loadCaseViews } from './case-views.js';
import type { ReadSession } from './read-session.js';

function byKey<K, V>(keys: readonly K[], values: Map<K, V>, fallback: V): V[] {
  return keys.map((k) => values.get(k) ?? fallback);
}

function grouped<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}

/**
 * The DataLoaders of one GraphQL request: 50 cases asking for watchers, tasks, observables… cost one
 * query per field, not one per case. All batches of a tick share one unit of work (ReadSession), and a list
 * of cases fills them from its own statement and unit of work before any field resolver runs (`prefetch`).
 */
export class CaseLoaders {
  /** Batched fields a list of cases loads in its own unit of work, beyond what its statement carried. */
  static readonly PREFETCHED: readonly string[] = ['watchers', 'tasks', 'observables'];

  readonly people: DataLoader<string, PersonView | null>;
  readonly watchers: DataLoader<string, string[]>;
  readonly tasks: DataLoader<string, CaseTask[]>;
  readonly observables: DataLoader<string, CaseObservable[]>;
  readonly cases: DataLoader<string, CaseView | null>;

  constructor(readonly session: ReadSession) {
    this.people = new DataLoader((ids) => session.run((m) => this.fetchPeople(m, ids)));
    this.watchers = new DataLoader((ids) => session.run((m, t) => this.fetchWatchers(m, t, ids)));
    this.tasks = new DataLoader((ids) => session.run((m, t) => this.fetchTasks(m, t, ids)));
    this.observables = new DataLoader((ids) => session.run((m, t) => this.fetchObservables(m, t, ids)));
    this.cases = new DataLoader((ids) =>
      session.run(async (m, t) => {
        const views = await loadCaseViews(m, t, ids);
        return byKey(ids, new Map(views.map((v) => [v.id, v])), null);
      }),
    );
  }

  /**
   * Primes the loaders with cases read for a query (and the assignees that came along), and loads in that
   * same unit of work the other batched fields the query asks for: the field resolvers then find
   * everything cached and issue no query of their own.
   */
  async prefetch(
    manager: EntityManager,
    tenantIds: string[],
    views: readonly CaseView[],
    fields: ReadonlySet<string>,
  ): Promise<void> {
    const ids = views.map((view) => view.id);
    for (const view of views) {
      this.cases.prime(view.id, view);
      if (view.assigneeId && view.assignee !== undefined) this.people.prime(view.assigneeId, view.assignee);
    }
    const prime = async <V>(loader: DataLoader<string, V>, fetch: () => Promise<V[]>): Promise<void> => {
      const values = await fetch();
      ids.forEach((id, i) => loader.prime(id, values[i]));
    };
    if (fields.has('watchers')) await prime(this.watchers, () => this.fetchWatchers(manager, tenantIds, ids));
    if (fields.has('tasks')) await prime(this.tasks, () => this.fetchTasks(manager, tenantIds, ids));
    if (fields.has('observables'))
      await prime(this.observables, () => this.fetchObservables(manager, tenantIds, ids));
  }

  private async fetchPeople(manager: EntityManager, ids: readonly string[]): Promise<(PersonView | null)[]> {
    if (ids.length === 0) return [];
    const people = await CaseChildren.people(manager, ids);
    return byKey(ids, new Map(people.map((p) => [p.id, p])), null);
  }

  private async fetchWatchers(
    manager: EntityManager,
    tenantIds: string[],
    ids: readonly string[],
  ): Promise<string[][]> {
    const rows = grouped(await CaseChildren.watchers(manager, tenantIds, ids), (r) => r.caseId);
    return ids.map((id) => (rows.get(id) ?? []).map((r) => r.userId));
  }

  private async fetchTasks(
    manager: EntityManager,
    tenantIds: string[],
    ids: readonly string[],
  ): Promise<CaseTask[][]> {
    return byKey(
      ids,
      grouped(await CaseChildren.tasks(manager, tenantIds, ids), (t) => t.caseId),
      [],
    );
  }

  private async fetchObservables(
    manager: EntityManager,
    tenantIds: string[],
    ids: readonly string[],
  ): Promise<CaseObservable[][]> {
    return byKey(
      ids,
      grouped(await CaseChildren.observables(manager, tenantIds, ids), (o) => o.caseId),
      [],
    );
  }
}

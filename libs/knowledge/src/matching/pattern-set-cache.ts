import { Injectable, Logger } from '@nestjs/common';
import { Clock, UnitOfWork } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { PatternIndex } from './index/pattern-index.js';
import { PatternChangeBus, type PatternSetChange } from './pattern-change-bus.js';
import { loadGlobalPatterns, loadTenantPatterns, readGlobalVersion, readVersions } from './pattern-loader.js';

export interface TenantPatternSet {
  readonly version: number;
  readonly index: PatternIndex;
  /** The tenant's hits on each global pattern, for the reason of a global match. */
  readonly globalHits: Map<string, number>;
}

export interface GlobalPatternSet {
  readonly version: number;
  readonly index: PatternIndex;
}

/** Tenants whose compiled set a worker keeps; the least recently used one goes first. */
export const MAX_CACHED_TENANT_SETS = 1_000;

interface Load<T> {
  version: number;
  promise: Promise<T>;
}

/**
 * The compiled pattern sets a worker holds in memory: one per tenant it has judged for, and the global
 * set. A set is reloaded when the version read before a batch moved past the one held, and ahead of that
 * when another process announces a change on Redis. Loads are shared: concurrent batches of one tenant
 * wait for the same load.
 */
@Injectable()
export class PatternSetCache {
  private readonly logger = new Logger(PatternSetCache.name);
  private readonly tenants = new Map<string, TenantPatternSet>();
  private readonly tenantLoads = new Map<string, Load<TenantPatternSet>>();
  private global?: GlobalPatternSet;
  private globalLoad?: Load<GlobalPatternSet>;
  private listening?: Promise<void>;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly bus: PatternChangeBus,
    private readonly clock: Clock,
  ) {}

  /** Starts following change announcements (once); failures leave the per-batch version check in charge. */
  listen(): void {
    this.listening ??= this.bus
      .subscribe((change) => this.onChange(change))
      .catch((error: unknown) => {
        this.logger.warn(`Not following pattern changes on Redis: ${String(error)}`);
      });
  }

  /** Resolves once `listen()` is subscribed (for tests and orderly startup). */
  async listeningReady(): Promise<void> {
    this.listen();
    await this.listening;
  }

  heldVersion(tenantId: string): number | undefined {
    return this.tenants.get(tenantId)?.version;
  }

  heldGlobalVersion(): number | undefined {
    return this.global?.version;
  }

  /** The tenant's set at `version` or newer, loading it through `manager` (the tenant's unit of work). */
  tenantSet(manager: EntityManager, tenantId: string, version: number): Promise<TenantPatternSet> {
    const held = this.tenants.get(tenantId);
    if (held && held.version >= version) {
      // Map order is the eviction order: re-inserting marks it recently used.
      this.tenants.delete(tenantId);
      this.tenants.set(tenantId, held);
      return Promise.resolve(held);
    }
    return this.loadTenant(tenantId, version, manager);
  }

  globalSet(manager: EntityManager, version: number): Promise<GlobalPatternSet> {
    if (this.global && this.global.version >= version) return Promise.resolve(this.global);
    if (this.globalLoad && this.globalLoad.version >= version) return this.globalLoad.promise;
    const promise = (async () => {
      const started = performance.now();
      const index = PatternIndex.build(await loadGlobalPatterns(manager, this.clock.now()));
      this.report('global', index, started);
      const set = { version, index };
      if (!this.global || this.global.version < version) this.global = set;
      return set;
    })().finally(() => {
      if (this.globalLoad?.promise === promise) this.globalLoad = undefined;
    });
    this.globalLoad = { version, promise };
    return promise;
  }

  private loadTenant(tenantId: string, version: number, manager: EntityManager): Promise<TenantPatternSet> {
    const pending = this.tenantLoads.get(tenantId);
    if (pending && pending.version >= version) return pending.promise;
    const promise = (async () => {
      const started = performance.now();
      const { records, globalHits } = await loadTenantPatterns(manager, tenantId, this.clock.now());
      const index = PatternIndex.build(records);
      this.report(`tenant ${tenantId}`, index, started);
      const set = { version, index, globalHits };
      const held = this.tenants.get(tenantId);
      if (!held || held.version < version) {
        this.tenants.delete(tenantId);
        this.tenants.set(tenantId, set);
        if (this.tenants.size > MAX_CACHED_TENANT_SETS) {
          this.tenants.delete(this.tenants.keys().next().value as string);
        }
      }
      return set;
    })().finally(() => {
      if (this.tenantLoads.get(tenantId)?.promise === promise) this.tenantLoads.delete(tenantId);
    });
    this.tenantLoads.set(tenantId, { version, promise });
    return promise;
  }

  private report(what: string, index: PatternIndex, started: number): void {
    const ms = Math.round(performance.now() - started);
    this.logger.log(`Compiled ${index.size} known-good patterns of ${what} in ${ms} ms`);
    if (index.rejected.length) {
      this.logger.warn(
        `Patterns of ${what} not loaded: ${index.rejected.map((r) => `${r.id} (${r.reason})`).join(', ')}`,
      );
    }
  }

  /** Another process changed a set this worker holds: reload it now, before a batch has to wait for it. */
  private onChange(change: PatternSetChange): void {
    const refresh =
      change.scope === 'TENANT'
        ? (this.heldVersion(change.tenantId) ?? Infinity) < change.version &&
          this.uow.withTenant(change.tenantId, async (manager) => {
            const versions = await readVersions(manager, change.tenantId);
            await this.loadTenant(change.tenantId, versions.tenant, manager);
          })
        : (this.heldGlobalVersion() ?? Infinity) < change.version &&
          this.uow.withPlatform(async (manager) => {
            await this.globalSet(manager, await readGlobalVersion(manager));
          });
    if (refresh) {
      refresh.catch((error: unknown) => {
        this.logger.warn(`Reload after a pattern change failed (the next batch retries): ${String(error)}`);
      });
    }
  }
}

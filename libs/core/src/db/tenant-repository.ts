import type { DeepPartial, EntityTarget, FindManyOptions, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { ErrorCode, SieveException } from '../errors/sieve.exception.js';
import { currentTenantContext } from './tenant-context.js';

export interface TenantOwned extends ObjectLiteral {
  tenantId: string;
}

type ScopedWhere<E> = Omit<FindOptionsWhere<E>, 'tenantId'>;

/**
 * Typed tenant scoping for the common path: every query is filtered by the tenant of the open unit of
 * work and inserts are stamped with it, so a query cannot forget the tenant. Row-level security remains
 * the backstop for code that goes around this class.
 */
export class TenantRepository<E extends TenantOwned> {
  constructor(private readonly entity: EntityTarget<E>) {}

  private scope(): { tenantId: string; manager: import('typeorm').EntityManager } {
    const context = currentTenantContext();
    if (!context?.tenantId) {
      throw new SieveException(ErrorCode.Internal, 'Tenant data accessed outside a tenant unit of work');
    }
    return { tenantId: context.tenantId, manager: context.manager };
  }

  get tenantId(): string {
    return this.scope().tenantId;
  }

  private where(where?: ScopedWhere<E>): FindOptionsWhere<E> {
    return { ...where, tenantId: this.scope().tenantId } as FindOptionsWhere<E>;
  }

  async find(options: Omit<FindManyOptions<E>, 'where'> & { where?: ScopedWhere<E> } = {}): Promise<E[]> {
    const { manager } = this.scope();
    return manager.find(this.entity, { ...options, where: this.where(options.where) });
  }

  async findOneBy(where: ScopedWhere<E>): Promise<E | null> {
    return this.scope().manager.findOneBy(this.entity, this.where(where));
  }

  async count(where?: ScopedWhere<E>): Promise<number> {
    return this.scope().manager.countBy(this.entity, this.where(where));
  }

  async insert(values: Omit<DeepPartial<E>, 'tenantId'>): Promise<E> {
    const { manager, tenantId } = this.scope();
    const entity = manager.create(this.entity, { ...values, tenantId } as DeepPartial<E>);
    return manager.save(this.entity, entity);
  }

  async update(where: ScopedWhere<E>, patch: Partial<Omit<E, 'tenantId'>>): Promise<number> {
    const { manager } = this.scope();
    // TypeORM's update typing wants its own partial type; the tenant column is excluded above.
    const result = await manager.update(this.entity, this.where(where), patch as never);
    return result.affected ?? 0;
  }

  async delete(where: ScopedWhere<E>): Promise<number> {
    const result = await this.scope().manager.delete(this.entity, this.where(where));
    return result.affected ?? 0;
  }
}

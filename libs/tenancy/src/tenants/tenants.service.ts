import { Injectable } from '@nestjs/common';
import {
  AuditService,
  type Connection,
  type ConnectionArgs,
  type Actor,
  type Principal,
  PlatformRole,
  SieveException,
  UnitOfWork,
  paginateNewestFirst,
} from '@sieve/core';
import { TenancyException } from '../tenancy.exception.js';
import { ContractTier } from './contract-tier.js';
import { Tenant } from './tenant.entity.js';
import { isIanaTimeZone } from './time-zone.js';

export interface CreateTenantCommand {
  slug: string;
  name: string;
  timeZone: string;
  contractTier: ContractTier;
  poolContribute?: boolean;
  poolConsume?: boolean;
}

export type UpdateTenantCommand = Partial<Omit<CreateTenantCommand, 'slug'>> & { writebackEnabled?: boolean };

const SLUG = /^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/;

@Injectable()
export class TenantsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  /** Platform administration. The new tenant's id becomes the open unit of work's tenant, for follow-ups. */
  async create(
    actor: Actor,
    command: CreateTenantCommand,
    then?: (tenant: Tenant) => Promise<void>,
  ): Promise<Tenant> {
    if (!SLUG.test(command.slug)) {
      throw TenancyException.invalid(
        'slug must be 3-40 lowercase letters, digits or hyphens, not starting or ending with a hyphen',
      );
    }
    if (!isIanaTimeZone(command.timeZone)) throw TenancyException.invalidTimeZone(command.timeZone);
    if (!command.name.trim() || command.name.length > 200)
      throw TenancyException.invalid('name must be 1-200 characters');
    return this.uow.withPlatform(async (manager) => {
      if (await manager.existsBy(Tenant, { slug: command.slug }))
        throw TenancyException.slugTaken(command.slug);
      const tenant = await manager.save(
        manager.create(Tenant, {
          slug: command.slug,
          name: command.name.trim(),
          timeZone: command.timeZone,
          contractTier: command.contractTier,
          poolContribute: command.poolContribute ?? false,
          poolConsume: command.poolConsume ?? false,
        }),
      );
      await this.uow.enterTenant(tenant.id);
      await this.audit.record(actor, {
        action: 'tenant.created',
        targetType: 'tenant',
        targetId: tenant.id,
        details: { slug: tenant.slug },
      });
      if (then) await then(tenant);
      return tenant;
    });
  }

  /**
   * The tenant `id` as the principal may see it: its own tenant, or any tenant for platform admins. Any
   * other id answers NOT_FOUND, exactly as an id that does not exist.
   */
  async get(principal: Principal, id: string): Promise<Tenant> {
    const platformAdmin = principal.kind === 'user' && principal.platformRole === PlatformRole.PLATFORM_ADMIN;
    const assigned = principal.kind === 'user' && principal.assignedTenantIds.includes(id);
    if (!platformAdmin && !assigned && principal.tenantId !== id) throw SieveException.notFound('Tenant', id);
    const tenant = await (platformAdmin || assigned
      ? this.uow.withPlatform((m) => m.findOneBy(Tenant, { id }))
      : this.uow.withTenant(id, (m) => m.findOneBy(Tenant, { id })));
    if (!tenant) throw SieveException.notFound('Tenant', id);
    return tenant;
  }

  /** Platform administration and tooling: the tenant with this slug, if any. */
  findBySlug(slug: string): Promise<Tenant | null> {
    return this.uow.withPlatform((manager) => manager.findOneBy(Tenant, { slug }));
  }

  list(args: ConnectionArgs): Promise<Connection<Tenant>> {
    return this.uow.withPlatform((manager) =>
      paginateNewestFirst(manager.createQueryBuilder(Tenant, 't'), args, {
        alias: 't',
        idType: 'uuid',
        idOf: (t) => t.id,
      }),
    );
  }

  async update(actor: Actor, tenantId: string, command: UpdateTenantCommand): Promise<Tenant> {
    if (command.timeZone !== undefined && !isIanaTimeZone(command.timeZone))
      throw TenancyException.invalidTimeZone(command.timeZone);
    if (command.name !== undefined && (!command.name.trim() || command.name.length > 200)) {
      throw TenancyException.invalid('name must be 1-200 characters');
    }
    return this.uow.withTenant(tenantId, async (manager) => {
      const tenant = await manager.findOneBy(Tenant, { id: tenantId });
      if (!tenant) throw SieveException.notFound('Tenant', tenantId);
      const changes = Object.fromEntries(Object.entries(command).filter(([, v]) => v !== undefined));
      Object.assign(tenant, changes);
      const saved = await manager.save(tenant);
      await this.audit.record(actor, {
        action: 'tenant.updated',
        targetType: 'tenant',
        targetId: tenantId,
        details: changes,
      });
      return saved;
    });
  }
}

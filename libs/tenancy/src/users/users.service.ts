import { Injectable } from '@nestjs/common';
import {
  AuditService,
  type Connection,
  type ConnectionArgs,
  type Actor,
  PlatformRole,
  SieveException,
  TenantRole,
  UnitOfWork,
  paginateNewestFirst,
} from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { Tenant } from '../tenants/tenant.entity.js';
import { TenancyException } from '../tenancy.exception.js';
import { AnalystAssignment } from './analyst-assignment.entity.js';
import { Membership } from './membership.entity.js';
import { User } from './user.entity.js';

export interface InviteUserCommand {
  email: string;
  displayName: string;
  role: TenantRole;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** People, their memberships in tenants and MSSP analysts' tenant assignments. */
@Injectable()
export class UsersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  /** Finds or creates the person by e-mail (case-insensitive); people are global across tenants. */
  async upsertPerson(
    manager: EntityManager,
    email: string,
    displayName: string,
    platformRole?: PlatformRole,
  ): Promise<User> {
    const normalised = email.trim();
    if (!EMAIL.test(normalised) || normalised.length > 320)
      throw TenancyException.invalid(`"${email}" is not an e-mail address`);
    if (!displayName.trim() || displayName.length > 200)
      throw TenancyException.invalid('displayName must be 1-200 characters');
    const rows = (await manager.query(
      `INSERT INTO users (email, display_name, platform_role) VALUES ($1, $2, $3)
       ON CONFLICT (lower(email)) DO UPDATE SET updated_at = users.updated_at
       RETURNING id`,
      [normalised, displayName.trim(), platformRole ?? null],
    )) as { id: string }[];
    const user = await manager.findOneByOrFail(User, { id: rows[0].id });
    if (platformRole && user.platformRole !== platformRole) {
      user.platformRole = platformRole;
      await manager.save(user);
    }
    return user;
  }

  /** Adds a person to the current tenant with a role; creates the person if new. */
  inviteUser(actor: Actor, tenantId: string, command: InviteUserCommand): Promise<Membership> {
    return this.uow.withTenant(tenantId, async (manager) => {
      const user = await this.upsertPerson(manager, command.email, command.displayName);
      if (await manager.existsBy(Membership, { tenantId, userId: user.id }))
        throw TenancyException.alreadyMember(user.email);
      await manager.insert(Membership, { tenantId, userId: user.id, role: command.role });
      await this.audit.record(actor, {
        action: 'membership.invited',
        targetType: 'user',
        targetId: user.id,
        details: { role: command.role },
      });
      return this.loadMembership(manager, tenantId, user.id);
    });
  }

  /**
   * Changes the role of a member of the tenant. People outside the tenant are reached by e-mail through
   * `inviteUser`: a user id from another tenant answers NOT_FOUND here, like any unknown id.
   */
  addMembership(actor: Actor, tenantId: string, userId: string, role: TenantRole): Promise<Membership> {
    return this.uow.withTenant(tenantId, async (manager) => {
      const membership = await manager.findOneBy(Membership, { tenantId, userId });
      if (!membership) throw SieveException.notFound('User', userId);
      await manager.update(Membership, { tenantId, userId }, { role });
      await this.audit.record(actor, {
        action: 'membership.set',
        targetType: 'user',
        targetId: userId,
        details: { role },
      });
      return this.loadMembership(manager, tenantId, userId);
    });
  }

  members(tenantId: string, args: ConnectionArgs): Promise<Connection<Membership>> {
    return this.uow.withTenant(tenantId, (manager) =>
      paginateNewestFirst(
        manager
          .createQueryBuilder(Membership, 'm')
          .innerJoinAndSelect('m.user', 'u')
          .where('m.tenant_id = :tenantId', { tenantId }),
        args,
        {
          alias: 'm',
          idType: 'uuid',
          idColumn: 'user_id',
          idOf: (m) => m.userId,
        },
      ),
    );
  }

  /** Replaces the set of tenants an MSSP analyst works on (platform administration). */
  assignAnalystTenants(actor: Actor, userId: string, tenantIds: string[]): Promise<AnalystAssignment[]> {
    const unique = [...new Set(tenantIds)];
    return this.uow.withPlatform(async (manager) => {
      const user = await manager.findOneBy(User, { id: userId });
      if (!user) throw SieveException.notFound('User', userId);
      if (user.platformRole === PlatformRole.PLATFORM_ADMIN) {
        throw TenancyException.invalid('Platform admins see every tenant; assignments are for MSSP analysts');
      }
      const found = unique.length
        ? await manager.countBy(
            Tenant,
            unique.map((id) => ({ id })),
          )
        : 0;
      if (found !== unique.length) throw SieveException.notFound('Tenant', unique.join(', '));
      if (user.platformRole !== PlatformRole.MSSP_ANALYST) {
        user.platformRole = PlatformRole.MSSP_ANALYST;
        await manager.save(user);
      }
      await manager.delete(AnalystAssignment, { userId });
      const actorId = actor.kind === 'user' ? actor.userId : null;
      if (unique.length) {
        await manager.insert(
          AnalystAssignment,
          unique.map((tenantId) => ({ userId, tenantId, assignedBy: actorId })),
        );
      }
      await this.audit.record(actor, {
        action: 'analyst.assigned',
        targetType: 'user',
        targetId: userId,
        tenantId: null,
        details: { tenantIds: unique },
      });
      return manager.findBy(AnalystAssignment, { userId });
    });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.uow.withPlatform((manager) =>
      manager
        .createQueryBuilder(User, 'u')
        .where('lower(u.email) = lower(:email)', { email: email.trim() })
        .getOne(),
    );
  }

  async person(userId: string): Promise<User> {
    const user = await this.uow.withPlatform((manager) => manager.findOneBy(User, { id: userId }));
    if (!user) throw SieveException.notFound('User', userId);
    return user;
  }

  private loadMembership(manager: EntityManager, tenantId: string, userId: string): Promise<Membership> {
    return manager.findOneOrFail(Membership, { where: { tenantId, userId }, relations: { user: true } });
  }
}

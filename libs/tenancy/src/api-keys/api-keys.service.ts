import { Injectable } from '@nestjs/common';
import {
  type ApiKeyPrincipal,
  ApiKeyScope,
  AuditService,
  Clock,
  type Connection,
  type ConnectionArgs,
  type Actor,
  SieveException,
  TenantRepository,
  UnitOfWork,
  isUuid,
  actorOf,
  paginateNewestFirst,
} from '@sieve/core';
import { TenancyException } from '../tenancy.exception.js';
import { ApiKey } from './api-key.entity.js';
import { apiKeyMatches, apiKeyPrefix, generateApiKey } from './api-key-secret.js';
import { ApiKeyUsageService } from './api-key-usage.service.js';

export interface CreateApiKeyCommand {
  name: string;
  scopes: ApiKeyScope[];
  expiresAt?: Date | null;
}

@Injectable()
export class ApiKeysService {
  /** Scoped to the open unit of work's tenant: a query cannot forget it. */
  private readonly keys = new TenantRepository(ApiKey);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly usage: ApiKeyUsageService,
    private readonly clock: Clock,
  ) {}

  /** Creates a key; the secret is returned here once and never stored. */
  create(
    actor: Actor,
    tenantId: string,
    command: CreateApiKeyCommand,
  ): Promise<{ apiKey: ApiKey; secret: string }> {
    const name = command.name.trim();
    if (!name || name.length > 100) throw TenancyException.invalid('name must be 1-100 characters');
    const scopes = [...new Set(command.scopes)];
    if (!scopes.length)
      throw TenancyException.invalid('scopes must name at least one of ingest, read, write, admin');
    if (command.expiresAt && command.expiresAt <= this.clock.now())
      throw TenancyException.invalid('expiresAt must be in the future');
    return this.uow.withTenant(tenantId, async (manager) => {
      const generated = generateApiKey();
      const apiKey = await manager.save(
        manager.create(ApiKey, {
          tenantId,
          name,
          prefix: generated.prefix,
          keyHash: generated.hash,
          scopes,
          createdBy: actorOf(actor).actorId,
          expiresAt: command.expiresAt ?? null,
        }),
      );
      await this.audit.record(actor, {
        action: 'api_key.created',
        targetType: 'api_key',
        targetId: apiKey.id,
        details: { name, scopes, prefix: generated.prefix },
      });
      return { apiKey, secret: generated.secret };
    });
  }

  list(tenantId: string, args: ConnectionArgs): Promise<Connection<ApiKey>> {
    return this.uow.withTenant(tenantId, (manager) =>
      paginateNewestFirst(
        manager.createQueryBuilder(ApiKey, 'k').where('k.tenant_id = :tenantId', { tenantId }),
        args,
        {
          alias: 'k',
          idType: 'uuid',
          idOf: (k) => k.id,
        },
      ),
    );
  }

  /**
   * Revocation takes effect on the key's next request: the update moves the principal epoch, so no API
   * process keeps using a principal built before it.
   */
  revoke(actor: Actor, tenantId: string, id: string): Promise<ApiKey> {
    if (!isUuid(id)) throw SieveException.notFound('ApiKey', id);
    return this.uow.withTenant(tenantId, async () => {
      const apiKey = await this.keys.findOneBy({ id });
      if (!apiKey) throw SieveException.notFound('ApiKey', id);
      if (!apiKey.revokedAt) {
        apiKey.revokedAt = this.clock.now();
        apiKey.revokedBy = actorOf(actor).actorId;
        await this.keys.update({ id }, { revokedAt: apiKey.revokedAt, revokedBy: apiKey.revokedBy });
        await this.audit.record(actor, { action: 'api_key.revoked', targetType: 'api_key', targetId: id });
      }
      return apiKey;
    });
  }

  /** The principal of a presented key, or null when it is unknown, malformed, revoked or expired. */
  async authenticate(presented: string): Promise<ApiKeyPrincipal | null> {
    return (await this.authenticateWithExpiry(presented))?.principal ?? null;
  }

  /** As `authenticate`, with when the key expires (for callers that keep the principal for a while). */
  async authenticateWithExpiry(
    presented: string,
  ): Promise<{ principal: ApiKeyPrincipal; expiresAt: Date | null } | null> {
    const prefix = apiKeyPrefix(presented);
    if (!prefix) return null;
    const row = await this.uow.withPlatform((manager) =>
      manager
        .createQueryBuilder(ApiKey, 'k')
        .addSelect('k.keyHash')
        .where('k.prefix = :prefix', { prefix })
        .getOne(),
    );
    const now = this.clock.now();
    if (
      !row ||
      !apiKeyMatches(presented, row.keyHash) ||
      row.revokedAt ||
      (row.expiresAt && row.expiresAt <= now)
    ) {
      return null;
    }
    await this.usage.record(row.tenantId, row.id, now);
    return {
      principal: { kind: 'api-key', apiKeyId: row.id, tenantId: row.tenantId, scopes: row.scopes },
      expiresAt: row.expiresAt,
    };
  }
}

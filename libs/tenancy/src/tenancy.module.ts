import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeyUsageService } from './api-keys/api-key-usage.service.js';
import { ApiKeysService } from './api-keys/api-keys.service.js';
import { AuditLogService } from './audit/audit-log.service.js';
import { TENANCY_ENTITIES } from './entities.js';
import { TenantsService } from './tenants/tenants.service.js';
import { UserPrincipalsService } from './users/user-principals.service.js';
import { UsersService } from './users/users.service.js';

/** Tenants, people, memberships and API keys: services for the API, the worker and the CLI. */
@Module({
  imports: [TypeOrmModule.forFeature(TENANCY_ENTITIES)],
  providers: [
    TenantsService,
    UsersService,
    UserPrincipalsService,
    ApiKeysService,
    ApiKeyUsageService,
    AuditLogService,
  ],
  exports: [
    TenantsService,
    UsersService,
    UserPrincipalsService,
    ApiKeysService,
    ApiKeyUsageService,
    AuditLogService,
  ],
})
export class TenancyModule {}

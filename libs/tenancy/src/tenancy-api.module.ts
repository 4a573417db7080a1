import { Module } from '@nestjs/common';
import { ApiKeyResolver } from './graphql/resolvers/api-key.resolver.js';
import { AuditLogResolver } from './graphql/resolvers/audit-log.resolver.js';
import { MeResolver } from './graphql/resolvers/me.resolver.js';
import { MembershipResolver } from './graphql/resolvers/membership.resolver.js';
import { TenantResolver } from './graphql/resolvers/tenant.resolver.js';
import { TenancyModule } from './tenancy.module.js';

/** The tenancy domain's GraphQL operations. */
@Module({
  imports: [TenancyModule],
  providers: [MeResolver, TenantResolver, MembershipResolver, ApiKeyResolver, AuditLogResolver],
})
export class TenancyApiModule {}

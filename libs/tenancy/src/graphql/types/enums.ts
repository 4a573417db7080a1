import { registerEnumType } from '@nestjs/graphql';
import { ApiKeyScope, PlatformRole, TenantRole } from '@sieve/core';
import { ContractTier } from '../../tenants/contract-tier.js';

registerEnumType(TenantRole, { name: 'TenantRole' });
registerEnumType(PlatformRole, { name: 'PlatformRole' });
registerEnumType(ApiKeyScope, { name: 'ApiKeyScope' });
registerEnumType(ContractTier, { name: 'ContractTier' });

export { ApiKeyScope, ContractTier, PlatformRole, TenantRole };
